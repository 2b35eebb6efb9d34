package org.sharebus.consumers.inspection;

import io.micrometer.core.instrument.MeterRegistry;
import org.sharebus.consumers.projection.ProjectionContainers;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.topic.TopicCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/** The inspection feature's beans: its rules, the inspector pool, the staff-action publisher and the projection's container. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({InspectionRules.class, InspectionProperties.class})
class InspectionConfiguration {

    static final String INSPECTIONS_CONTAINER_FACTORY = "inspectionProjectionContainerFactory";
    private static final Logger log = LoggerFactory.getLogger(InspectionConfiguration.class);

    @Bean
    InspectorPool inspectorPool(InspectionProperties properties, ObjectProvider<InspectorPool.Fallback> fallback) {
        InspectorPool pool;
        if (properties.inspectorsCsv() != null) {
            pool = InspectorPool.fromCsv(properties.inspectorsCsv());
            log.info("Inspector pool: {} officers from {}", pool.size(), properties.inspectorsCsv().getDescription());
        } else if (fallback.getIfAvailable() != null) {
            pool = new InspectorPool(fallback.getObject().inspectors());
            log.info("Inspector pool: {} officers from {}", pool.size(), fallback.getObject().getClass().getSimpleName());
        } else {
            pool = new InspectorPool(java.util.List.of());
            log.warn("Inspector pool is empty (no sharebus.inspection.inspectors-csv): every inspection draw will be refused");
        }
        return pool;
    }

    @Bean
    BusPublisher busPublisher(ProducerFactory<?, ?> bootProducers, SchemaRegistryClient registry) {
        return new BusPublisher(bootProducers, registry);
    }

    @Bean(INSPECTIONS_CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> inspectionProjectionContainerFactory(
            ConsumerFactory<?, ?> bootConsumers, ProducerFactory<?, ?> bootProducers, MeterRegistry meters) {
        return ProjectionContainers.forTopic(TopicCatalogue.INSPECTIONS, bootConsumers, bootProducers, meters);
    }
}
