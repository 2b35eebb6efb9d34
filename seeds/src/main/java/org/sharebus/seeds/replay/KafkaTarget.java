package org.sharebus.seeds.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.seeds.generate.SeedEvent;

/**
 * Publishes straight to the department topics, keyed by USCC, with sharebus's Confluent-format
 * serializer: acks=all and an idempotent producer, so an acknowledged event is on every in-sync
 * replica exactly once. Batching and lz4 are tuned for bulk loading.
 */
public final class KafkaTarget implements Target {

    private final KafkaProducer<String, SpecificRecordBase> producer;
    private final ReplayStats stats;
    private volatile RuntimeException firstError;

    /** @param producerConfig at least {@code bootstrap.servers}; serializers are set here */
    public KafkaTarget(Map<String, Object> producerConfig, SchemaRegistryClient registry, ReplayStats stats) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Level 9, the default, costs most of the CPU of a bulk load here; level 1 compresses these records almost as well.
        config.putIfAbsent(ProducerConfig.COMPRESSION_LZ4_LEVEL_CONFIG, 1);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "sharebus-seeds");
        // Fail within 15 s, not Kafka's 60, when the cluster cannot be reached.
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new DepartmentEventSerializer(registry));
        this.stats = stats;
    }

    public static Map<String, Object> config(String bootstrapServers) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    @Override
    public void send(SeedEvent event) {
        RuntimeException error = firstError;
        if (error != null && stats.acknowledged() == 0) {
            // Every further send would wait max.block.ms for the same unreachable cluster.
            throw new IllegalStateException("Kafka acknowledged nothing and the first send failed: " + error, error);
        }
        long started = System.nanoTime();
        stats.sent(1);
        producer.send(new ProducerRecord<>(event.topic(), event.key(), event.value()), (metadata, exception) -> {
            if (exception == null) {
                stats.acknowledged(1, System.nanoTime() - started);
                return;
            }
            if (firstError == null) {
                firstError = exception instanceof RuntimeException runtime ? runtime : new IllegalStateException(exception);
            }
            if (exception instanceof RetriableException) {
                stats.failed(1, event.topic() + ": " + exception);
            } else {
                stats.refused(1, event.topic() + ": " + exception);
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        // After flush() nothing is pending; after a failure, do not wait for ever for a cluster that does not answer.
        producer.close(Duration.ofSeconds(30));
    }
}
