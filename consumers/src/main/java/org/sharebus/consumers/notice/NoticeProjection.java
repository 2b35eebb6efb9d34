package org.sharebus.consumers.notice;

import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sharebus.consumers.projection.ProjectionContainers;
import org.sharebus.notice.NoticeEvent;
import org.sharebus.notice.NoticeRaised;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the notice inbox in step with {@code sharebus.notices.v1}: raises, acknowledgements and
 * closings, each applied idempotently ({@link NoticeInbox}). Reads committed records only (the
 * profile builder raises notices in exactly-once transactions). A raise stored for the first time
 * is timed from its source event's publishedAt ({@code sharebus_notice_delivery_seconds}).
 *
 * <p>As in the search projection, the value is decoded here, so that a record that can never be
 * read goes to {@code sharebus.notices.v1.DLT} at once while a registry that does not answer is
 * waited for ({@link NoticeProjectionConfiguration}).
 */
@Component
class NoticeProjection {

    static final String GROUP_ID = ProjectionContainers.NOTICE_GROUP;
    static final String LISTENER_ID = "notice-projection";

    private final NoticeInbox inbox;
    private final NoticeMetrics metrics;
    private final ConfluentAvroDeserializer<NoticeEvent> decoder;
    private final Clock clock = Clock.systemUTC();

    NoticeProjection(NoticeInbox inbox, NoticeMetrics metrics, SchemaRegistryClient registry) {
        this.inbox = inbox;
        this.metrics = metrics;
        this.decoder = new ConfluentAvroDeserializer<>(registry, NoticeEvent.class);
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topics = TopicCatalogue.NOTICES,
            containerFactory = NoticeProjectionConfiguration.CONTAINER_FACTORY)
    void onNotice(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new ProjectionContainers.UndecodableRecordException("notice record " + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + " (key " + record.key() + ") is a tombstone: notices are never deleted", null);
        }
        NoticeEvent notice = ProjectionContainers.decode(decoder, record);
        if (inbox.apply(notice) && notice.getPayload() instanceof NoticeRaised raised && raised.getSourcePublishedAt() != null) {
            metrics.delivered(Duration.between(raised.getSourcePublishedAt(), clock.instant()));
        }
    }
}
