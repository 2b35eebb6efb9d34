package org.sharebus.consumers.profile;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Reads profiles from the profile store (interactive queries): from this instance's store when it
 * holds the key's partition, otherwise it names the instance that does ({@code application.server}).
 */
@Component
class ProfileQueries {

    private final StreamsBuilderFactoryBean factoryBean;
    /** This instance's application.server, set when Kafka Streams is created. */
    private final AtomicReference<HostInfo> self;
    private final ConfluentAvroDeserializer<EnterpriseProfile> decoder;

    ProfileQueries(StreamsBuilderFactoryBean factoryBean, ApplicationServer self, SchemaRegistryClient registry) {
        this.factoryBean = factoryBean;
        this.self = self.hostInfo();
        this.decoder = new ConfluentAvroDeserializer<>(registry, EnterpriseProfile.class);
    }

    /** This instance's address for other instances, once Kafka Streams has been created. */
    record ApplicationServer(AtomicReference<HostInfo> hostInfo) {
        ApplicationServer() {
            this(new AtomicReference<>());
        }
    }

    /**
     * The instance that holds the key's active store, when that is not this one; empty when it is
     * this one or unknown (one instance, or metadata not yet available).
     */
    Optional<HostInfo> ownerElsewhere(String uscc) {
        KafkaStreams streams = factoryBean.getKafkaStreams();
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(ProfileTopology.PROFILE_STORE, uscc, Serdes.String().serializer());
        HostInfo owner = metadata.activeHost();
        if (metadata == KeyQueryMetadata.NOT_AVAILABLE || owner == null || owner.equals(HostInfo.unavailable())
                || owner.equals(self.get())) {
            return Optional.empty();
        }
        return Optional.of(owner);
    }

    /**
     * The profile of an enterprise whose partition this instance holds.
     *
     * @throws NotReady while Kafka Streams is not RUNNING (starting, rebalancing, restoring)
     */
    Optional<EnterpriseProfile> find(String uscc) {
        try {
            byte[] stored = store(uscc).get(uscc);
            return Optional.ofNullable(stored == null ? null : decoder.deserialize(TopicCatalogue.PROFILES, stored));
        } catch (InvalidStateStoreException e) {
            throw NotReady.inState(state(), e);
        }
    }

    /**
     * The store of the key's partition alone: a store over all of this instance's partitions asks
     * each in turn, every one of them for an enterprise not there (yet).
     */
    private ReadOnlyKeyValueStore<String, byte[]> store(String uscc) {
        KafkaStreams streams = factoryBean.getKafkaStreams();
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            throw NotReady.inState(state(), null);
        }
        StoreQueryParameters<ReadOnlyKeyValueStore<String, byte[]>> parameters =
                StoreQueryParameters.fromNameAndType(ProfileTopology.PROFILE_STORE, QueryableStoreTypes.keyValueStore());
        KeyQueryMetadata metadata = streams.queryMetadataForKey(ProfileTopology.PROFILE_STORE, uscc, Serdes.String().serializer());
        return streams.store(metadata == KeyQueryMetadata.NOT_AVAILABLE ? parameters : parameters.withPartition(metadata.partition()));
    }

    String state() {
        KafkaStreams streams = factoryBean.getKafkaStreams();
        return streams == null ? "NOT_STARTED" : streams.state().name();
    }

    /** For the store-size gauge: NaN while the store cannot be read. */
    static double approximateProfiles(StreamsBuilderFactoryBean factoryBean) {
        KafkaStreams streams = factoryBean.getKafkaStreams();
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            return Double.NaN;
        }
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(
                    StoreQueryParameters.fromNameAndType(ProfileTopology.PROFILE_STORE, QueryableStoreTypes.keyValueStore()));
            return store.approximateNumEntries();
        } catch (InvalidStateStoreException e) {
            return Double.NaN;
        }
    }

    /** The store cannot answer now; it will once Kafka Streams is RUNNING. */
    static final class NotReady extends RuntimeException {
        NotReady(String message, Throwable cause) {
            super(message, cause);
        }

        static NotReady inState(String state, Throwable cause) {
            return new NotReady("the profile store is not ready (Kafka Streams is " + state + ")", cause);
        }
    }
}
