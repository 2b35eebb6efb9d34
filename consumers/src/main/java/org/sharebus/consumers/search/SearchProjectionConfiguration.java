package org.sharebus.consumers.search;

import io.micrometer.core.instrument.MeterRegistry;
import org.sharebus.consumers.projection.ProjectionContainers;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The projection's consumer, reading the compacted profile topic from its start on first run: every
 * enterprise's latest profile. Errors as every projection's ({@link ProjectionContainers}): an
 * undecodable record to {@code sharebus.profiles.v1.DLT} at once, counted; an outage retried until
 * the service is back.
 */
@Configuration(proxyBeanMethods = false)
class SearchProjectionConfiguration {

    static final String CONTAINER_FACTORY = "searchProjectionContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> searchProjectionContainerFactory(
            ConsumerFactory<?, ?> bootConsumers, ProducerFactory<?, ?> bootProducers, MeterRegistry meters) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
                ProjectionContainers.forTopic(TopicCatalogue.PROFILES, bootConsumers, bootProducers, meters);
        // SearchProjection writes a poll's records in one transaction.
        factory.setBatchListener(true);
        return factory;
    }
}
