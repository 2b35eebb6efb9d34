package org.sharebus.consumers.notice;

import io.micrometer.core.instrument.MeterRegistry;
import org.sharebus.consumers.projection.ProjectionContainers;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The notice projection's consumer: every notice ever raised, from the topic's beginning on first
 * run. Errors as every projection's ({@link ProjectionContainers}): an undecodable record to
 * {@code sharebus.notices.v1.DLT} at once, counted; a database or registry outage retried until the
 * service is back, since dead-lettering good notices for it would lose them from the inbox.
 */
@Configuration(proxyBeanMethods = false)
class NoticeProjectionConfiguration {

    static final String CONTAINER_FACTORY = "noticeProjectionContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> noticeProjectionContainerFactory(
            ConsumerFactory<?, ?> bootConsumers, ProducerFactory<?, ?> bootProducers, MeterRegistry meters) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
                ProjectionContainers.forTopic(TopicCatalogue.NOTICES, bootConsumers, bootProducers, meters);
        // NoticeProjection writes a poll's records in one transaction.
        factory.setBatchListener(true);
        return factory;
    }
}
