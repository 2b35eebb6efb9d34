package org.sharebus.consumers.notice;

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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The notice projection's consumer, set up as the search projection's (docs/decisions.md): Boot's
 * consumer and producer settings with our own deserializers, read_committed, from the topic's
 * start on first run.
 *
 * <p>Errors: an undecodable record goes to {@code sharebus.notices.v1.DLT} at once (raw bytes, the
 * reason in the {@code kafka_dlt-*} headers) and is counted in {@code sharebus_dlt_records_total};
 * other failures are retried with a bounded exponential back-off (1 s to 8 s, 4 attempts), then
 * dead-lettered. A database or registry outage is retried every {@value #OUTAGE_RETRY_MS} ms until
 * the service is back: dead-lettering good notices for it would lose them from the inbox.
 */
@Configuration(proxyBeanMethods = false)
class NoticeProjectionConfiguration {

    static final String CONTAINER_FACTORY = "noticeProjectionContainerFactory";
    static final long OUTAGE_RETRY_MS = 5_000;
    private static final Logger log = LoggerFactory.getLogger(NoticeProjectionConfiguration.class);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> noticeProjectionContainerFactory(
            ConsumerFactory<?, ?> bootConsumers, ProducerFactory<?, ?> bootProducers, MeterRegistry meters) {
        Map<String, Object> consumer = new HashMap<>(bootConsumers.getConfigurationProperties());
        // First start: every notice ever raised, from the topic's beginning (Kafka is the source of truth).
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()));
        factory.setCommonErrorHandler(errorHandler(bootProducers, meters));
        return factory;
    }

    private static DefaultErrorHandler errorHandler(ProducerFactory<?, ?> bootProducers, MeterRegistry meters) {
        Map<String, Object> producer = new HashMap<>(bootProducers.getConfigurationProperties());
        // Dead letters are sent one by one, outside any transaction, whatever the application's producers do.
        producer.remove("transactional.id");
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new ByteArraySerializer()));
        Counter deadLetters = Counter.builder("sharebus.dlt.records").tag("topic", TopicCatalogue.NOTICES)
                .description("Records that could not be read, sent to the topic's dead-letter topic").register(meters);
        // spring-kafka 4 names dead-letter topics <topic>-dlt by default; ours are the catalogue's <topic>.DLT.
        DeadLetterPublishingRecoverer dlt = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(record.topic() + TopicCatalogue.DEAD_LETTER_SUFFIX, record.partition()));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> {
            log.error("Notice projection: {}-{}@{} sent to {}{}", record.topic(), record.partition(), record.offset(),
                    record.topic(), TopicCatalogue.DEAD_LETTER_SUFFIX, e);
            dlt.accept(record, e);
            deadLetters.increment();
        }, boundedBackOff());
        handler.addNotRetryableExceptions(NoticeProjection.UndecodableNoticeException.class);
        handler.setBackOffFunction((record, e) -> outage(e) ? new FixedBackOff(OUTAGE_RETRY_MS, FixedBackOff.UNLIMITED_ATTEMPTS) : null);
        return handler;
    }

    private static BackOff boundedBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(8_000);
        backOff.setMaxAttempts(4);
        return backOff;
    }

    private static boolean outage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoticeProjection.RegistryUnavailableException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException) {
                return true;
            }
        }
        return false;
    }
}
