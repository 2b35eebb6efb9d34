package org.sharebus.consumers.notice;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sharebus.consumers.projection.ProjectionContainers;
import org.sharebus.notice.NoticeEvent;
import org.sharebus.notice.NoticeRaised;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the notice inbox in step with {@code sharebus.notices.v1}: raises, acknowledgements and
 * closings, each applied idempotently ({@link NoticeInbox}). Reads committed records only (the
 * profile builder raises notices in exactly-once transactions). A raise stored for the first time
 * is timed from its source event's publishedAt ({@code sharebus_notice_delivery_seconds}).
 *
 * <p>Records come in batches (one poll), each batch written in one database transaction, in the
 * order read: with one transaction per record, each waiting for its commit to reach the disk, an
 * inbox rebuild of the seeded city's 220,000 notices took 13 minutes on a busy machine.
 *
 * <p>As in the search projection, the value is decoded here, so that a record that can never be
 * read goes to {@code sharebus.notices.v1.DLT} at once while a registry that does not answer is
 * waited for ({@link NoticeProjectionConfiguration}); either way the records before it are written
 * first and it is reported by its index in the batch, so that only it is dead-lettered or retried.
 */
@Component
class NoticeProjection {

    static final String GROUP_ID = ProjectionContainers.NOTICE_GROUP;
    static final String LISTENER_ID = "notice-projection";

    private final NoticeInbox inbox;
    private final NoticeMetrics metrics;
    private final TransactionTemplate transaction;
    private final ConfluentAvroDeserializer<NoticeEvent> decoder;
    private final Clock clock = Clock.systemUTC();

    NoticeProjection(NoticeInbox inbox, NoticeMetrics metrics, TransactionTemplate transaction, SchemaRegistryClient registry) {
        this.inbox = inbox;
        this.metrics = metrics;
        this.transaction = transaction;
        this.decoder = new ConfluentAvroDeserializer<>(registry, NoticeEvent.class);
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topics = TopicCatalogue.NOTICES,
            containerFactory = NoticeProjectionConfiguration.CONTAINER_FACTORY)
    void onNotices(List<ConsumerRecord<String, byte[]>> records) {
        List<Indexed> read = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            NoticeEvent notice;
            try {
                if (record.value() == null) {
                    throw new ProjectionContainers.UndecodableRecordException("notice record " + record.topic() + "-" + record.partition()
                            + "@" + record.offset() + " (key " + record.key() + ") is a tombstone: notices are never deleted", null);
                }
                notice = ProjectionContainers.decode(decoder, record);
            } catch (RuntimeException e) {
                write(read);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
            read.add(new Indexed(i, notice));
        }
        write(read);
    }

    /** A notice and the index in the poll of the record it came from. */
    private record Indexed(int index, NoticeEvent notice) {
    }

    private void write(List<Indexed> notices) {
        if (notices.isEmpty()) {
            return;
        }
        try {
            timed(transaction.execute(status -> applied(notices)));
        } catch (RuntimeException e) {
            // Nothing of the batch was written (one transaction). Each record alone, in the order read, finds the one at
            // fault: the container retries or dead-letters that one, not the poll's first, and reads the rest again.
            // Those before it are written, so none is lost by being passed.
            for (Indexed one : notices) {
                try {
                    timed(transaction.execute(status -> applied(List.of(one))));
                } catch (RuntimeException single) {
                    throw new BatchListenerFailedException("notice inbox not written: " + single.getMessage(), single, one.index());
                }
            }
        }
        notices.clear();
    }

    /** Applies the notices in order; the raises stored for the first time, to be timed once their transaction commits. */
    private List<NoticeRaised> applied(List<Indexed> notices) {
        List<NoticeRaised> first = new ArrayList<>();
        for (Indexed one : notices) {
            if (inbox.apply(one.notice()) && one.notice().getPayload() instanceof NoticeRaised raised && raised.getSourcePublishedAt() != null) {
                first.add(raised);
            }
        }
        return first;
    }

    private void timed(List<NoticeRaised> raised) {
        for (NoticeRaised r : raised) {
            metrics.delivered(Duration.between(r.getSourcePublishedAt(), clock.instant()));
        }
    }
}
