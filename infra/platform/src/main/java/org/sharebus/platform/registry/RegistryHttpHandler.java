package org.sharebus.platform.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API, as far as sharebus and standard Avro clients use it:
 * <pre>
 * GET  /                                           {}
 * GET  /subjects                                   ["customs.events.v1-value", ...]
 * POST /subjects/{s}                               {subject, version, id, schema} of a registered schema, or 40403
 * GET  /subjects/{s}/versions                      [1, 2]
 * POST /subjects/{s}/versions                      {"id": 1}; same schema, same id
 * GET  /subjects/{s}/versions/{v|latest|-1}        {subject, version, id, schema}
 * GET  /subjects/{s}/versions/{v}/schema           the schema itself
 * GET  /schemas/types                              ["AVRO"]
 * GET  /schemas/ids/{id}                           {"schema": "..."}
 * GET  /schemas/ids/{id}/schema                    the schema itself
 * GET  /schemas/ids/{id}/versions                  [{subject, version}]
 * GET  /schemas/ids/{id}/subjects                  ["a-value", "b-value"]
 * POST /compatibility/subjects/{s}/versions/{v}    {"is_compatible": true}; ?verbose=true adds "messages"
 * POST /compatibility/subjects/{s}/versions        the same against every version the subject's level asks for
 * GET  /config[/{s}]                               {"compatibilityLevel": "BACKWARD_TRANSITIVE"}; ?defaultToGlobal=true
 * PUT  /config[/{s}]                               {"compatibility": "FULL"} → {"compatibility": "FULL"}
 * </pre>
 * Errors carry Confluent's body {@code {"error_code": 40401, "message": "..."}}. Deleting is not
 * offered (405): the bus's schemas only grow.
 */
