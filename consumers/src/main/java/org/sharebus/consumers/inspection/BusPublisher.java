package org.sharebus.consumers.inspection;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes the records of one staff action (a plan with its tasks, a result, a disclosure) in one
 * Kafka transaction and returns only once the broker has committed it, so a staff member is never
 * told "done" for records the bus does not have, and a read_committed projection never sees half
 * a plan. Boot's producer settings apply (acks=all, idempotence, an external cluster's security);
 * the transactional id is unique per process, so instances never fence each other.
 */
public class BusPublisher implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(BusPublisher.class);

    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> template;
    private final SchemaRegistryClient registry;

    public BusPublisher(ProducerFactory<?, ?> bootProducers, SchemaRegistryClient registry) {
        Map<String, Object> config = new HashMap<>(bootProducers.getConfigurationProperties());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producers = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        producers.setTransactionIdPrefix("sharebus-staff-actions-" + UUID.randomUUID() + "-");
        this.template = new KafkaTemplate<>(producers);
        this.registry = registry;
    }

    /** One record: its topic, key and Avro value. */
    public record Outgoing(String topic, String key, SpecificRecord value) {
    }

    /** Sends every record in one transaction; throws {@link PublishFailedException} unless the broker committed them all. */
    public void publish(List<Outgoing> records) {
        try {
            template.executeInTransaction(operations -> {
                List<java.util.concurrent.CompletableFuture<SendResult<String, byte[]>>> sent = records.stream()
                        .map(record -> operations.send(new ProducerRecord<>(record.topic(), record.key(), serialize(record))))
                        .toList();
                for (var future : sent) {
                    try {
                        future.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new PublishFailedException("interrupted while waiting for the broker", e);
                    } catch (ExecutionException | TimeoutException e) {
                        throw new PublishFailedException("the broker did not acknowledge: " + e.getMessage(), e);
                    }
                }
                return null;
            });
        } catch (PublishFailedException e) {
            throw logged(e, records);
        } catch (RuntimeException e) {
            throw logged(new PublishFailedException("the broker did not commit the records: " + e.getMessage(), e), records);
        }
    }

    /** The page only says the bus is unavailable; the broker's reason is for operations. */
    private static PublishFailedException logged(PublishFailedException e, List<Outgoing> records) {
        LOG.warn("{} record(s) to {} not published, nothing done: {}", records.size(),
                records.stream().map(Outgoing::topic).distinct().toList(), e.getMessage());
        return e;
    }

    @SuppressWarnings("unchecked")
    private byte[] serialize(Outgoing record) {
        Class<SpecificRecord> type = (Class<SpecificRecord>) record.value().getClass();
        try (ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(registry, type)) {
            return serializer.serialize(record.topic(), record.value());
        }
    }

    @Override
    public void destroy() {
        producers.destroy();
    }

    /** The broker did not take the records: nothing happened, the staff member may try again. */
    public static final class PublishFailedException extends RuntimeException {
        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
