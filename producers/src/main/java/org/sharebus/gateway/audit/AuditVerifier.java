package org.sharebus.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.sharebus.gateway.GatewayKafka;
import org.sharebus.gateway.GatewayProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks an audit chain from its first record and reports the first broken link: a record whose
 * bytes no longer match its hash, or whose {@code prevHash} is not the hash of the record before it.
 */
@Component
public class AuditVerifier {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final GatewayKafka kafka;
    private final JsonMapper json = JsonMapper.builder().build();

    public AuditVerifier(GatewayKafka kafka) {
        this.kafka = kafka;
    }

    /** Verifies partition 0 of {@code topic} up to its end at the time of the call. */
    public Verification verify(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Consumer<byte[], byte[]> consumer = kafka.rawConsumer("sharebus-gateway-audit-verify")) {
            if (consumer.partitionsFor(topic).isEmpty()) {
                throw new GatewayProblem(HttpStatus.NOT_FOUND, "unknown-audit-log", "No such audit log", "there is no topic '" + topic + "'");
            }
            consumer.assign(List.of(partition));
            long start = consumer.beginningOffsets(List.of(partition)).get(partition);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            consumer.seek(partition, start);
            String previous = start == 0 ? AuditLog.GENESIS : null;
            long checked = 0;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + partition + " to offset " + end + " within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end) {
                        break;
                    }
                    String problem = problem(record, previous);
                    if (problem != null) {
                        return new Verification(topic, false, checked, new BrokenLink(record.offset(), problem), previous);
                    }
                    previous = AuditLog.HEX.formatHex(AuditLog.sha256(record.value()));
                    checked++;
                }
            }
            return new Verification(topic, true, checked, null, previous);
        }
    }

    private String problem(ConsumerRecord<byte[], byte[]> record, String expectedPrevious) {
        if (record.value() == null) {
            return "the record has no value";
        }
        String hash = AuditLog.HEX.formatHex(AuditLog.sha256(record.value()));
        Header header = record.headers().lastHeader(AuditLog.HASH_HEADER);
        if (header == null) {
            return "the record has no " + AuditLog.HASH_HEADER + " header";
        }
        String claimed = new String(header.value(), StandardCharsets.US_ASCII);
        if (!claimed.equals(hash)) {
            return "the record's content does not match its hash: stored " + claimed + ", computed " + hash;
        }
        JsonNode entry;
        try {
            entry = json.readTree(record.value());
        } catch (JacksonException e) {
            return "the record is not a JSON audit entry: " + e.getOriginalMessage();
        }
        String prevHash = entry.path("prevHash").asString("");
        if (expectedPrevious != null && !prevHash.equals(expectedPrevious)) {
            return "prevHash " + prevHash + " is not the hash of the previous record (" + expectedPrevious + ")";
        }
        return null;
    }

    /**
     * @param intact     whether every record from the start to the end is linked
     * @param records    records checked and found linked
     * @param brokenLink the first broken link, when not intact
     * @param lastHash   hash of the last linked record
     */
    public record Verification(String topic, boolean intact, long records, BrokenLink brokenLink, String lastHash) {
    }

    /** Where the chain breaks and why. */
    public record BrokenLink(long offset, String reason) {
    }
}
