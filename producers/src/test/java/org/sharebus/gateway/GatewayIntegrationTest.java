package org.sharebus.gateway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.auth.DepartmentKeys;
import org.sharebus.gateway.publish.EventPublisher;
import org.sharebus.gateway.publish.EventTypes;
import org.sharebus.gateway.publish.ExampleEvents;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one gateway every integration test class shares (same configuration, so Spring caches the
 * context): the embedded broker on a free port, embedded PostgreSQL, demo keys, a real HTTP port.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0", "sharebus.topics.department-partitions=3",
                "server.shutdown=immediate"})
@AutoConfigureMetrics
public abstract class GatewayIntegrationTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String CUSTOMS_KEY = DepartmentKeys.demoKey(Department.CUSTOMS);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    protected int port;
    @Autowired
    protected EmbeddedKafkaBroker broker;
    @Autowired
    protected EventTypes eventTypes;
    @Autowired
    protected EmbeddedPostgres postgres;

    /**
     * Another gateway on this class's broker and database, as a restarted or second gateway process
     * would stand; {@code properties} add to or override the shared ones. The caller closes it.
     */
    protected ConfigurableApplicationContext startGateway(List<Class<?>> extraSources, String... properties) {
        List<Class<?>> sources = new ArrayList<>(List.of(GatewayApplication.class));
        sources.addAll(extraSources);
        List<String> all = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username=postgres", "spring.datasource.password=",
                "server.shutdown=immediate", "spring.jmx.enabled=false",
                "sharebus.topics.department-partitions=3", "sharebus.embedded.registry-port=0"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder().sources(sources.toArray(Class<?>[]::new))
                .properties(all.toArray(String[]::new))
                // An argument, not a default property: application.yml's server.port outranks defaults.
                .run("--server.port=0");
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A valid CustomsPenaltyDecided in its JSON form, as mutable maps. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> customsPenalty(UUID eventId) {
        Map<String, Object> event = ExampleEvents.of(eventTypes.find("CustomsPenaltyDecided").orElseThrow(), eventId);
        Map<String, Object> payload = (Map<String, Object>) event.get("payload");
        payload.put("caseType", "SMUGGLING");
        payload.put("decisionNo", "杭关缉违字〔2025〕0042号");
        payload.put("amount", "125000.50");
        payload.put("decidedAt", "2025-03-14");
        return event;
    }

    protected static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    protected Response post(String path, String apiKey, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return send(request.build());
    }

    /** A POST with the given Content-Type (none when null), with the answer's headers. */
    protected HttpResponse<String> postAs(String path, String apiKey, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }

    protected Response get(String path, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60)).GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return send(request.build());
    }

    /** A request with its answer's headers (Allow, WWW-Authenticate), which {@link Response} leaves out. */
    protected HttpResponse<String> exchange(String method, String path, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (Exception e) {
            throw new IllegalStateException("request to " + request.uri() + " failed", e);
        }
    }

    /** Every record of {@code topic} (all partitions, from the start) whose event-id header is {@code eventId}. */
    protected List<ConsumerRecord<byte[], byte[]>> recordsOf(String topic, UUID eventId) {
        byte[] wanted = eventId.toString().getBytes(StandardCharsets.UTF_8);
        return readAll(topic).stream().filter(r -> {
            Header header = r.headers().lastHeader(EventPublisher.EVENT_ID_HEADER);
            return header != null && Arrays.equals(header.value(), wanted);
        }).toList();
    }

    /** Every event the audit log names (one audit record per request, an item per event), each with its request's department. */
    protected List<JsonNode> auditedEvents() {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(TopicCatalogue.AUDIT)) {
            JsonNode entry = JSON.readTree(record.value());
            for (JsonNode item : entry.path("items")) {
                ((ObjectNode) item).set("department", entry.get("department"));
                events.add(item);
            }
        }
        return events;
    }

    /** Every record of {@code topic} up to its current end. */
    protected List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return readAll(broker.bootstrapServers(), topic);
    }

    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", "false",
                "isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** An HTTP answer: status, content type and body. */
    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
