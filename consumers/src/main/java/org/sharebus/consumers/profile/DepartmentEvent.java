package org.sharebus.consumers.profile;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Record;
import org.sharebus.event.common.EventHeader;

/**
 * One decoded department event, whatever its department: the envelope and the payload record
 * (e.g. {@code CustomsPenaltyDecided}). It only travels between processors of one task, so it
 * needs no serde.
 *
 * @param topic   the department topic it was read from
 * @param header  the common envelope
 * @param payload the union branch of the department's event record
 * @param raw     the record as read, for the dead-letter topic should the builder find it unusable
 * @param deadLetterSink the sink of the topic's dead-letter topic
 */
record DepartmentEvent(String topic, EventHeader header, SpecificRecord payload, Record<byte[], byte[]> raw, String deadLetterSink) {

    String eventId() {
        return header.getEventId().toString();
    }

    String eventType() {
        return payload.getSchema().getName();
    }
}
