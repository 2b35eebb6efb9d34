package org.sharebus.platform.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's storage: one compacted, single-partition topic read from its beginning on start
 * and followed for as long as the registry runs. Every change, ours included, reaches the state
 * through the reader, in the log's order: a write returns once the reader has applied it, so a
 * caller reads what it wrote, and a second instance following the same topic sees the same.
 */
final class SchemaLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrapServers;
    private final String topic;
    private final TopicPartition partition;
    private final RegistryState state;
    private final Object progress = new Object();

    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> consumer;
    private Thread reader;
    private volatile boolean closing;
    /** The next offset the reader will apply; guarded by {@link #progress}. */
    private long position;
    /** Why the reader stopped, if it did; guarded by {@link #progress}. */
    private RuntimeException readerFailure;

    SchemaLog(String bootstrapServers, String topic, RegistryState state) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.state = state;
    }

    /** Creates the topic if missing, reads it to its end, and keeps following it. */
    void start() {
        ensureTopic();
        producer = new KafkaProducer<>(producerConfig());
        consumer = new KafkaConsumer<>(consumerConfig());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
        // From here on only the reader thread touches the consumer.
        reader = new Thread(this::follow, "sharebus-schema-registry-reader");
        reader.setDaemon(true);
        reader.start();
        awaitPosition(end, "reading " + topic + " to its end (offset " + end + ")");
        log.info("Read {} to offset {}: {} subjects, highest schema id {}", topic, end, state.subjects().size(), state.maxId());
    }

    void appendSchema(SchemaVersion version) {
        append(LogFormat.schemaKey(version.subject(), version.version()), LogFormat.schemaValue(version));
    }

    void appendLevel(String subjectOrNull, CompatibilityLevel level) {
        append(LogFormat.configKey(subjectOrNull), LogFormat.configValue(level));
    }

    private void append(String key, String value) {
        RecordMetadata written;
        try {
            written = producer.send(new ProducerRecord<>(topic, partition.partition(), key, value))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw RegistryException.storeError("Could not write to " + topic + ": " + failed.getCause().getMessage(), failed.getCause());
        } catch (TimeoutException slow) {
            throw RegistryException.timeout("Writing to " + topic + " took longer than " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("Interrupted while writing to " + topic, interrupted);
        }
        awaitPosition(written.offset() + 1, "applying " + topic + " offset " + written.offset());
    }

    private void follow() {
        try {
            while (!closing) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    apply(record);
                }
                long next = consumer.position(partition);
                synchronized (progress) {
                    position = next;
                    progress.notifyAll();
                }
            }
        } catch (WakeupException closed) {
            if (!closing) {
                stopped(new IllegalStateException("the reader of " + topic + " was woken up unexpectedly", closed));
            }
        } catch (RuntimeException failure) {
            log.error("The reader of {} stopped; the registry can no longer write", topic, failure);
            stopped(failure);
        } finally {
            consumer.close();
        }
    }

    /**
     * A record we cannot read is skipped with a warning naming its offset, as Confluent's registry
     * does: one foreign record must not stop the registry from serving every other subject.
     */
    private void apply(ConsumerRecord<String, String> record) {
        try {
            LogFormat.apply(record.key(), record.value(), state);
        } catch (IllegalArgumentException unreadable) {
            log.warn("Skipped {} offset {}: {}", topic, record.offset(), unreadable.getMessage());
        }
    }

    private void stopped(RuntimeException failure) {
        synchronized (progress) {
            readerFailure = failure;
            progress.notifyAll();
        }
    }

    private void awaitPosition(long target, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (progress) {
            while (position < target) {
                if (readerFailure != null) {
                    throw RegistryException.storeError("The reader of " + topic + " stopped while " + what + ": "
                            + readerFailure.getMessage(), readerFailure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw RegistryException.timeout("Timed out after " + TIMEOUT.toSeconds() + " s " + what);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw RegistryException.storeError("Interrupted while " + what, interrupted);
                }
            }
        }
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            // One partition: ids are handed out in one order. Compacted: the latest record per key is kept for ever.
            NewTopic schemas = new NewTopic(topic, 1, (short) Math.min(3, brokers))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(schemas)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created {} (1 partition, compacted, replication factor {})", topic, schemas.replicationFactor());
            } catch (ExecutionException failed) {
                if (!(failed.getCause() instanceof TopicExistsException)) {
                    throw failed;
                }
            }
            TopicDescription description = describeOnceKnown(admin);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("Topic " + topic + " has " + description.partitions().size()
                        + " partitions; the schema registry needs exactly 1 so that every instance reads one order of ids");
            }
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("Could not create or describe " + topic + " on " + bootstrapServers + ": " + failed, failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + topic, interrupted);
        }
    }

    /**
     * On a cluster, the broker asked may not know a topic created a moment ago through another one
     * (metadata reaches each broker shortly after): ask again until the timeout.
     */
    private TopicDescription describeOnceKnown(Admin admin) throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            } catch (ExecutionException failed) {
                if (!(failed.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw failed;
                }
                Thread.sleep(100);
            }
        }
    }

    private Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "sharebus-schema-registry-writer");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sharebus-schema-registry-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }

    @Override
    public void close() {
        closing = true;
        if (reader != null) {
            consumer.wakeup();
            try {
                reader.join(TIMEOUT.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        } else if (consumer != null) {
            consumer.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
