package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.notice.TestNotices;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.consumers.visibility.AvroJson;
import org.sharebus.event.EventExamples;
import org.sharebus.event.common.EventHeader;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.registry.InMemorySchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.util.FileSystemUtils;

/**
 * Rebuild: the profiles built from the department topics, then the application reset and every
 * topic replayed from the start, give the same profiles (apart from when they were computed).
 * A real broker, because the reset works on the group, its offsets and the changelog topics.
 */
class ProfileRebuildTest {

    private static final String APPLICATION_ID = "sharebus-profile";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static EmbeddedKafkaBroker broker;
    private static Path stateDir;
    private static final TopicCatalogue catalogue = TopicCatalogue.withDepartmentPartitions(2);
    private static final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    /** The department topics hold every example event, for every test. */
    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(0, null, Map.of());
        stateDir = Files.createTempDirectory("sharebus-rebuild-test-");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(catalogue.all().stream().filter(t -> t.partitions() > 1 || t.name().endsWith(".DLT"))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
        }
        publish(EventExamples.all().stream().map(EventExamples.Example::event).toList());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
        FileSystemUtils.deleteRecursively(stateDir);
    }

    @Test
    void shouldRebuildEqualProfilesWhenApplicationIsResetAndReplayed() throws Exception {
        // given the department topics hold every example event, and the profiles built from them
        long events = EventExamples.all().size();
        Map<String, Map<String, Object>> first;
        SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
        try (KafkaStreams streams = start(APPLICATION_ID, firstMeters)) {
            first = awaitProfiles(streams, events);
        }

        // when the application is reset (its stopped static member still in the group) and started again
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            ProfileRebuild.reset(admin, APPLICATION_ID, PATIENCE);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).noneMatch(t -> t.startsWith(APPLICATION_ID + "-"));
        }
        SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
        Map<String, Map<String, Object>> rebuilt;
        try (KafkaStreams streams = streams(APPLICATION_ID, secondMeters)) {
            streams.cleanUp();
            streams.start();
            rebuilt = awaitProfiles(streams, events);
        }

        // then every event was applied again, not restored, and the profiles are equal
        assertThat(secondMeters.get("sharebus.profile.updates").tag("cause", "event").counter().count()).isEqualTo(events);
        assertThat(rebuilt.keySet()).hasSize(6).isEqualTo(first.keySet());
        assertThat(rebuilt).isEqualTo(first);
        assertThat(rebuilt.get(EventExamples.XIAOSHAN_TRADING.uscc().value()).get("risk").toString()).contains("riskClass=D");
    }

    @Test
    void shouldIgnoreAResentEventAfterTheBuilderRestartsFromItsChangelogsWithNoLocalState() throws Exception {
        // given the profiles built by an instance that then stopped, its local state lost
        // (not named sharebus-profile-…: the other test's reset of sharebus-profile would delete its changelogs)
        String applicationId = "profile-restored-test";
        long events = EventExamples.all().size();
        try (KafkaStreams streams = start(applicationId, new SimpleMeterRegistry())) {
            awaitProfiles(streams, events);
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (KafkaStreams streams = streams(applicationId, meters)) {
            streams.cleanUp();
            streams.start();
            Map<String, Map<String, Object>> restored = awaitProfiles(streams, events);
            assertThat(meters.get("sharebus.profile.updates").tag("cause", "event").counter().count()).isZero();

            // when a department sends one of its events again
            publish(List.of(EventExamples.all().get(0).event()));

            // then the seen ids, restored from their changelog, recognise it: counted as a duplicate, applied to nothing
            Instant deadline = Instant.now().plus(PATIENCE);
            while (meters.get("sharebus.profile.duplicates").counter().count() < 1 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(meters.get("sharebus.profile.duplicates").counter().count()).isEqualTo(1);
            assertThat(meters.get("sharebus.profile.updates").tag("cause", "event").counter().count()).isZero();
            assertThat(awaitProfiles(streams, events)).isEqualTo(restored);
        }
    }

    @Test
    void shouldRefuseToStartOnTheFormerSeenEventStoreUntilTheProfilesAreRebuilt() throws Exception {
        // given the changelog an earlier version kept its seen event ids in, one record per id
        String applicationId = "profile-upgraded-test";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(applicationId + "-profile-seen-events-changelog", 2, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);

            // when the builder starts without the rebuild, then it refuses and says what to do
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProfileRebuild.beforeStart(admin, applicationId, false, PATIENCE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("profile-upgraded-test-profile-seen-events-changelog")
                    .hasMessageContaining("--sharebus.profile.rebuild=true");

            // and with the rebuild it starts, the old changelog deleted; and then without it too
            ProfileRebuild.beforeStart(admin, applicationId, true, PATIENCE);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).noneMatch(t -> t.startsWith(applicationId));
            ProfileRebuild.beforeStart(admin, applicationId, false, PATIENCE);
        }
    }

    private static void publish(List<SpecificRecord> events) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
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

    private KafkaStreams start(String applicationId, SimpleMeterRegistry meters) {
        KafkaStreams streams = streams(applicationId, meters);
        streams.start();
        return streams;
    }

    private KafkaStreams streams(String applicationId, SimpleMeterRegistry meters) {
        ProfileTopology.Parts parts = new ProfileTopology.Parts(catalogue, registry, TestRules.standard(),
                ProfileSettings.defaults(), new ProfileMetrics(meters), TestNotices.router(meters));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix("group.instance.id"), applicationId + "-test");
        return new KafkaStreams(ProfileTopology.build(parts), props);
    }

    /** The store's profiles once all events are applied, with the times they were computed blanked, as JSON values. */
    private Map<String, Map<String, Object>> awaitProfiles(KafkaStreams streams, long events) throws InterruptedException {
        ConfluentAvroDeserializer<EnterpriseProfile> decoder = new ConfluentAvroDeserializer<>(registry, EnterpriseProfile.class);
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                Map<String, EnterpriseProfile> profiles = new TreeMap<>();
                ReadOnlyKeyValueStore<String, byte[]> store = streams.store(
                        StoreQueryParameters.fromNameAndType(ProfileTopology.PROFILE_STORE, QueryableStoreTypes.keyValueStore()));
                try (KeyValueIterator<String, byte[]> all = store.all()) {
                    while (all.hasNext()) {
                        KeyValue<String, byte[]> next = all.next();
                        EnterpriseProfile profile = decoder.deserialize(TopicCatalogue.PROFILES, next.value);
                        profile.setUpdatedAt(Instant.EPOCH);
                        profile.setChangedAt(Instant.EPOCH);
                        profile.getRisk().setEvaluatedAt(Instant.EPOCH);
                        profiles.put(next.key, profile);
                    }
                }
                if (profiles.values().stream().mapToLong(EnterpriseProfile::getEventCount).sum() == events) {
                    // As JSON values: Avro 1.12.1's record equals() cannot compare dates.
                    Map<String, Map<String, Object>> json = new TreeMap<>();
                    profiles.forEach((uscc, profile) -> json.put(uscc, AvroJson.of(profile)));
                    return json;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("profiles not built within " + PATIENCE + "; streams " + streams.state());
            }
            Thread.sleep(100);
        }
    }
}
