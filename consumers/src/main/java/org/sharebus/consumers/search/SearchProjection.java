package org.sharebus.consumers.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sharebus.consumers.projection.ProjectionContainers;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Keeps the search read model in step with {@code sharebus.profiles.v1}: each profile upserts its
 * enterprise's row, a tombstone deletes it. Reads committed records only (the profile builder
 * writes in exactly-once transactions) and is idempotent, so a record read twice changes nothing.
 *
 * <p>Records come in batches (one poll) and each batch is written in one database transaction,
 * each enterprise once, its last change in the batch ({@link EnterpriseSearch#apply}): an enterprise
 * may have several records in a poll. With one transaction per record, PostgreSQL alone took 210 µs
 * of CPU per event in the profile replay benchmark, more than the profile builder's broker
 * (docs/benchmarks.md).
 *
 * <p>The value is decoded here rather than by the consumer's deserializer, so that a record that
 * can never be read (not the wire format, unknown schema id, corrupt Avro) is told apart from a
 * registry that does not answer: the first goes to {@code sharebus.profiles.v1.DLT} at once, the
 * second is retried until the registry is back ({@link SearchProjectionConfiguration}). Either way
 * the records before it are written first and it is reported by its index in the batch, so that
 * only it is dead-lettered or retried and the records after it are read again.
 */
@Component
class SearchProjection {

    static final String GROUP_ID = ProjectionContainers.SEARCH_GROUP;
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
    void onProfiles(List<ConsumerRecord<String, byte[]>> records) {
        // USCC -> its last change in the batch (an upsert, or a delete for a tombstone), with the record's index.
        Map<String, Indexed> latest = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            EnterpriseSearch.Change change;
            try {
                change = record.value() == null
                        ? EnterpriseSearch.Change.delete(record.key())
                        : EnterpriseSearch.Change.upsert(ProjectionContainers.decode(decoder, record), record.partition(), record.offset());
                keyed(record, change);
            } catch (RuntimeException e) {
                write(latest);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
            latest.remove(record.key());
            latest.put(record.key(), new Indexed(i, change));
        }
        write(latest);
    }

    /**
     * A profile record is keyed by its USCC: a tombstone without a key would delete nothing and be
     * counted as a delete, a profile under another key would be written for the wrong enterprise.
     */
    private static void keyed(ConsumerRecord<String, byte[]> record, EnterpriseSearch.Change change) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.key() == null) {
            throw new ProjectionContainers.UndecodableRecordException("record " + where + " has no key; a profile is keyed by its USCC", null);
        }
        if (!change.isDelete() && !record.key().equals(change.uscc())) {
            throw new ProjectionContainers.UndecodableRecordException("record " + where + " is keyed '" + record.key()
                    + "' but holds the profile of " + change.uscc(), null);
        }
    }

    /** A change and the index in the poll of the record it came from; in a map kept in record order. */
    private record Indexed(int index, EnterpriseSearch.Change change) {
    }

    private void write(Map<String, Indexed> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            search.apply(changes.values().stream().map(Indexed::change).toList());
            counted(changes.values());
        } catch (RuntimeException e) {
            // Nothing of the batch was written (one transaction). Each change alone, in the order read, finds
            // the record at fault: the container retries and dead-letters that one, not the poll's first, and
            // reads the rest again. Those before it are written, so none is lost by being passed.
            for (Indexed one : changes.values()) {
                try {
                    search.apply(List.of(one.change()));
                } catch (RuntimeException single) {
                    throw new BatchListenerFailedException("search read model not written: " + single.getMessage(), single, one.index());
                }
                counted(List.of(one));
            }
        }
        changes.clear();
    }

    private void counted(Collection<Indexed> written) {
        long deletes = written.stream().filter(c -> c.change().isDelete()).count();
        projected.increment(written.size() - deletes);
        deleted.increment(deletes);
    }
}
