package org.sharebus.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** Each indicator's answer, and the reason it gives when its dependency is not there. */
class HealthIndicatorsTest {

    /** What the indicators wait for where nothing will answer. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Where an answer comes: generous, the first HTTP call of a cold JVM on a loaded CI machine can take a second by itself. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void shouldBeDownNamingTheBootstrapServersWhenNoBrokerAnswers() {
        // given a bootstrap address where nothing listens
        String servers = "127.0.0.1:" + unusedPort();
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(Map.of("bootstrap.servers", servers), TIMEOUT);
        try {
            // when
            Health health = indicator.health();

            // then
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("bootstrapServers", servers);
            assertThat(health.getDetails()).containsEntry("error", "no answer from Kafka within 1000 ms");
        } finally {
            indicator.destroy();
        }
    }

    @Test
    void shouldBeDownNamingTheAddressWhenTheBootstrapServersDoNotResolve() {
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(Map.of("bootstrap.servers", "kafka.invalid:9092"), TIMEOUT);
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("bootstrapServers", "kafka.invalid:9092");
            assertThat(health.getDetails().get("error").toString()).contains("No resolvable bootstrap urls");
        } finally {
            indicator.destroy();
        }
    }

    @Test
    void shouldBeUpWithTheSubjectsUrlWhenTheRegistryAnswers() throws IOException {
        HttpServer registry = registryAnswering(200, "[\"customs.events.v1-value\"]");
        try {
            URI base = URI.create("http://127.0.0.1:" + registry.getAddress().getPort() + "/apis/ccompat/v7/");

            Health health = new SchemaRegistryHealthIndicator(base, ANSWER_TIMEOUT).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("url", base + "subjects");
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void shouldBeDownWithTheStatusAndBodyWhenTheRegistryAnswersAnError() throws IOException {
        HttpServer registry = registryAnswering(500, "{\"error_code\":50001,\"message\":\"store unavailable\"}");
        try {
            URI base = URI.create("http://127.0.0.1:" + registry.getAddress().getPort());

            Health health = new SchemaRegistryHealthIndicator(base, ANSWER_TIMEOUT).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("error").toString())
                    .isEqualTo("GET " + base + "/subjects answered 500: {\"error_code\":50001,\"message\":\"store unavailable\"}");
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void shouldBeUpWhenEveryStreamsApplicationIsRunning() {
        Health health = new KafkaStreamsHealthIndicator(List.of(streams("sharebus-profiles", KafkaStreams.State.RUNNING))).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("sharebus-profiles", "RUNNING");
    }

    @Test
    void shouldBeDownNamingTheStateWhenOneStreamsApplicationIsNotRunning() {
        Health health = new KafkaStreamsHealthIndicator(List.of(
                streams("sharebus-profiles", KafkaStreams.State.RUNNING),
                streams("sharebus-notices", KafkaStreams.State.ERROR))).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("sharebus-profiles", "RUNNING").containsEntry("sharebus-notices", "ERROR");
    }

    @Test
    void shouldBeDownWhenTheStreamsApplicationHasNotStarted() {
        StreamsBuilderFactoryBean factory = mock(StreamsBuilderFactoryBean.class);
        when(factory.getStreamsConfiguration()).thenReturn(properties("sharebus-profiles"));

        Health health = new KafkaStreamsHealthIndicator(List.of(factory)).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("sharebus-profiles", "NOT_STARTED");
    }

    private static StreamsBuilderFactoryBean streams(String applicationId, KafkaStreams.State state) {
        KafkaStreams streams = mock(KafkaStreams.class);
        when(streams.state()).thenReturn(state);
        StreamsBuilderFactoryBean factory = mock(StreamsBuilderFactoryBean.class);
        when(factory.getKafkaStreams()).thenReturn(streams);
        when(factory.getStreamsConfiguration()).thenReturn(properties(applicationId));
        return factory;
    }

    private static Properties properties(String applicationId) {
        Properties properties = new Properties();
        properties.put("application.id", applicationId);
        return properties;
    }

    private static HttpServer registryAnswering(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
