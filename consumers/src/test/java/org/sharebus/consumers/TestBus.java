package org.sharebus.consumers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.sharebus.topic.TopicCatalogue;

/** What the consumers' integration tests do to a running bus: publish department events, wait for HTTP answers. */
public final class TestBus {

    public static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Market supervision's {@link #apiKey}: the risk department's, it sees the risk class. */
    public static final String MARKET = apiKey(Department.MARKET);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestBus() {
    }

    /** Publishes each event to its department's topic, keyed by its USCC, in the Confluent format. */
    public static void publish(String bootstrapServers, SchemaRegistryClient registry, Collection<SpecificRecord> events) throws Exception {
        TopicCatalogue catalogue = TopicCatalogue.withDepartmentPartitions(1);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (SpecificRecord event : events) {
                EventHeader header = (EventHeader) ((SpecificRecordBase) event).get("header");
                String topic = catalogue.department(header.getSourceDepartment()).name();
                @SuppressWarnings("unchecked")
                Class<SpecificRecord> type = (Class<SpecificRecord>) event.getClass();
                byte[] value = new ConfluentAvroSerializer<>(registry, type).serialize(topic, event);
                producer.send(new ProducerRecord<>(topic, header.getUscc(), value)).get();
            }
        }
    }

    /** Sends raw bytes (null for a tombstone) to a topic. */
    public static void send(String bootstrapServers, String topic, String key, byte[] value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** A department's demo key of the consumers' API ({@code sharebus.api.departments} unset), as an Authorization header. */
    public static String apiKey(Department department) {
        return "Bearer demo-key-" + department.name().toLowerCase(Locale.ROOT);
    }

    /**
     * GETs the URL as market supervision: the consumers' API wants a department's key, and market
     * supervision's (the risk department's) sees what these tests look at, the risk class included.
     */
    public static HttpResponse<String> get(String url) throws Exception {
        return get(url, MARKET);
    }

    /** GETs the URL with this {@code Authorization} header; none when null. */
    public static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends any request (a method or header {@link #get} does not set). */
    public static HttpResponse<String> exchange(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** GETs the URL until the answer satisfies the condition; fails with the last answer after {@link #PATIENCE}. */
    public static HttpResponse<String> awaitGet(String url, Predicate<HttpResponse<String>> done) throws Exception {
        return awaitGet(url, MARKET, done);
    }

    /** {@link #awaitGet(String, Predicate)} with this {@code Authorization} header. */
    public static HttpResponse<String> awaitGet(String url, String authorization, Predicate<HttpResponse<String>> done) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(url, authorization);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET " + url + " did not answer as expected within " + PATIENCE + "; last: "
                + (last == null ? "nothing" : last.statusCode() + " " + last.body()));
    }
}
