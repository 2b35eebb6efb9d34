package org.sharebus.consumers.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sharebus.consumers.projection.ProjectionContainers;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the search read model in step with {@code sharebus.profiles.v1}: each profile upserts its
 * enterprise's row, a tombstone deletes it. Reads committed records only (the profile builder
 * writes in exactly-once transactions) and is idempotent, so a record read twice changes nothing.
 *
 * <p>The value is decoded here rather than by the consumer's deserializer, so that a record that
 * can never be read (not the wire format, unknown schema id, corrupt Avro) is told apart from a
 * registry that does not answer: the first goes to {@code sharebus.profiles.v1.DLT} at once, the
 * second is retried until the registry is back ({@link SearchProjectionConfiguration}).
 */
@Component
class SearchProjection {

    static final String GROUP_ID = "sharebus-search-projection";
    static final String LISTENER_ID = "search-projection";

    private final EnterpriseSearch search;
    private final ConfluentAvroDeserializer<EnterpriseProfile> decoder;
    private final Counter projected;
    private final Counter deleted;

    SearchProjection(EnterpriseSearch search, SchemaRegistryClient registry, MeterRegistry meters) {
        this.search = search;
        this.decoder = new ConfluentAvroDeserializer<>(registry, EnterpriseProfile.class);
        this.projected = Counter.builder("sharebus.search.projected").tag("change", "upsert")
                .description("Profiles written to the search read model").register(meters);
        this.deleted = Counter.builder("sharebus.search.projected").tag("change", "delete")
                .description("Profiles written to the search read model").register(meters);
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topics = TopicCatalogue.PROFILES,
            containerFactory = SearchProjectionConfiguration.CONTAINER_FACTORY)
    void onProfile(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            search.delete(record.key());
            deleted.increment();
            return;
        }
        search.upsert(ProjectionContainers.decode(decoder, record), record.partition(), record.offset());
        projected.increment();
    }
}
