package org.sharebus.consumers.profile;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.sharebus.profile.EnterpriseProfile;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/** Reads profiles from this instance's profile store (interactive queries). */
@Component
class ProfileQueries {

    private final StreamsBuilderFactoryBean factoryBean;

    ProfileQueries(StreamsBuilderFactoryBean factoryBean) {
        this.factoryBean = factoryBean;
    }

    /**
     * The profile of an enterprise whose partition this instance holds.
     *
     * @throws NotReady while Kafka Streams is not RUNNING (starting, rebalancing, restoring)
     */
    Optional<EnterpriseProfile> find(String uscc) {
        try {
            return Optional.ofNullable(store().get(uscc));
        } catch (InvalidStateStoreException e) {
            throw new NotReady(state(), e);
        }
    }

    private ReadOnlyKeyValueStore<String, EnterpriseProfile> store() {
        KafkaStreams streams = factoryBean.getKafkaStreams();
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            throw new NotReady(state(), null);
        }
        return streams.store(StoreQueryParameters.fromNameAndType(ProfileTopology.PROFILE_STORE, QueryableStoreTypes.keyValueStore()));
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
            ReadOnlyKeyValueStore<String, EnterpriseProfile> store = streams.store(
                    StoreQueryParameters.fromNameAndType(ProfileTopology.PROFILE_STORE, QueryableStoreTypes.keyValueStore()));
            return store.approximateNumEntries();
        } catch (InvalidStateStoreException e) {
            return Double.NaN;
        }
    }

    /** The store cannot answer now; it will once Kafka Streams is RUNNING. */
    static final class NotReady extends RuntimeException {
        NotReady(String state, Throwable cause) {
            super("the profile store is not ready (Kafka Streams is " + state + ")", cause);
        }
    }
}
