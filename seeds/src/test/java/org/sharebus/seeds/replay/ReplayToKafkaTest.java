package org.sharebus.seeds.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sharebus.event.common.EventHeader;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.platform.registry.EmbeddedSchemaRegistry;
import org.sharebus.registry.RestSchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.seeds.generate.SeedGenerator;
import org.sharebus.seeds.generate.SeedParameters;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;

/** The load tool against a real broker and registry: what it says it published is what a consumer reads. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayToKafkaTest {

    private static final TopicCatalogue TOPICS = TopicCatalogue.withDepartmentPartitions(3);
    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startOnAnyPort();
        registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "127.0.0.1", 0);
        registry.start();
        client = new RestSchemaRegistryClient(URI.create(registry.url()));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            List<NewTopic> topics = TOPICS.departmentTopics().stream()
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1)).toList();
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    @Order(1) // counts the records in the topics, which the rate test's replay adds to
    void shouldLeaveExactlyTheGeneratedEventsDecodableInEachTopicWhenReplayingStraightToKafka() throws Exception {
        // given a small data set and how many events it holds per topic
        SeedParameters parameters = SeedParameters.defaults().withEnterprises(300);
        Map<String, Integer> expected = new HashMap<>();
        new SeedGenerator(parameters).forEachEvent(event -> expected.merge(event.topic(), 1, Integer::sum));
        List<String> progressLines = new ArrayList<>();
        ProgressBar bar = new ProgressBar(System.err, parameters.enterprises(), false);

        // when the replayer publishes it to the broker
        ReplayStats stats = new ReplayStats();
        try (KafkaTarget target = new KafkaTarget(KafkaTarget.config(broker.bootstrapServers()), client, stats)) {
            new Replay(new SeedGenerator(parameters), 0).run(target, stats, s -> progressLines.add(bar.line(s)));
        }

        // then it reports every event acknowledged, and a consumer reads exactly those, all decodable, keyed by USCC
        int total = expected.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(stats.sent()).isEqualTo(total);
        assertThat(stats.acknowledged()).isEqualTo(total);
        assertThat(stats.refused() + stats.failed()).isZero();
        assertThat(stats.p99Millis()).isGreaterThan(0);
        assertThat(stats.summary()).contains("sent          " + String.format("%,d", total)).contains("refused       0");
        assertThat(progressLines.get(progressLines.size() - 1)).contains("100%").contains("300/300 enterprises");
        for (TopicSpec topic : TOPICS.departmentTopics()) {
            List<ConsumerRecord<String, SpecificRecordBase>> records = readAll(topic.name());
            assertThat(records).as(topic.name()).hasSize(expected.get(topic.name()));
            assertThat(records).allSatisfy(record -> {
                EventHeader header = (EventHeader) record.value().get("header");
                assertThat(record.key()).isEqualTo(header.getUscc());
                assertThat(record.value().getClass().getName()).isEqualTo(TopicCatalogue.eventRecordName(header.getSourceDepartment()));
            });
        }
    }

    @Test
    @Order(2)
    void shouldKeepTheAskedRateWhenReplayingAtAFixedRate() {
        // given a tiny data set and a rate far below what the broker takes
        SeedParameters parameters = SeedParameters.defaults().withEnterprises(20).withSeed(99);
        int events = 0;
        for (var story : new SeedGenerator(parameters)) {
            events += story.events().size();
        }
        double rate = events / 1.5;

        // when it is replayed at that rate
        ReplayStats stats = new ReplayStats();
        try (KafkaTarget target = new KafkaTarget(KafkaTarget.config(broker.bootstrapServers()), client, stats)) {
            new Replay(new SeedGenerator(parameters), rate).run(target, stats, s -> { });
        }

        // then sending the last event was not due before about 1.5 s had passed
        assertThat(stats.acknowledged()).isEqualTo(events);
        assertThat(stats.elapsedSeconds()).isGreaterThanOrEqualTo((events - 1) / rate);
    }

    @SuppressWarnings("unchecked")
    private static List<ConsumerRecord<String, SpecificRecordBase>> readAll(String topic) throws Exception {
        Class<SpecificRecordBase> type = (Class<SpecificRecordBase>) Class.forName(
                TopicCatalogue.eventRecordName(TOPICS.get(topic).owner().orElseThrow()));
        try (KafkaConsumer<String, SpecificRecordBase> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new ConfluentAvroDeserializer<>(client, type))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, SpecificRecordBase>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
