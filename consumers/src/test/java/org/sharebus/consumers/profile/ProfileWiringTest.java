package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sharebus.consumers.api.ApiCaller;
import org.sharebus.consumers.ConsumersApplication;
import org.sharebus.consumers.TestBus;
import org.sharebus.event.common.Department;
import org.sharebus.event.CustomsExamples;
import org.sharebus.event.EventExamples;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.RiskClass;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The consumer application as deployed, on the in-process broker and registry: real Avro events
 * in, the profile out through REST and on sharebus.profiles.v1, garbage into the dead-letter
 * topic, and the metrics on /actuator/prometheus. One context, one broker, one test.
 */
@SpringBootTest(classes = ConsumersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0", "sharebus.topics.department-partitions=2",
        "sharebus.profile.advertised-host=127.0.0.1", "server.shutdown=immediate"})
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
class ProfileWiringTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String TRADER = EventExamples.XIAOSHAN_TRADING.uscc().value();

    @LocalServerPort
    int port;
    @Autowired
    KafkaConnectionDetails kafka;
    @Autowired
    SchemaRegistryClient registry;
    @Autowired
    StreamsBuilderFactoryBean streams;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldBuildProfileFromPublishedEventsAndDeadLetterGarbageWhenRunningOnEmbeddedBroker(CapturedOutput output) throws Exception {
        // given the application running
        await("Kafka Streams RUNNING", () -> streams.getKafkaStreams() != null
                && streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
        assertThat(streams.getStreamsConfiguration().getProperty("application.id")).isEqualTo("sharebus-profile");
        assertThat(streams.getStreamsConfiguration().getProperty("producer.batch.size")).isEqualTo("262144");
        // stopped after the web server's graceful drain (a higher phase stops first), started after the web server
        assertThat(streams.getPhase()).isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE)
                .isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024);

        // when customs publishes a smuggling penalty and the downgrade it caused, and someone sends garbage
        try (KafkaProducer<String, CustomsEvent> producer = new KafkaProducer<>(producerConfig(),
                new org.apache.kafka.common.serialization.StringSerializer(), new ConfluentAvroSerializer<>(registry, CustomsEvent.class))) {
            producer.send(new ProducerRecord<>("customs.events.v1", TRADER, CustomsExamples.smugglingPenalty())).get();
            producer.send(new ProducerRecord<>("customs.events.v1", TRADER, CustomsExamples.downgradedToDishonest())).get();
        }
        byte[] garbage = {0, 0, 0, 0, 42, 1, 2, 3};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("customs.events.v1", TRADER.getBytes(StandardCharsets.UTF_8), garbage)).get();
        }

        // then the profile answers over REST with its class and factors
        JsonNode profile = awaitJson("/api/v1/enterprises/" + TRADER.toLowerCase(), p -> p.path("eventCount").asInt() == 2);
        assertThat(profile.path("uscc").asText()).isEqualTo(TRADER);
        assertThat(profile.path("name").asText()).isEqualTo("杭州萧山进出口贸易有限公司");
        assertThat(profile.path("identity").path("district").asText()).isEqualTo("萧山区");
        assertThat(profile.path("customs").path("creditClass").asText()).isEqualTo("DISHONEST");
        assertThat(profile.path("penalties").get(0).path("publicityEndsOn").asText()).isEqualTo("2031-05-13");
        assertThat(profile.path("penalties").get(0).path("fineAmount").decimalValue()).isEqualByComparingTo("1250000.00");
        assertThat(profile.path("risk").path("riskClass").asText()).isEqualTo("D");
        if (BuilderPriority.currentNice().orElse(-1) == 0) { // on Linux, in a JVM not started under nice
            // and the stream thread that built it yields the CPU to the query API (BuilderPriority), as it says in the log
            assertThat(output.getAll()).containsPattern("StreamThread-\\d+ \\(Linux thread \\d+\\) runs at nice 10: queries go first");
        }
        assertThat(profile.path("risk").path("explanation").asText())
                .isEqualTo("D because: customs DISHONEST +40; customs smuggling penalty 杭关缉违字〔2026〕0042号 +30");

        // and the timeline, newest first
        HttpResponse<String> timeline = get("/api/v1/enterprises/" + TRADER + "/timeline");
        assertThat(timeline.statusCode()).isEqualTo(200);
        JsonNode entries = json.readTree(timeline.body()).path("entries");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).path("eventType").asText()).isEqualTo("CustomsCreditClassChanged");
        assertThat(entries.get(1).path("summary").asText()).isEqualTo("海关行政处罚 杭关缉违字〔2026〕0042号");

        // and its state's changelog is replicated as the bus sizes its own topics, not by the broker's default
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", String.join(",", kafka.getBootstrapServers())))) {
            org.apache.kafka.common.config.ConfigResource changelog = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "sharebus-profile-profile-store-changelog");
            org.apache.kafka.clients.admin.ConfigEntry minInsync = admin.describeConfigs(List.of(changelog)).all().get(30, java.util.concurrent.TimeUnit.SECONDS)
                    .get(changelog).get("min.insync.replicas");
            assertThat(minInsync.source()).as("set on the changelog itself")
                    .isEqualTo(org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(minInsync.value()).isEqualTo("1");
        }

        // and the profile is on sharebus.profiles.v1, in the Confluent format
        List<ConsumerRecord<String, EnterpriseProfile>> published = readUntil(TopicRecords.profiles(kafka, registry),
                records -> records.stream().anyMatch(r -> r.value().getEventCount() == 2));
        assertThat(published).allSatisfy(r -> assertThat(r.key()).isEqualTo(TRADER));
        assertThat(published.get(published.size() - 1).value().getRisk().getRiskClass()).isEqualTo(RiskClass.D);

        // and the garbage is in customs.events.v1.DLT with the reason
        List<ConsumerRecord<byte[], byte[]>> dead = readUntil(TopicRecords.raw(kafka, "customs.events.v1.DLT"), records -> !records.isEmpty());
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(header(dead.get(0), EventDecoder.TOPIC)).isEqualTo("customs.events.v1");
        assertThat(header(dead.get(0), EventDecoder.REASON)).startsWith("unknown schema id 42");
        assertThat(header(dead.get(0), EventDecoder.OFFSET)).isEqualTo("2");
        assertThat(header(dead.get(0), EventDecoder.PARTITION)).isNotNull();

        // and the API answers only a caller with a key, each department what it may see
        HttpResponse<String> anonymous = TestBus.get("http://127.0.0.1:" + port + "/api/v1/enterprises/" + TRADER, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sharebus\"");
        assertThat(json.readTree(anonymous.body()).path("detail").asText()).startsWith("no Authorization header");
        for (String path : List.of("/api/v1/enterprises/" + TRADER + "/timeline", "/api/v1/enterprises/" + TRADER + "/",
                "/api/v1/enterprises?name=萧山", "/api/v1/enterprises/", "/api/v1/notices", "/api/v1/notices?department=MARKET")) {
            assertThat(TestBus.get("http://127.0.0.1:" + port + path, "Bearer not-a-key").statusCode()).as(path).isEqualTo(401);
            assertThat(TestBus.get("http://127.0.0.1:" + port + path, null).statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> customsAnswer = TestBus.get("http://127.0.0.1:" + port + "/api/v1/enterprises/" + TRADER, TestBus.apiKey(Department.CUSTOMS));
        // what a department may see is for it alone: no cache on the way keeps it
        assertThat(customsAnswer.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode asCustoms = json.readTree(customsAnswer.body());
        assertThat(asCustoms.path("customs").path("creditClass").asText()).isEqualTo("DISHONEST");
        assertThat(asCustoms.has("risk")).as("risk class, market supervision's INTERNAL fact, shown to customs").isFalse();
        // and each request, answered or refused, is a line of the access log
        assertThat(output.getOut()).contains("caller=CUSTOMS method=GET path=/api/v1/enterprises/" + TRADER + " status=200 forwarded=false")
                .contains("caller=unknown method=GET path=/api/v1/enterprises/" + TRADER + " status=401 forwarded=false");
        // and a caller cannot mark its own read as forwarded there (only the instances' proof does)
        HttpResponse<String> claimed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/enterprises/" + TRADER + "/timeline"))
                .header("Authorization", TestBus.apiKey(Department.TAX)).header(ApiCaller.FORWARDED_HEADER, "1").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(output.getOut()).contains("caller=TAX method=GET path=/api/v1/enterprises/" + TRADER + "/timeline status=200 forwarded=false");

        // and bad requests get problem answers
        HttpResponse<String> invalid = get("/api/v1/enterprises/91330109J6H9752475");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(invalid.body()).path("detail").asText())
                .isEqualTo("USCC '91330109J6H9752475' check character is '5', expected '4' (GB 32100-2015)");
        HttpResponse<String> unknown = get("/api/v1/enterprises/" + EventExamples.BINJIANG_CLOUD.uscc());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("title").asText()).isEqualTo("Enterprise not found");

        // and the metrics show the updates, their latency, the dead letter and the store
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("sharebus_profile_updates_total\\{[^}]*cause=\"event\"[^}]*} 2\\.0")
                .containsPattern("sharebus_dlt_records_total\\{[^}]*topic=\"customs.events.v1\"[^}]*} 1\\.0")
                // at 0 before any dead letter, so the alert's increase() sees a department's first one
                .containsPattern("sharebus_dlt_records_total\\{[^}]*topic=\"tax.events.v1\"[^}]*} 0\\.0")
                .containsPattern("sharebus_profile_latency_seconds_count\\{[^}]*from=\"published_at\"[^}]*} 2")
                .containsPattern("sharebus_profile_latency_seconds_bucket\\{[^}]*from=\"occurred_at\"[^}]*le=\"\\+Inf\"[^}]*} 2")
                // RocksDB's estimate: overwrites not yet compacted count, so at least the one profile
                .containsPattern("sharebus_profile_store_size\\{[^}]*} [1-9][0-9]*\\.0")
                // the refused keys, as the SharebusApiKeysRefused alert counts them
                .containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*status=\"401\"[^}]*uri=\"/api/v1/enterprises/\\{uscc}/timeline\"[^}]*} 2$")
                // the read models' consumers are measured too (their lag is what SharebusConsumerLagHigh watches)
                .containsPattern("kafka_consumer_[a-z_]+\\{[^}]*client_id=\"consumer-sharebus-search-projection-[^}]*}");

        // and when a burst of the enterprise's events arrives together, each sent twice in a row (a department
        // retrying), the profile topic gets the profile as each commit leaves it, not one record per event
        int burst = 20;
        try (KafkaProducer<String, CustomsEvent> producer = new KafkaProducer<>(producerConfig(),
                new org.apache.kafka.common.serialization.StringSerializer(), new ConfluentAvroSerializer<>(registry, CustomsEvent.class))) {
            for (int i = 0; i < burst; i++) {
                CustomsEvent event = CustomsExamples.downgradedToDishonest();
                event.getHeader().setEventId(UUID.randomUUID());
                producer.send(new ProducerRecord<>("customs.events.v1", TRADER, event));
                producer.send(new ProducerRecord<>("customs.events.v1", TRADER, event));
            }
            producer.flush();
        }
        List<ConsumerRecord<String, EnterpriseProfile>> afterBurst = readUntil(TopicRecords.profiles(kafka, registry),
                records -> records.stream().anyMatch(r -> r.value().getEventCount() == 2 + burst));
        long burstRecords = afterBurst.stream().filter(r -> r.value().getEventCount() > 2).count();
        assertThat(burstRecords).as("profile records for %d events", burst).isBetween(1L, (long) burst - 1);
        assertThat(afterBurst.get(afterBurst.size() - 1).value().getEventCount()).isEqualTo(2 + burst);
        // and every second copy is known for what it is, most of them while the first is still waiting for its commit
        awaitJson("/actuator/metrics/sharebus.profile.duplicates", m -> m.path("measurements").path(0).path("value").asDouble() == burst);
        assertThat(awaitJson("/api/v1/enterprises/" + TRADER, p -> true).path("eventCount").asInt()).isEqualTo(2 + burst);
    }

    private Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.CLIENT_ID_CONFIG, "wiring-test-" + UUID.randomUUID());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return TestBus.get("http://127.0.0.1:" + port + path);
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(path);
            if (last.statusCode() == 200 && done.test(json.readTree(last.body()))) {
                return json.readTree(last.body());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET " + path + " did not answer as expected within " + PATIENCE + "; last: "
                + (last == null ? "nothing" : last.statusCode() + " " + last.body()));
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not reached within " + PATIENCE);
            }
            Thread.sleep(100);
        }
    }

    private static <K, V> List<ConsumerRecord<K, V>> readUntil(KafkaConsumer<K, V> consumer, Predicate<List<ConsumerRecord<K, V>>> done) {
        try (consumer) {
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(PATIENCE);
            while (!done.test(records)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("topic records not as expected within " + PATIENCE + ": " + records);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Consumers reading a topic from the start, committed records only. */
    private static final class TopicRecords {

        static KafkaConsumer<String, EnterpriseProfile> profiles(KafkaConnectionDetails kafka, SchemaRegistryClient registry) {
            KafkaConsumer<String, EnterpriseProfile> consumer = new KafkaConsumer<>(config(kafka), new StringDeserializer(),
                    new ConfluentAvroDeserializer<>(registry, EnterpriseProfile.class));
            consumer.subscribe(List.of(org.sharebus.topic.TopicCatalogue.PROFILES));
            return consumer;
        }

        static KafkaConsumer<byte[], byte[]> raw(KafkaConnectionDetails kafka, String topic) {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(kafka), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(topic));
            return consumer;
        }

        private static Map<String, Object> config(KafkaConnectionDetails kafka) {
            return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()),
                    ConsumerConfig.GROUP_ID_CONFIG, "wiring-test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
    }
}
