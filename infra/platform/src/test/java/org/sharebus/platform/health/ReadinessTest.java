package org.sharebus.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an orchestrator's probes see when the schema registry is unreachable: readiness DOWN (503)
 * naming the registry's URL and the reason, Kafka and the database still UP beside it, and liveness
 * UP (a restart would not help). The platform's defaults alone set the groups up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sharebus.embedded.kafka-port=0", "sharebus.topics.department-partitions=1"})
class ReadinessTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class AnyDeployable {
    }

    private static final int DEAD_PORT = unusedPort();

    @DynamicPropertySource
    static void brokenRegistry(DynamicPropertyRegistry registry) {
        registry.add("sharebus.registry.url", () -> "http://127.0.0.1:" + DEAD_PORT);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldReportNotReadyNamingTheRegistryUrlWhenTheRegistryIsUnreachable() throws Exception {
        // given a deployable whose schema registry does not answer
        String subjects = "http://127.0.0.1:" + DEAD_PORT + "/subjects";

        // when the readiness probe asks
        HttpResponse<String> readiness = get("/actuator/health/readiness");

        // then it is refused, naming the registry, its URL and why; Kafka and the database are fine
        assertThat(readiness.statusCode()).isEqualTo(503);
        JsonNode body = json.readTree(readiness.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        JsonNode registry = body.path("components").path("schemaRegistry");
        assertThat(registry.path("status").asText()).isEqualTo("DOWN");
        assertThat(registry.path("details").path("url").asText()).isEqualTo(subjects);
        assertThat(registry.path("details").path("error").asText()).startsWith("GET " + subjects + " failed: ConnectException");
        assertThat(body.path("components").path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("kafka").path("details").path("brokers").asInt()).isEqualTo(1);
        assertThat(body.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("readinessState").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldStayLiveAndShowTheBrokenRegistryInTheHealthEndpointWhenTheRegistryIsUnreachable() throws Exception {
        // when the liveness probe and an operator ask
        HttpResponse<String> liveness = get("/actuator/health/liveness");
        HttpResponse<String> health = get("/actuator/health");

        // then the instance is not restarted for it, and /actuator/health names it
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(liveness.body()).path("status").asText()).isEqualTo("UP");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json.readTree(health.body()).path("components").path("schemaRegistry").path("details").path("url").asText())
                .isEqualTo("http://127.0.0.1:" + DEAD_PORT + "/subjects");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
