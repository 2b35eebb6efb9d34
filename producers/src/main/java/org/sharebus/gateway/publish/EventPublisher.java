package org.sharebus.gateway.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.gateway.DependencyUnavailableException;
import org.sharebus.gateway.GatewayKafka;
import org.sharebus.gateway.GatewayProperties;
import org.sharebus.gateway.auth.BatchSignature;
import org.sharebus.gateway.auth.DepartmentSigners;
import org.sharebus.gateway.publish.EventReader.ReadEvent;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Encodes events in the Confluent wire format, signs the value bytes with the department's key (one
 * signature per request, over a Merkle tree of its records: {@link BatchSignature}) and sends them keyed by USCC to the department's topic, with Boot's producer settings (acks=all,
 * idempotent, from the platform defaults).
 *
 * <p>The gateway chooses the partition itself, with Kafka's own rule for keyed records
 * (murmur2 of the key), so records sent straight to Kafka by a department co-partition with the
 * gateway's, and so a pending send can be looked for in exactly one partition.
 */
@Component
public class EventPublisher {

    public static final String EVENT_ID_HEADER = "sharebus-event-id";
    public static final String EVENT_TYPE_HEADER = "sharebus-event-type";
    public static final String SIGNATURE_HEADER = "sharebus-signature";
    public static final String KEY_ID_HEADER = "sharebus-key-id";
    private static final HexFormat HEX = HexFormat.of();

    private final KafkaTemplate<String, byte[]> template;
    private final GatewayKafka kafka;
    private final SchemaRegistryClient registry;
    private final DepartmentSigners signers;
    private final TopicCatalogue catalogue;
    private final Duration ackTimeout;
    private final Map<Class<?>, ConfluentAvroSerializer<SpecificRecord>> serializers = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

    public EventPublisher(GatewayKafka kafka, SchemaRegistryClient registry, DepartmentSigners signers,
                          TopicCatalogue catalogue, GatewayProperties properties) {
        this.kafka = kafka;
        this.template = kafka.template();
        this.registry = registry;
        this.signers = signers;
        this.catalogue = catalogue;
        this.ackTimeout = properties.ackTimeout();
    }

    /** The bytes, topic and partition of a valid event, ready to send. */
    public Outgoing encode(ReadEvent event) {
        EventHeader header = (EventHeader) event.event().get(event.event().getSchema().getField("header").pos());
        String topic = catalogue.department(event.type().department()).name();
        byte[] value = serializer(event.type().envelope()).frame(topic, event.avro());
        byte[] key = header.getUscc().getBytes(StandardCharsets.UTF_8);
        int partition = Utils.toPositive(Utils.murmur2(key)) % partitions(topic);
        return new Outgoing(event, topic, partition, header.getUscc(), value, header.getPublishedAt().toEpochMilli());
    }

    /**
     * Sends, signed: one signature per department over the Merkle root of its records' values, each
     * record carrying its path to the root (see {@link BatchSignature}). The futures, in order,
     * complete with the receipts once the broker has acknowledged.
     */
    public List<CompletableFuture<Receipt>> send(List<Outgoing> outgoing) {
        Map<Department, List<Integer>> byDepartment = new EnumMap<>(Department.class);
        for (int i = 0; i < outgoing.size(); i++) {
            byDepartment.computeIfAbsent(outgoing.get(i).event().type().department(), d -> new ArrayList<>()).add(i);
        }
        List<CompletableFuture<Receipt>> futures = new ArrayList<>(Collections.nCopies(outgoing.size(), null));
        byDepartment.forEach((department, indexes) -> {
            BatchSignature tree = BatchSignature.of(indexes.stream().map(i -> outgoing.get(i).value()).toList());
            byte[] signature = signers.sign(department, tree.root());
            byte[] keyId = signers.key(department).keyId().getBytes(StandardCharsets.UTF_8);
            for (int leaf = 0; leaf < indexes.size(); leaf++) {
                int i = indexes.get(leaf);
                futures.set(i, send(outgoing.get(i), signature, keyId, tree.path(leaf)));
            }
        });
        return futures;
    }