final class RegistryHttpHandler implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Set<String> ACCEPTED_TYPES =
            Set.of(CONTENT_TYPE, "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");
    private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Registry registry;

    RegistryHttpHandler(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            send(exchange, answer(exchange));
        } finally {
            exchange.close();
        }
    }

    private Answer answer(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String target = method + " " + exchange.getRequestURI();
        try {
            Request request = new Request(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes());
            return route(method, segments(exchange.getRequestURI().getRawPath()),
                    query(exchange.getRequestURI().getRawQuery()), request);
        } catch (RegistryException refused) {
            if (refused.httpStatus() >= 500) {
                log.error("{} failed: {}", target, refused.getMessage(), refused);
            }
            return error(refused.httpStatus(), refused.errorCode(), refused.getMessage(), null);
        } catch (IOException | RuntimeException failure) {
            log.error("{} failed", target, failure);
            return error(500, 50001, "Error in the embedded schema registry: " + failure, null);
        }
    }

    private Answer route(String method, List<String> path, Map<String, String> query, Request request) {
        int n = path.size();
        if (path.contains("")) {
            return notFound(method, path);
        }
        if (n == 0) {
            return endpoint(method, Map.of("GET", () -> ok(Map.of())));
        }
        switch (path.get(0)) {
            case "subjects" -> {
                if (n == 1) {
                    return endpoint(method, Map.of("GET", () -> ok(registry.subjects())));
                }
                String subject = path.get(1);
                if (n == 2) {
                    return endpoint(method, Map.of("POST", () -> ok(versionJson(registry.lookup(subject, schemaOf(request))))));
                }
                if (path.get(2).equals("versions")) {
                    if (n == 3) {
                        return endpoint(method, Map.of(
                                "GET", () -> ok(registry.versions(subject)),
                                "POST", () -> ok(Map.of("id", registry.register(subject, schemaOf(request))))));
                    }
                    String version = path.get(3);
                    if (n == 4) {
                        return endpoint(method, Map.of("GET", () -> ok(versionJson(registry.version(subject, version)))));
                    }
                    if (n == 5 && path.get(4).equals("schema")) {
                        return endpoint(method, Map.of("GET", () -> raw(registry.version(subject, version).schema())));
                    }
                }
            }
            case "schemas" -> {
                if (n == 2 && path.get(1).equals("types")) {
                    return endpoint(method, Map.of("GET", () -> ok(List.of("AVRO"))));
                }
                if (n >= 3 && path.get(1).equals("ids")) {
                    String id = path.get(2);
                    if (n == 3) {
                        return endpoint(method, Map.of("GET", () -> ok(Map.of("schema", registry.schemaById(id)))));
                    }
                    if (n == 4 && path.get(3).equals("schema")) {
                        return endpoint(method, Map.of("GET", () -> raw(registry.schemaById(id))));
                    }
                    if (n == 4 && path.get(3).equals("versions")) {
                        return endpoint(method, Map.of("GET", () -> ok(registry.versionsWithId(id).stream()
                                .map(RegistryHttpHandler::subjectVersionJson).toList())));
                    }
                    if (n == 4 && path.get(3).equals("subjects")) {
                        return endpoint(method, Map.of("GET", () -> ok(registry.versionsWithId(id).stream()
                                .map(SchemaVersion::subject).distinct().toList())));
                    }
                }
            }
            case "compatibility" -> {
                if ((n == 4 || n == 5) && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
                    String subject = path.get(2);
                    String version = n == 5 ? path.get(4) : null;
                    boolean verbose = Boolean.parseBoolean(query.get("verbose"));
                    return endpoint(method, Map.of("POST", () -> compatibility(
                            registry.compatibilityProblems(subject, version, schemaOf(request)), verbose)));
                }
            }
            case "config" -> {
                String subject = n == 2 ? path.get(1) : null;
                if (n <= 2) {
                    boolean defaultToGlobal = Boolean.parseBoolean(query.get("defaultToGlobal"));
                    return endpoint(method, Map.of(
                            "GET", () -> ok(Map.of("compatibilityLevel", (subject == null
                                    ? registry.globalLevel() : registry.subjectLevel(subject, defaultToGlobal)).name())),
                            "PUT", () -> {
                                CompatibilityLevel level = levelOf(request);
                                registry.setLevel(subject, level);
                                return ok(Map.of("compatibility", level.name()));
                            }));
                }
            }
            default -> {
                return notFound(method, path);
            }
        }
        return notFound(method, path);
    }

    private static Answer endpoint(String method, Map<String, Supplier<Answer>> handlers) {
        Supplier<Answer> handler = handlers.get(method);
        if (handler == null) {
            String allowed = String.join(", ", new TreeMap<>(handlers).keySet());
            return error(405, 405, "HTTP 405 Method Not Allowed: " + method + " is not offered here by the embedded "
                    + "schema registry; allowed: " + allowed, allowed);
        }
        return handler.get();
    }

    private static Answer notFound(String method, List<String> path) {
        return error(404, 404, "HTTP 404 Not Found: the schema registry has no endpoint " + method + " /" + String.join("/", path), null);
    }

    private static Map<String, Object> versionJson(SchemaVersion version) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subject", version.subject());
        json.put("version", version.version());
        json.put("id", version.id());
        json.put("schema", version.schema());
        return json;
    }

    private static Map<String, Object> subjectVersionJson(SchemaVersion version) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subject", version.subject());
        json.put("version", version.version());
        return json;
    }

    private static Answer compatibility(List<String> problems, boolean verbose) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("is_compatible", problems.isEmpty());
        if (verbose) {
            json.put("messages", problems);
        }
        return ok(json);
    }

    /** The schema text of a register, lookup or compatibility request. */
    private static String schemaOf(Request request) {
        JsonNode body = request.json();
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !type.asText().equalsIgnoreCase("AVRO")) {
            throw RegistryException.invalidSchema("schemaType '" + type.asText() + "' is not supported; the embedded registry serves AVRO only");
        }
        JsonNode references = body.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("schema references are not supported by the embedded registry");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || schema.isNull()) {
            throw RegistryException.invalidSchema("the request has no \"schema\" field; send {\"schema\": \"<the schema's JSON as a string>\"}");
        }
        if (!schema.isTextual()) {
            throw RegistryException.invalidSchema("\"schema\" must be a string holding the schema's JSON, got " + schema.getNodeType());
        }
        return schema.asText();
    }

    private static CompatibilityLevel levelOf(Request request) {
        JsonNode given = request.json().get("compatibility");
        String text = given == null || given.isNull() ? null : given.asText();
        return CompatibilityLevel.parse(text).orElseThrow(() -> RegistryException.invalidCompatibilityLevel(text));
    }

    /** Path segments, each URL-decoded on its own so that an encoded '/' stays inside a subject name. */
    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        String[] raw = rawPath.split("/");
        for (int i = 1; i < raw.length; i++) {
            segments.add(decode(raw[i]));
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                query.put(decode(equals < 0 ? pair : pair.substring(0, equals)), equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return query;
    }

    private static String decode(String text) {
        try {
            // URLDecoder is for forms: protect '+', which in a path is a plus, not a space.
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw RegistryException.malformedRequest("Malformed URL: '" + text + "': " + badEscape.getMessage());
        }
    }

    private static Answer ok(Object body) {
        try {
            return new Answer(200, JSON.writeValueAsBytes(body), null);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("could not write " + body + " as JSON", impossible);
        }
    }

    private static Answer raw(String json) {
        return new Answer(200, json.getBytes(StandardCharsets.UTF_8), null);
    }

    private static Answer error(int status, int errorCode, String message, String allow) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        Answer answer = ok(body);
        return new Answer(status, answer.body(), allow);
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        if (answer.allow() != null) {
            exchange.getResponseHeaders().set("Allow", answer.allow());
        }
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private record Answer(int status, byte[] body, String allow) {
    }

    private record Request(String contentType, byte[] body) {

        /** The body as a JSON object: 415 for another media type, 400 when it is not JSON, 422 when not an object. */
        JsonNode json() {
            if (contentType != null) {
                String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (!ACCEPTED_TYPES.contains(mediaType)) {
                    throw new RegistryException(415, 415, "HTTP 415 Unsupported Media Type: " + mediaType
                            + "; send " + CONTENT_TYPE + " or application/json");
                }
            }
            if (body.length == 0) {
                throw RegistryException.malformedRequest("The request has no body; expected a JSON object such as {\"schema\": \"...\"}");
            }
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException notJson) {
                throw RegistryException.malformedRequest("The request body is not valid JSON: "
                        + (notJson instanceof JsonProcessingException processing ? processing.getOriginalMessage() : notJson.getMessage()));
            }
            if (json == null || !json.isObject()) {
                throw RegistryException.unprocessableRequest("The request body must be a JSON object, got "
                        + (json == null ? "nothing" : json.getNodeType()));
            }
            return json;
        }
    }
}
