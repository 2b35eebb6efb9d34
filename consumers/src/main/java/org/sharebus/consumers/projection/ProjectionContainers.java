package org.sharebus.consumers.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sharebus.topic.TopicCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Listener containers for every PostgreSQL projection of a topic (search, notices, inspections,
 * disclosures): Boot's consumer and producer settings with our own deserializers, read_committed
 * (the topics are written in transactions), from the earliest offset on first start (Kafka is the
 * source of truth; a new read model is built from the whole topic). An undecodable record goes
 * to the catalogue's {@code <topic>.DLT} at once (reason in spring-kafka's {@code kafka_dlt-*}
 * headers) and counts in {@code sharebus_dlt_records_total{topic}}; a database or registry outage
 * is retried every {@value #OUTAGE_RETRY_MS} ms until the service is back (dead-lettering good records
 * for it would leave the read model silently behind; the readiness probe shows the outage), other
 * failures with a bounded exponential back-off (1 s to 8 s, 4 attempts), then dead-lettered.
 */
public final class ProjectionContainers {

    public static final long OUTAGE_RETRY_MS = 5_000;
    /** The projections' consumer groups, named once: the projections listen as them and {@link ProjectionRebuild} resets them. */
    public static final String SEARCH_GROUP = "sharebus-search-projection";
    public static final String NOTICE_GROUP = "sharebus-notice-projection";
    public static final String INSPECTION_GROUP = "sharebus-inspection-projection";
    public static final String DISCLOSURE_GROUP = "sharebus-disclosure-projection";
    private static final Logger log = LoggerFactory.getLogger(ProjectionContainers.class);

    private ProjectionContainers() {
    }

    public static ConcurrentKafkaListenerContainerFactory<String, byte[]> forTopic(String topic, ConsumerFactory<?, ?> bootConsumers,
                                                                                ProducerFactory<?, ?> bootProducers, MeterRegistry meters) {
        Map<String, Object> consumer = new HashMap<>(bootConsumers.getConfigurationProperties());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(),
                new ByteArrayDeserializer());
        // Boot binds its Micrometer listener to its own factory only: without this, these consumers' lag
        // (kafka_consumer_fetch_manager_records_lag, SharebusConsumerLagHigh) would not exist for the read models.
        consumers.addListener(new MicrometerConsumerListener<>(meters));
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(errorHandler(topic, bootProducers, meters));
        return factory;
    }

    private static DefaultErrorHandler errorHandler(String topic, ProducerFactory<?, ?> bootProducers, MeterRegistry meters) {
        Map<String, Object> producer = new HashMap<>(bootProducers.getConfigurationProperties());
        producer.remove("transactional.id");
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new ByteArraySerializer()));
        Counter deadLetters = Counter.builder("sharebus.dlt.records").tag("topic", topic)
                .description("Records that could not be read, sent to the topic's dead-letter topic").register(meters);
        // spring-kafka 4 names dead-letter topics <topic>-dlt by default; ours are the catalogue's <topic>.DLT.
        DeadLetterPublishingRecoverer dlt = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(record.topic() + TopicCatalogue.DEAD_LETTER_SUFFIX, record.partition()));
        ExponentialBackOff bounded = new ExponentialBackOff(1_000, 2.0);
        bounded.setMaxInterval(8_000);
        bounded.setMaxAttempts(4);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> {
            log.error("Projection of {}: {}-{}@{} sent to {}{}", topic, record.topic(), record.partition(), record.offset(),
                    record.topic(), TopicCatalogue.DEAD_LETTER_SUFFIX, e);
            dlt.accept(record, e);
            deadLetters.increment();
        }, bounded);
        handler.addNotRetryableExceptions(UndecodableRecordException.class);
        handler.setBackOffFunction((record, e) -> outage(e) ? new FixedBackOff(OUTAGE_RETRY_MS, FixedBackOff.UNLIMITED_ATTEMPTS) : null);
        return handler;
    }

    private static boolean outage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RegistryUnavailableException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException) {
                return true;
            }
        }
        return false;
    }

    /** The record will never be readable: dead-letter it without retrying. */
    public static final class UndecodableRecordException extends RuntimeException {
        public UndecodableRecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The registry did not answer: the record is fine, read it again later. */
    public static final class RegistryUnavailableException extends RuntimeException {
        public RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Decodes a record's value, telling a record that can never be read from a registry that does not answer. */
    public static <T extends org.apache.avro.specific.SpecificRecord> T decode(org.sharebus.serde.ConfluentAvroDeserializer<T> decoder,
                                                                              org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset() + " (key " + record.key() + ")";
        if (record.value() == null) {
            throw new UndecodableRecordException("record " + where + " has no value", null);
        }
        try {
            return decoder.deserialize(record.topic(), record.value());
        } catch (org.apache.kafka.common.errors.SerializationException e) {
            if (e.getCause() instanceof org.sharebus.registry.SchemaRegistryException registry
                    && (registry.httpStatus() == 0 || registry.httpStatus() >= 500 || registry.httpStatus() == 429)) {
                throw new RegistryUnavailableException("cannot read " + where + ": " + e.getMessage(), e);
            }
            throw new UndecodableRecordException("record " + where + " cannot be decoded: " + e.getMessage(), e);
        }
    }
}
