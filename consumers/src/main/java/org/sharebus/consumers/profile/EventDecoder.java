package org.sharebus.consumers.profile;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.registry.SchemaRegistryException;
import org.sharebus.uscc.Uscc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one department topic's raw records: a readable event goes on to the profile builder, an
 * unreadable one to the topic's dead-letter topic with the reason in headers, and processing
 * continues.
 *
 * <p>Why not a {@code DeserializationExceptionHandler}: in Kafka 4.1 a handler can only log, or
 * send with a producer of its own outside the Streams transaction, so under exactly-once a crash
 * could duplicate or (with a failed send) lose the dead letter. Routed here, the dead letter is
 * written in the same transaction as the offsets: exactly once. It also lets the check cover more
 * than bytes: the key must be a valid USCC equal to the envelope's, and the strings must be ones the
 * gateway would have taken ({@link EventStrings}), and the record must be in the partition its key
 * hashes to, as the gateway and Java's default partitioner place it.
 *
 * <p>A registry that cannot be reached is not the record's fault: that failure is thrown, the
 * task stops and the record is read again once the registry answers.
 */
final class EventDecoder implements Processor<byte[], byte[], Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(EventDecoder.class);

    static final String REASON = "sharebus-dlt-reason";
    static final String TOPIC = "sharebus-dlt-topic";
    static final String PARTITION = "sharebus-dlt-partition";
    static final String OFFSET = "sharebus-dlt-offset";
    static final String EXCEPTION = "sharebus-dlt-exception";

    private final String topic;
    /** The department whose topic this is: the only one whose events it may carry. */
    private final Department owner;
    /** The topic's partitions: a key's events belong in the partition murmur2 of the key picks among them. */
    private final int partitions;
    private final Deserializer<? extends SpecificRecord> deserializer;
    private final String eventChild;
    private final String deadLetterChild;
    private final ProfileMetrics metrics;
    private ProcessorContext<Object, Object> context;

    EventDecoder(String topic, Department owner, int partitions, Deserializer<? extends SpecificRecord> deserializer, String eventChild,
                 String deadLetterChild, ProfileMetrics metrics) {
        this.topic = topic;
        this.owner = owner;
        this.partitions = partitions;
        this.deserializer = deserializer;
        this.eventChild = eventChild;
        this.deadLetterChild = deadLetterChild;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            deadLetter(record, "value is empty (a tombstone); department topics hold facts only", null);
            return;
        }
        SpecificRecord value;
        try {
            value = deserializer.deserialize(topic, record.headers(), record.value());
        } catch (SerializationException e) {
            if (registryUnreachable(e)) {
                throw new StreamsException("schema registry unavailable while reading " + where() + ": " + e.getMessage(), e);
            }
            deadLetter(record, e.getMessage(), e);
            return;
        } catch (RuntimeException e) {
            deadLetter(record, "could not read the value: " + e, e);
            return;
        }
        EventHeader header = (EventHeader) ((SpecificRecordBase) value).get("header");
        SpecificRecord payload = (SpecificRecord) ((SpecificRecordBase) value).get("payload");
        Optional<String> keyProblem = keyProblem(record.key(), header.getUscc());
        if (keyProblem.isPresent()) {
            deadLetter(record, keyProblem.get(), null);
            return;
        }
        // One task holds an enterprise's profile, the one of the partition its key hashes to: a record written to another
        // partition (librdkafka's default partitioner, a partition chosen by hand) would build a second, partial profile
        // there, which overwrites the search row and the risk class the draws read (docs/connecting-a-department.md).
        int partition = context.recordMetadata().orElseThrow().partition();
        int expected = Utils.toPositive(Utils.murmur2(record.key())) % partitions;
        if (partition != expected) {
            deadLetter(record, "key '" + new String(record.key(), StandardCharsets.UTF_8) + "' belongs in partition " + expected + " of "
                    + topic + " (murmur2 of the key, of " + partitions + " partitions, as the gateway and Java's default partitioner"
                    + " place it), not in partition " + partition + ": a librdkafka client needs partitioner=murmur2_random", null);
            return;
        }
        // Who may see a fact, and which rule scores it, follow its department: one written straight to the
        // topic (the gateway sets the header itself) must not claim another department's.
        if (header.getSourceDepartment() != owner) {
            deadLetter(record, "header.sourceDepartment is " + header.getSourceDepartment() + "; " + topic + " carries "
                    + owner + "'s events only", null);
            return;
        }
        // Notices name the source event's type from the header, and readers in other languages dispatch on it
        // (docs/schemas.md): a header that names another type than its payload would mislead both.
        String payloadType = payload.getSchema().getName();
        if (!payloadType.equals(header.getEventType())) {
            deadLetter(record, "header.eventType is " + header.getEventType() + " but the payload is a " + payloadType, null);
            return;
        }
        Optional<String> stringProblem = EventStrings.problem((SpecificRecordBase) value);
        if (stringProblem.isPresent()) {
            deadLetter(record, stringProblem.get(), null);
            return;
        }
        // The key, as checked: a valid USCC (so already upper-case) equal to the header's.
        String uscc = new String(record.key(), StandardCharsets.UTF_8);
        context.forward(new Record<Object, Object>(uscc, new DepartmentEvent(topic, header, payload, record, deadLetterChild),
                record.timestamp()), eventChild);
    }

    private static Optional<String> keyProblem(byte[] key, String headerUscc) {
        if (key == null) {
            return Optional.of("key is missing; it must be the enterprise's USCC");
        }
        String text = new String(key, StandardCharsets.UTF_8);
        Optional<String> problem = Uscc.problem(text);
        if (problem.isPresent()) {
            return Optional.of("key '" + text + "' is not a valid USCC: " + problem.get());
        }
        if (text.equals(headerUscc)) {
            // The usual case, and one check digit computed per event instead of three.
            return Optional.empty();
        }
        if (headerUscc == null || !Uscc.isValid(headerUscc) || !Uscc.of(headerUscc).value().equals(text)) {
            return Optional.of("key '" + text + "' differs from header.uscc '" + headerUscc + "'");
        }
        return Optional.empty();
    }

    private static boolean registryUnreachable(SerializationException e) {
        return e.getCause() instanceof SchemaRegistryException registry
                && (registry.httpStatus() == 0 || registry.httpStatus() >= 500 || registry.httpStatus() == 429);
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason, Exception cause) {
        deadLetter(context, record, reason, cause, deadLetterChild, metrics, topic);
    }

    /**
     * Sends the record as read to the dead-letter topic's sink, with the reason and where it was read
     * in headers, and counts it: in the task's transaction, from this processor or the builder.
     */
    static void deadLetter(ProcessorContext<?, ?> context, Record<byte[], byte[]> record, String reason, Exception cause,
                           String deadLetterChild, ProfileMetrics metrics, String topic) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, utf8(reason));
        headers.add(TOPIC, utf8(source.topic()));
        headers.add(PARTITION, utf8(Integer.toString(source.partition())));
        headers.add(OFFSET, utf8(Long.toString(source.offset())));
        if (cause != null) {
            headers.add(EXCEPTION, utf8(cause.getClass().getName()));
        }
        log.warn("Dead-lettering {}: {}", where(context, topic), reason);
        // The dead letter is the bytes as read: its key is not the builder's String, whatever the context's type says.
        @SuppressWarnings({"unchecked", "rawtypes"})
        ProcessorContext<Object, Object> any = (ProcessorContext) context;
        any.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers), deadLetterChild);
        metrics.deadLettered(topic);
    }

    private String where() {
        return where(context, topic);
    }

    private static String where(ProcessorContext<?, ?> context, String topic) {
        return context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse(topic);
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
