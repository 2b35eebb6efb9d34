package org.sharebus.consumers.disclosure;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sharebus.consumers.projection.ProjectionContainers;
import org.sharebus.disclosure.DisclosureEvent;
import org.sharebus.disclosure.ResultDisclosed;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the public read model in step with {@code sharebus.disclosures.v1}: one row per task, the
 * first publication wins, a redelivery or replay changes nothing.
 */
@Component
class DisclosureProjection {

    static final String GROUP_ID = ProjectionContainers.DISCLOSURE_GROUP;
    static final String LISTENER_ID = "disclosure-projection";

    private final PublicResults results;
    private final ConfluentAvroDeserializer<DisclosureEvent> decoder;

    DisclosureProjection(PublicResults results, SchemaRegistryClient registry) {
        this.results = results;
        this.decoder = new ConfluentAvroDeserializer<>(registry, DisclosureEvent.class);
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topics = TopicCatalogue.DISCLOSURES,
            containerFactory = DisclosureConfiguration.DISCLOSURES_CONTAINER_FACTORY)
    void onRecord(ConsumerRecord<String, byte[]> record) {
        DisclosureEvent event = ProjectionContainers.decode(decoder, record);
        if (event.getPayload() instanceof ResultDisclosed disclosed) {
            results.insert(event, disclosed);
        } else {
            throw new ProjectionContainers.UndecodableRecordException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " has a payload this projection does not know: " + event.getPayload().getClass().getName(), null);
        }
    }
}
