package org.sharebus.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent Schema Registry REST API, so any Confluent-API registry serves sharebus:
 * Confluent's own, Apicurio's ccompat API (base URL {@code http://host:8080/apis/ccompat/v7}),
 * Karapace, Redpanda, and sharebus's embedded registry.
 *
 * <p>Ids of registered schemas (per subject) and schemas of ids are cached for the life of the
 * client, and each is fetched once even when many threads ask at the same time: after the first
 * record of a topic, the serde makes no HTTP call. Latest versions, subject lists, compatibility
 * answers and levels are not cached, since they change.
 *
 * <p>A request is retried, with doubling back-off, when the registry cannot be reached, does not
 * answer in time, answers 5xx or 429; never on another 4xx, which retrying would not change. All
 * requests of the API used here are idempotent (registering the same schema again returns the same
 * id), so a retry after a lost answer is safe.
 */
public class RestSchemaRegistryClient implements SchemaRegistryClient {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_RETRIES = 3;
    static final Duration DEFAULT_BACKOFF = Duration.ofMillis(100);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final String baseUrl;
    private final Duration timeout;
    private final int maxRetries;
    private final Duration backoff;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final OnceCache<Integer, Schema> schemasById = new OnceCache<>();
    private final OnceCache<SubjectSchema, Integer> idsBySubjectSchema = new OnceCache<>();

    private record SubjectSchema(String subject, String schema) {
    }

    /** A request and what it is about, for error messages. */
    private record Call(String method, String path, JsonNode body, String action, String subject, Integer schemaId) {
    }

    /** With a 5 s connect and request timeout and 3 retries. */
    public RestSchemaRegistryClient(URI baseUrl) {
        this(baseUrl, DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES);
    }

    /**
     * @param baseUrl    the registry's API root; a path (e.g. {@code /apis/ccompat/v7}) is kept
     * @param timeout    the connect timeout and the timeout of each request
     * @param maxRetries retries after the first attempt, 0 for none
     */
    public RestSchemaRegistryClient(URI baseUrl, Duration timeout, int maxRetries) {
        this(baseUrl, timeout, maxRetries, DEFAULT_BACKOFF);
    }

    RestSchemaRegistryClient(URI baseUrl, Duration timeout, int maxRetries, Duration backoff) {
        Objects.requireNonNull(baseUrl, "schema registry URL is required");
        String scheme = baseUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("schema registry URL must be http or https, got '" + baseUrl + "'");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("schema registry timeout must be positive, got " + timeout);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("schema registry retries must be 0 or more, got " + maxRetries);
        }
        String url = baseUrl.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        this.baseUrl = url;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        // HTTP/1.1: the default HTTP/2 attempt sends an h2c upgrade that some registries' servers mishandle.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** The registry's API root, as given (health checks probe it directly, without the client's retries). */
    public URI baseUrl() {
        return URI.create(baseUrl);
    }

    @Override
    public int register(String subject, Schema schema) {
        String text = schema.toString();
        int id = idsBySubjectSchema.get(new SubjectSchema(subject, text), key -> {
            Call call = new Call("POST", "/subjects/" + segment(subject) + "/versions", schemaBody(text),
                    "registering a schema under subject '" + subject + "'", subject, null);
            return requiredInt(call, send(call), "id");
        });
        schemasById.put(id, schema);
        return id;
    }

    @Override
    public int lookup(String subject, Schema schema) {
        String text = schema.toString();
        int id = idsBySubjectSchema.get(new SubjectSchema(subject, text), key -> {
            Call call = new Call("POST", "/subjects/" + segment(subject), schemaBody(text),
                    "looking up a schema under subject '" + subject + "'", subject, null);
            return requiredInt(call, send(call), "id");
        });
        schemasById.put(id, schema);
        return id;
    }

    @Override
    public Schema getById(int id) {
        return schemasById.get(id, key -> {
            Call call = new Call("GET", "/schemas/ids/" + id, null, "fetching schema id " + id, null, id);
            JsonNode answer = send(call);
            String type = answer.path("schemaType").asText("AVRO");
            if (!"AVRO".equals(type)) {
                throw new SchemaRegistryException(prefix() + "schema id " + id + " is a " + type + " schema, not Avro",
                        200, SchemaRegistryException.INVALID_SCHEMA);
            }
            return parse(call, requiredText(call, answer, "schema"));
        });
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        Call call = new Call("GET", "/subjects/" + segment(subject) + "/versions/latest", null,
                "reading the latest version of subject '" + subject + "'", subject, null);
        JsonNode answer = send(call);
        int id = requiredInt(call, answer, "id");
        Schema schema = schemasById.get(id, key -> parse(call, requiredText(call, answer, "schema")));
        return new RegisteredSchema(subject, requiredInt(call, answer, "version"), id, schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        Call call = new Call("POST", "/compatibility/subjects/" + segment(subject) + "/versions",
                schemaBody(schema.toString()), "checking compatibility with subject '" + subject + "'", subject, null);
        try {
            JsonNode answer = send(call);
            JsonNode compatible = answer.get("is_compatible");
            if (compatible == null || !compatible.isBoolean()) {
                throw malformed(call, answer.toString(), "no boolean 'is_compatible'");
            }
            return compatible.booleanValue();
        } catch (SchemaRegistryException e) {
            // A subject that does not exist accepts any schema. Asked, not assumed from the 404: a
            // wrong base URL answers 404 too, and must not pass every schema as compatible.
            if (e.httpStatus() == 404 && !subjects().contains(subject)) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public List<String> subjects() {
        Call call = new Call("GET", "/subjects", null, "listing subjects", null, null);
        JsonNode answer = send(call);
        if (!answer.isArray()) {
            throw malformed(call, answer.toString(), "not a JSON array of subjects");
        }
        List<String> subjects = new ArrayList<>();
        answer.forEach(node -> subjects.add(node.asText()));
        return List.copyOf(subjects);
    }

    @Override
    public Compatibility getCompatibility(String subjectOrNull) {
        if (subjectOrNull == null) {
            return compatibility(new Call("GET", "/config", null, "reading the global compatibility level", null, null));
        }
        Call call = new Call("GET", "/config/" + segment(subjectOrNull) + "?defaultToGlobal=true", null,
                "reading the compatibility level of subject '" + subjectOrNull + "'", subjectOrNull, null);
        try {
            return compatibility(call);
        } catch (SchemaRegistryException e) {
            // Registries that ignore defaultToGlobal answer 404 for a subject without a level of its own.
            if (e.httpStatus() == 404) {
                return getCompatibility(null);
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(String subjectOrNull, Compatibility level) {
        Objects.requireNonNull(level, "compatibility level is required");
        ObjectNode body = json.createObjectNode().put("compatibility", level.name());
        String path = subjectOrNull == null ? "/config" : "/config/" + segment(subjectOrNull);
        String what = subjectOrNull == null ? "the global compatibility level" : "the compatibility level of subject '" + subjectOrNull + "'";
        send(new Call("PUT", path, body, "setting " + what + " to " + level, subjectOrNull, null));
    }

    @Override
    public String toString() {
        return "schema registry at " + baseUrl;
    }

    private Compatibility compatibility(Call call) {
        JsonNode answer = send(call);
        JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
        if (level == null || !level.isTextual()) {
            throw malformed(call, answer.toString(), "no 'compatibilityLevel'");
        }
        try {
            return Compatibility.valueOf(level.asText());
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException(prefix() + call.action() + ": unknown compatibility level '"
                    + level.asText() + "'", 200, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL, e);
        }
    }

    private JsonNode send(Call call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
                .timeout(timeout)
                .header("Accept", ACCEPT);
        if (call.body() != null) {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body().toString(), StandardCharsets.UTF_8));
        } else {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = builder.build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return readJson(call, response.body());
                }
                if (!retryable(status) || attempt > maxRetries) {
                    throw refused(call, status, response.body(), attempt);
                }
            } catch (HttpTimeoutException e) {
                if (attempt > maxRetries) {
                    throw new SchemaRegistryException(prefix() + call.action() + ": no answer to " + call.method() + " "
                            + baseUrl + call.path() + " within " + timeout.toMillis() + " ms" + attempts(attempt), 0, 0, e);
                }
            } catch (IOException e) {
                if (attempt > maxRetries) {
                    throw new SchemaRegistryException(prefix() + call.action() + ": " + call.method() + " " + baseUrl
                            + call.path() + " failed" + attempts(attempt) + ": " + e, 0, 0, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(prefix() + call.action() + ": interrupted", 0, 0, e);
            }
            pause(call, attempt);
        }
    }

    private static boolean retryable(int status) {
        return status >= 500 || status == 429;
    }

    private void pause(Call call, int attempt) {
        try {
            Thread.sleep(backoff.toMillis() << Math.min(attempt - 1, 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(prefix() + call.action() + ": interrupted while waiting to retry", 0, 0, e);
        }
    }

    private SchemaRegistryException refused(Call call, int status, String body, int attempt) {
        int code = 0;
        String serverMessage = null;
        try {
            JsonNode error = json.readTree(body);
            code = error.path("error_code").asInt(0);
            serverMessage = error.path("message").isTextual() ? error.get("message").asText() : null;
        } catch (JsonProcessingException e) {
            serverMessage = snippet(body); // not JSON, e.g. a proxy's HTML page: show what it said
        }
        if (code == 0) {
            // Some registries (Apicurio answers 409 with error_code 0) give no code: take it from the status.
            code = switch (status) {
                case 404 -> call.schemaId() != null ? SchemaRegistryException.SCHEMA_NOT_FOUND
                        : call.subject() != null ? SchemaRegistryException.SUBJECT_NOT_FOUND : 404;
                case 422 -> SchemaRegistryException.INVALID_SCHEMA;
                default -> status;
            };
        }
        String message = prefix() + phrase(call, status, code) + " (" + code + ")"
                + (retryable(status) ? attempts(attempt) : "")
                + (serverMessage == null || serverMessage.isBlank() ? "" : ": " + serverMessage);
        return new SchemaRegistryException(message, status, code);
    }

    private static String phrase(Call call, int status, int code) {
        return switch (code) {
            case SchemaRegistryException.SUBJECT_NOT_FOUND -> "subject '" + call.subject() + "' not found";
            case SchemaRegistryException.VERSION_NOT_FOUND -> "version not found in subject '" + call.subject() + "'";
            case SchemaRegistryException.SCHEMA_NOT_FOUND -> call.schemaId() != null
                    ? "schema id " + call.schemaId() + " not found"
                    : "schema not found under subject '" + call.subject() + "'";
            case SchemaRegistryException.INCOMPATIBLE_SCHEMA ->
                    "schema is incompatible with the earlier schemas of subject '" + call.subject() + "'";
            case SchemaRegistryException.INVALID_SCHEMA -> "invalid schema for subject '" + call.subject() + "'";
            case SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL -> call.action() + ": invalid compatibility level";
            default -> call.action() + " failed with HTTP " + status;
        };
    }

    private String prefix() {
        return "schema registry at " + baseUrl + ": ";
    }

    private static String attempts(int attempt) {
        return attempt == 1 ? " (1 attempt)" : " (" + attempt + " attempts)";
    }

    private JsonNode readJson(Call call, String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(call, body, "not JSON");
        }
    }

    private SchemaRegistryException malformed(Call call, String body, String problem) {
        return new SchemaRegistryException(prefix() + call.action() + ": unexpected answer (" + problem + "): "
                + snippet(body), 200, 0);
    }

    private int requiredInt(Call call, JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw malformed(call, answer.toString(), "no integer '" + field + "'");
        }
        return value.intValue();
    }

    private String requiredText(Call call, JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed(call, answer.toString(), "no string '" + field + "'");
        }
        return value.asText();
    }

    private Schema parse(Call call, String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(prefix() + call.action() + ": the registry's schema is not valid Avro: "
                    + e.getMessage(), 200, SchemaRegistryException.INVALID_SCHEMA, e);
        }
    }

    private ObjectNode schemaBody(String schemaText) {
        return json.createObjectNode().put("schema", schemaText);
    }

    private static String segment(String subject) {
        Objects.requireNonNull(subject, "subject is required");
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String snippet(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_BODY_IN_MESSAGE ? flat : flat.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }
}