    private CompletableFuture<Receipt> send(Outgoing out, byte[] signature, byte[] keyId, byte[] path) {
        ReadEvent event = out.event();
        RecordHeaders headers = new RecordHeaders();
        headers.add(EVENT_ID_HEADER, event.id().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(EVENT_TYPE_HEADER, event.type().name().getBytes(StandardCharsets.UTF_8));
        headers.add(SIGNATURE_HEADER, signature);
        headers.add(KEY_ID_HEADER, keyId);
        headers.add(BatchSignature.PATH_HEADER, path);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(out.topic(), out.partition(), out.timestamp(), out.key(),
                out.value(), headers);
        String sha256 = HEX.formatHex(EventReader.sha256(out.value()));
        return template.send(record).thenApply(result -> {
            RecordMetadata metadata = result.getRecordMetadata();
            return new Receipt(event.id(), event.type().name(), event.type().department().name(), metadata.topic(),
                    metadata.partition(), metadata.offset(), Instant.ofEpochMilli(metadata.timestamp()), sha256);
        });
    }

    /** Waits for every future within the acknowledgement timeout; a failure names the broker's error. */
    public List<Receipt> await(List<CompletableFuture<Receipt>> futures) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<Receipt> receipts = new ArrayList<>(futures.size());
        for (CompletableFuture<Receipt> future : futures) {
            try {
                receipts.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                throw new DependencyUnavailableException("broker", "the broker did not acknowledge: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new DependencyUnavailableException("broker", "the broker did not acknowledge within " + ackTimeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DependencyUnavailableException("broker", "interrupted while waiting for the broker", e);
            }
        }
        return receipts;
    }

    /**
     * After a failed {@link #await}: waits until every send has settled (the producer gives up on a
     * record at {@code delivery.timeout.ms}, which {@link GatewayKafka} sets to the acknowledgement
     * timeout) and answers the receipts of the records that reached the broker.
     */
    public List<Receipt> settled(List<CompletableFuture<Receipt>> futures) {
        long deadline = System.nanoTime() + kafka.deliveryTimeout().plusSeconds(5).toNanos();
        List<Receipt> arrived = new ArrayList<>();
        for (CompletableFuture<Receipt> future : futures) {
            try {
                arrived.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                // Not sent: a retry sends it.
            } catch (TimeoutException e) {
                throw new IllegalStateException("a record neither arrived nor failed within " + kafka.deliveryTimeout()
                        + " (delivery.timeout.ms): its claim is left without a receipt", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for sends to settle", e);
            }
        }
        return arrived;
    }

    /**
     * Looks for events in the partitions they would have gone to, from shortly before they were
     * claimed: the records a gateway sent before it stopped without recording the receipts. Each
     * partition is read once for all of its events (a retried batch brings hundreds), and no further
     * than the end it had when the search began, or until all of its events are found.
     */
    public Map<UUID, Receipt> findSent(Collection<ReceiptIndex.Row> rows) {
        Map<UUID, Receipt> found = new HashMap<>();
        if (rows.isEmpty()) {
            return found;
        }
        Map<TopicPartition, Map<String, ReceiptIndex.Row>> byPartition = new HashMap<>();
        for (ReceiptIndex.Row row : rows) {
            byPartition.computeIfAbsent(new TopicPartition(row.topic(), row.partition()), p -> new HashMap<>())
                    .put(row.eventId().toString(), row);
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        try (Consumer<byte[], byte[]> consumer = kafka.rawConsumer("sharebus-gateway-recovery")) {
            byPartition.forEach((partition, wanted) -> {
                // A minute before the earliest claim: the gateway's clock set the record timestamp, the claim time too,
                // but a record may be timestamped a little before its claim was written.
                long from = wanted.values().stream().map(ReceiptIndex.Row::pendingSince).min(Instant::compareTo).orElseThrow()
                        .minus(Duration.ofMinutes(1)).toEpochMilli();
                consumer.assign(List.of(partition));
                OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(partition, from)).get(partition);
                long end = consumer.endOffsets(List.of(partition)).get(partition);
                if (start == null) {
                    return;
                }
                consumer.seek(partition, start.offset());
                Map<String, ReceiptIndex.Row> missing = new HashMap<>(wanted);
                while (!missing.isEmpty() && consumer.position(partition) < end) {
                    if (System.nanoTime() > deadline) {
                        throw new DependencyUnavailableException("broker", "could not read " + partition + " up to offset " + end
                                + " within " + ackTimeout + " to look for " + missing.size() + " events sent before", null);
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        Header id = record.headers().lastHeader(EVENT_ID_HEADER);
                        ReceiptIndex.Row row = id == null ? null : missing.remove(new String(id.value(), StandardCharsets.UTF_8));
                        if (row != null) {
                            found.put(row.eventId(), new Receipt(row.eventId(), row.eventType(), row.department(), record.topic(),
                                    record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                                    HEX.formatHex(EventReader.sha256(record.value()))));
                        }
                    }
                }
            });
        }
        return found;
    }

    public int partitions(String topic) {
        return partitionCounts.computeIfAbsent(topic, t -> template.partitionsFor(t).size());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ConfluentAvroSerializer<SpecificRecord> serializer(Class<? extends SpecificRecord> type) {
        return serializers.computeIfAbsent(type, t -> new ConfluentAvroSerializer(registry, t));
    }

    /** A valid event encoded for its topic. */
    public record Outgoing(ReadEvent event, String topic, int partition, String key, byte[] value, long timestamp) {
        public UUID eventId() {
            return event.id();
        }
    }
}
