package org.sharebus.consumers.profile;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.sharebus.consumers.notice.TestNotices;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.event.common.EventHeader;
import org.sharebus.notice.NoticeEvent;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.registry.InMemorySchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroSerde;
import org.sharebus.topic.TopicCatalogue;

/**
 * The real profile topology in a {@link TopologyTestDriver}: events are piped with the real serde
 * to their department's topic, timestamped with their publishedAt; the wall clock starts at a
 * given instant and moves only when a test says so.
 */
public final class ProfileDriver implements AutoCloseable {

    static final Duration REVIEW_INTERVAL = Duration.ofHours(1);
    /**
     * One state directory per test JVM: under Kafka Streams' default, /tmp/kafka-streams, two builds
     * on one machine (two worktrees, two CI jobs) took each other's RocksDB locks and failed.
     */
    private static final String STATE_DIR = stateDirectory();

    /** One partition per department topic unless a test says otherwise: the test driver reads every topic as partition 0. */
    final TopicCatalogue catalogue;
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Topology topology;
    final TopologyTestDriver driver;
    private final TestOutputTopic<String, EnterpriseProfile> profiles;
    private final TestOutputTopic<String, NoticeEvent> notices;
    /** The state directory {@link #withHistoryCutoff} made for this driver, deleted on close; null for the shared one. */
    private final Object stateDirOfItsOwn;
    /** One input topic per department topic (each takes its department's envelope record). */
    private final java.util.Map<String, TestInputTopic<String, SpecificRecord>> inputs = new java.util.HashMap<>();

    public ProfileDriver(Instant wallClock) {
        this(wallClock, TestRules.standard());
    }

    ProfileDriver(Instant wallClock, Rules rules) {
        this(wallClock, rules, new Properties());
    }

    /**
     * With the notice rules' history cutoff set to {@code cutoff}, as the one-command bus sets it
     * (two years and a month) so that its seed data raise notices.
     */
    public static ProfileDriver withHistoryCutoff(Instant wallClock, java.time.Period cutoff) {
        Properties props = new Properties();
        try {
            // A state directory of its own: a long run beside another build's drivers (same application id) shares none.
            props.put(StreamsConfig.STATE_DIR_CONFIG, java.nio.file.Files.createTempDirectory("sharebus-profile-driver").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new ProfileDriver(wallClock, TestRules.standard(), props, cutoff);
    }

    /**
     * With Kafka Streams' record cache of the given size: 0 turns caching off (each changed profile
     * is written as it changes), 1 byte makes the cache flush each entry as soon as it is put.
     */
    static ProfileDriver withCacheBytes(Instant wallClock, long cacheBytes) {
        Properties props = new Properties();
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes);
        // Its own state directory, beside a driver of the usual kind.
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sharebus-profile-test-cache-" + cacheBytes);
        return withSettings(wallClock, props);
    }

    /** With Kafka Streams settings of a test's own; give it its own application id beside another driver. */
    static ProfileDriver withSettings(Instant wallClock, Properties overrides) {
        return new ProfileDriver(wallClock, TestRules.standard(), overrides);
    }

    /**
     * With department topics of {@code partitions} partitions, as the topology is told; the driver still
     * pipes every record to partition 0, as a producer that ignores the key's partition would.
     */
    static ProfileDriver withDepartmentPartitions(Instant wallClock, int partitions) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sharebus-profile-test-partitions-" + partitions);
        return new ProfileDriver(wallClock, TestRules.standard(), props, null, TopicCatalogue.withDepartmentPartitions(partitions));
    }

    private ProfileDriver(Instant wallClock, Rules rules, Properties overrides) {
        this(wallClock, rules, overrides, null);
    }

    private ProfileDriver(Instant wallClock, Rules rules, Properties overrides, java.time.Period historyCutoff) {
        this(wallClock, rules, overrides, historyCutoff, TopicCatalogue.withDepartmentPartitions(1));
    }

    private ProfileDriver(Instant wallClock, Rules rules, Properties overrides, java.time.Period historyCutoff, TopicCatalogue catalogue) {
        this.catalogue = catalogue;
        ProfileSettings settings = new ProfileSettings(REVIEW_INTERVAL, 0, null, null, null, null, false, null);
        topology = ProfileTopology.build(new ProfileTopology.Parts(catalogue, registry, rules, settings, new ProfileMetrics(meters),
                historyCutoff == null ? TestNotices.router(meters) : TestNotices.router(meters, historyCutoff)));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sharebus-profile-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, STATE_DIR);
        props.putAll(overrides);
        driver = new TopologyTestDriver(topology, props, wallClock);
        stateDirOfItsOwn = overrides.get(StreamsConfig.STATE_DIR_CONFIG);
        Serde<EnterpriseProfile> profileSerde = new ConfluentAvroSerde<>(registry, EnterpriseProfile.class);
        profiles = driver.createOutputTopic(TopicCatalogue.PROFILES, new StringDeserializer(), profileSerde.deserializer());
        notices = driver.createOutputTopic(TopicCatalogue.NOTICES, new StringDeserializer(),
                new ConfluentAvroSerde<>(registry, NoticeEvent.class).deserializer());
    }

    /** Pipes department events, each to its department's topic keyed by its USCC. */
    public void pipe(SpecificRecord... events) {
        for (SpecificRecord event : events) {
            EventHeader header = (EventHeader) ((SpecificRecordBase) event).get("header");
            String topic = catalogue.department(header.getSourceDepartment()).name();
            inputs.computeIfAbsent(topic, name -> {
                @SuppressWarnings("unchecked")
                ConfluentAvroSerde<SpecificRecord> serde = new ConfluentAvroSerde<>(registry, (Class<SpecificRecord>) event.getClass());
                return driver.createInputTopic(name, new StringSerializer(), serde.serializer());
            }).pipeInput(header.getUscc(), event, header.getPublishedAt());
        }
    }

    /** Pipes raw bytes, as a broken sender would. */
    void pipeRaw(String topic, byte[] key, byte[] value) {
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(key, value);
    }

    public EnterpriseProfile profile(String uscc) {
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(ProfileTopology.PROFILE_STORE);
        byte[] stored = store.get(uscc);
        return stored == null ? null : new ConfluentAvroSerde<>(registry, EnterpriseProfile.class).deserializer()
                .deserialize(TopicCatalogue.PROFILES, stored);
    }

    /** Every profile record written to sharebus.profiles.v1 since the last call (a long run reads them, or they pile up). */
    public List<EnterpriseProfile> published() {
        return profiles.readValuesToList();
    }

    /**
     * Drops every record the topology wrote since the last read, to any topic (the changelogs of the stores
     * included): the test driver keeps them all until read, and a long run runs out of memory.
     */
    public void discardOutputs() {
        for (String topic : driver.producedTopicNames()) {
            driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
        }
    }

    /** Every notice record written to sharebus.notices.v1 since the last call, with its key. */
    public List<org.apache.kafka.streams.test.TestRecord<String, NoticeEvent>> notices() {
        return notices.readRecordsToList();
    }

    TestOutputTopic<byte[], byte[]> deadLetters(String topic) {
        return driver.createOutputTopic(catalogue.deadLetterOf(topic), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    double counter(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        driver.close();
        Object stateDir = stateDirOfItsOwn;
        if (stateDir != null) {
            try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(stateDir.toString()))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static String stateDirectory() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sharebus-profile-driver");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
