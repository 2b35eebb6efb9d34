package org.sharebus.gateway.audit;

import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.sharebus.gateway.DependencyUnavailableException;
import org.sharebus.gateway.GatewayKafka;
import org.sharebus.gateway.GatewayProperties;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's append-only audit log ({@code sharebus.audit.v1}, one partition): one record per
 * request, accepted or refused, saying who, when, and for each event of the request what it was
 * (id, type, content digest) and what became of it.
 *
 * <p>Records form a hash chain. A record's value is its entry as JSON, including {@code prevHash},
 * the SHA-256 of the previous record's value; the record's own hash (SHA-256 of its value bytes)
 * travels in the {@value #HASH_HEADER} header. Changing, removing or inserting a record breaks the
 * chain at that point, which {@link AuditVerifier} finds. Hashes are over the exact stored bytes,
 * so verifying needs no canonical JSON.
 *
 * <p>Appends are serialised here, and the producer keeps their order on the single partition. Before
 * appending with nothing of its own in flight, the gateway checks that the log ends where its last
 * record did; if another gateway (a restarted or second instance) has appended since, it continues
 * the chain from the log's last record. Two gateways appending at the very same moment could still
 * fork the chain, which the verifier would report: see docs/decisions.md.
 */
@Component
public class AuditLog {

    public static final String HASH_HEADER = "sharebus-audit-hash";
    /** prevHash of the first record. */
    public static final String GENESIS = "0".repeat(64);
    static final HexFormat HEX = HexFormat.of();

    private final GatewayKafka kafka;
    private final JsonMapper json;
    private final Duration ackTimeout;
    private final TopicPartition partition = new TopicPartition(TopicCatalogue.AUDIT, 0);
    /** Hash of the last record appended; null until read from the topic's tail. */
    private String lastHash;
    /** The offset after this gateway's last acknowledged record; -1 until known. */
    private final AtomicLong nextOffset = new AtomicLong(-1);
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Reads the log's end; used only under this object's lock. */
    private Consumer<byte[], byte[]> tail;

    public AuditLog(GatewayKafka kafka, GatewayProperties properties) {
        this.kafka = kafka;
        this.json = JsonMapper.builder().build();
        this.ackTimeout = properties.ackTimeout();
    }

    /** Appends the entry and waits until the broker has it. */
    public void append(AuditEntry entry) {
        CompletableFuture<?> sent;
        synchronized (this) {
            if (lastHash == null || (inFlight.get() == 0 && endOffset() != nextOffset.get())) {
                lastHash = readLastHash();
            }
            byte[] bytes = entry.toJson(json, lastHash);
            String hash = HEX.formatHex(sha256(bytes));
            RecordHeaders headers = new RecordHeaders();
            headers.add(HASH_HEADER, hash.getBytes(StandardCharsets.US_ASCII));
            inFlight.incrementAndGet();
            sent = kafka.template().send(new ProducerRecord<>(partition.topic(), partition.partition(), null, null, bytes, headers))
                    .whenComplete((result, failure) -> {
                        if (result != null) {
                            nextOffset.accumulateAndGet(result.getRecordMetadata().offset() + 1, Math::max);
                        }
                        inFlight.decrementAndGet();
                    });
            lastHash = hash;
        }
        awaitAll(List.of(sent));
    }

    private void awaitAll(List<CompletableFuture<?>> sent) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        try {
            for (CompletableFuture<?> future : sent) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            // The chain in memory may now run ahead of the topic: read it again from the topic next time.
            synchronized (this) {
                lastHash = null;
            }
            throw new DependencyUnavailableException("broker", "the audit log did not acknowledge: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the audit log", e);
        }
    }

    private long endOffset() {
        if (tail == null) {
            tail = kafka.rawConsumer("sharebus-gateway-audit-tail");
            tail.assign(List.of(partition));
        }
        return tail.endOffsets(List.of(partition)).get(partition);
    }

    @PreDestroy
    synchronized void close() {
        if (tail != null) {
            tail.close();
        }
    }

    /** The hash of the topic's last record, or the genesis value when it is empty. */
    private String readLastHash() {
        long end = endOffset();
        nextOffset.set(end);
        if (end == 0) {
            return GENESIS;
        }
        try (Consumer<byte[], byte[]> consumer = kafka.rawConsumer("sharebus-gateway-audit-tail")) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, end - 1);
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == end - 1) {
                        // The chain continues from the record as stored, whatever its header claims.
                        return HEX.formatHex(sha256(record.value()));
                    }
                }
            }
            throw new IllegalStateException("could not read the last record of " + partition + " within " + ackTimeout);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
