package org.sharebus.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.avro.Schema;

/** Plain HTTP calls to a registry, the way any Confluent-API client makes them. */
final class RegistryHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String url;

    RegistryHttp(String url) {
        this.url = url;
    }

    Reply get(String path) {
        return send("GET", path, null, MEDIA_TYPE);
    }

    Reply post(String path, String body) {
        return send("POST", path, body, MEDIA_TYPE);
    }

    Reply put(String path, String body) {
        return send("PUT", path, body, MEDIA_TYPE);
    }

    Reply register(String subject, Schema schema) {
        return post("/subjects/" + subject + "/versions", schemaRequest(schema.toString()));
    }

    /** The id of a registration that must succeed. */
    int registerId(String subject, Schema schema) {
        Reply reply = register(subject, schema);
        if (reply.status() != 200) {
            throw new AssertionError("registering under " + subject + " answered " + reply.status() + " " + reply.body());
        }
        return reply.json().get("id").asInt();
    }

    Reply send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", MEDIA_TYPE);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Allow").orElse(""), response.body());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** {"schema": "<the schema as a JSON string>"} */
    static String schemaRequest(String schemaText) {
        try {
            return JSON.writeValueAsString(Map.of("schema", schemaText));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    record Reply(int status, String contentType, String allow, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new AssertionError("the answer is not JSON: " + body, notJson);
            }
        }

        int errorCode() {
            return json().get("error_code").asInt();
        }

        String message() {
            return json().get("message").asText();
        }
    }
}
