package org.sharebus.gateway.publish;

import java.time.Instant;
import java.util.UUID;

/**
 * Proof that the bus holds an event: where the broker stored it and a digest of the stored bytes.
 *
 * @param timestamp the record's timestamp as the broker stored it (the gateway's publishedAt, or the
 *                  broker's append time on a topic configured with LogAppendTime)
 * @param sha256    SHA-256 (hex) of the record's value bytes exactly as stored (Confluent wire format),
 *                  so a department can check what it reads back
 */
public record Receipt(UUID eventId, String eventType, String department, String topic, int partition, long offset,
                      Instant timestamp, String sha256) {
}
