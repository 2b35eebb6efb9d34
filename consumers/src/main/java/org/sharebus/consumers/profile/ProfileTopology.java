package org.sharebus.consumers.profile;

import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.sharebus.consumers.notice.NoticeRouter;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.event.commerce.CommerceEvent;
import org.sharebus.event.common.Department;
import org.sharebus.event.credit.CreditEvent;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.market.MarketEvent;
import org.sharebus.event.tax.TaxEvent;
import org.sharebus.notice.NoticeEvent;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.serde.ConfluentAvroSerde;
import org.sharebus.topic.TopicCatalogue;

/**
 * The profile builder: every department's events folded into one credit profile per enterprise.
 *
 * <pre>
 * in   market.events.v1, customs.events.v1, commerce.events.v1, credit.events.v1, tax.events.v1
 *      key: USCC (UTF-8 string)   value: &lt;Dept&gt;Event, Confluent wire format (Avro)
 *      read as raw bytes and decoded by one named processor per topic ("decode-&lt;dept&gt;").
 * out  sharebus.profiles.v1 (compacted)
 *      key: USCC (string)   value: org.sharebus.profile.EnterpriseProfile, Confluent wire format;
 *      the profile as each commit leaves it: one record per enterprise and commit that changed it
 *      (events applied, or a time-dependent fact changed state).
 * out  sharebus.notices.v1
 *      key: USCC (string)   value: org.sharebus.notice.NoticeEvent (NoticeRaised), Confluent wire format;
 *      linked supervision notices raised by the rules table from the profile as it was and as it
 *      becomes, in the same exactly-once transaction as the profile they come from.
 * out  &lt;topic&gt;.DLT for each input topic
 *      the unreadable record's key and value bytes unchanged, its headers plus
 *      sharebus-dlt-reason, -topic, -partition, -offset (and -exception where one was thrown).
 * store profile-store: USCC → EnterpriseProfile as its sharebus.profiles.v1 bytes, queryable (interactive queries),
 *      written once per commit for the profiles the commit changed (profile-changed's cache flush);
 *      profile-seen-ids: USCC → the ids of its events applied ({@link SeenEvents}), written with the profile.
 * </pre>
 *
 * No repartitioning: department topics are co-partitioned by USCC (same partition count), so one
 * task sees all of an enterprise's events. Not handled here: the PostgreSQL read model (a
 * projection of sharebus.profiles.v1) and who may see which field (dataClass, at the API).
 */
public final class ProfileTopology {

    public static final String PROFILE_STORE = "profile-store";
    static final String SEEN_STORE = "profile-seen-ids";
    /** The store of seen event ids before {@link SeenEvents}: keyed by event id, it cannot be carried over (docs/operations.md). */
    static final String FORMER_SEEN_STORE = "profile-seen-events";
    static final String DUE_STORE = "profile-review-due";
    static final String CHANGED_STORE = "profile-changed";
    static final String BUILDER = "profile-builder";
    static final String PROFILES_SINK = "profiles-sink";
    static final String NOTICES_SINK = "notices-sink";

    private ProfileTopology() {
    }

    /** Everything the topology needs from outside; no broker, no Spring. */
    public record Parts(TopicCatalogue catalogue, SchemaRegistryClient registry, Rules rules, ProfileSettings settings,
                        ProfileMetrics metrics, NoticeRouter notices) {
    }

    public static Topology build(Parts parts) {
        Topology topology = new Topology();
        addTo(topology, parts);
        return topology;
    }

    /** Adds the profile builder to a topology (Spring's is built empty and handed here). */
    public static void addTo(Topology topology, Parts parts) {
        TopicCatalogue catalogue = parts.catalogue();
        String[] decoders = TopicCatalogue.publishingDepartments().stream().map(ProfileTopology::decoderName).toArray(String[]::new);
        for (Department department : TopicCatalogue.publishingDepartments()) {
            String topic = catalogue.department(department).name();
            String name = department.name().toLowerCase(Locale.ROOT);
            Deserializer<? extends SpecificRecord> deserializer = new ConfluentAvroDeserializer<>(parts.registry(), valueClass(department));
            topology.addSource("source-" + name, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topic);
            topology.addProcessor(decoderName(department),
                    () -> new EventDecoder(topic, department, catalogue.department(department).partitions(), deserializer, BUILDER,
                            "dlt-" + name, parts.metrics()), "source-" + name);
        }

        ProfileSettings settings = parts.settings();
        ProfileUpdater updater = new ProfileUpdater(parts.rules(), settings.limits());
        RiskEvaluator evaluator = new RiskEvaluator(parts.rules(), settings.limits());
        Serde<EnterpriseProfile> profileSerde = new ConfluentAvroSerde<>(parts.registry(), EnterpriseProfile.class);
        topology.addProcessor(BUILDER, () -> new ProfileProcessor(updater, evaluator, parts.notices(), settings, parts.metrics(),
                profileSerde.serializer(), profileSerde.deserializer()), decoders);
        // A record the decoder cannot read, or the builder cannot use, goes to its topic's dead-letter topic.
        for (Department department : TopicCatalogue.publishingDepartments()) {
            String name = department.name().toLowerCase(Locale.ROOT);
            topology.addSink("dlt-" + name, catalogue.deadLetterOf(catalogue.department(department).name()), new ByteArraySerializer(),
                    new ByteArraySerializer(), decoderName(department), BUILDER);
        }

        // Not cached, nor are the seen and due stores: profile-changed's flush writes here, and another cached
        // store could be flushed before it at a commit, leaving those writes out of the transaction.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROFILE_STORE), Serdes.String(), Serdes.ByteArray()),
                BUILDER);
        // Its cache's flush at each commit writes the changed profiles (ProfileProcessor); nothing to restore.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CHANGED_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled().withLoggingDisabled(), BUILDER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEEN_STORE), Serdes.String(), Serdes.ByteArray()),
                BUILDER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE_STORE), Serdes.String(), Serdes.String()),
                BUILDER);

        topology.addSink(PROFILES_SINK, TopicCatalogue.PROFILES, new StringSerializer(), new ByteArraySerializer(), BUILDER);
        topology.addSink(NOTICES_SINK, TopicCatalogue.NOTICES, new StringSerializer(),
                new ConfluentAvroSerde<>(parts.registry(), NoticeEvent.class).serializer(), BUILDER);
    }

    private static String decoderName(Department department) {
        return "decode-" + department.name().toLowerCase(Locale.ROOT);
    }

    private static Class<? extends SpecificRecord> valueClass(Department department) {
        return switch (department) {
            case MARKET -> MarketEvent.class;
            case CUSTOMS -> CustomsEvent.class;
            case COMMERCE -> CommerceEvent.class;
            case CREDIT -> CreditEvent.class;
            case TAX -> TaxEvent.class;
            default -> throw new IllegalArgumentException("department " + department + " has no event topic");
        };
    }
}
