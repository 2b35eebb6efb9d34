package org.sharebus.platform.health;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.sharebus.platform.registry.RegistryAutoConfiguration;
import org.sharebus.registry.RestSchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Health of what a sharebus deployable depends on, named {@code kafka}, {@code schemaRegistry} and
 * {@code kafkaStreams} (Boot adds {@code db}). The readiness group in
 * {@code sharebus-platform-defaults.properties} includes them, so an instance whose broker, registry,
 * database or Streams application is not there receives no traffic; liveness does not, because a
 * restart does not bring a broker back.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, RegistryAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
public class HealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("kafka")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, @Value("${sharebus.health.timeout:3s}") Duration timeout,
                                              ObjectProvider<TopicCatalogue> catalogue) {
        Set<String> required = catalogue.stream().flatMap(topics -> topics.all().stream().map(TopicSpec::name)).collect(Collectors.toSet());
        return new KafkaHealthIndicator(kafkaAdmin.getConfigurationProperties(), timeout, required);
    }

    @Bean
    @ConditionalOnBean(SchemaRegistryClient.class)
    @ConditionalOnMissingBean(name = "schemaRegistryHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("schemaRegistry")
    HealthIndicator schemaRegistryHealthIndicator(SchemaRegistryClient client, @Value("${sharebus.health.timeout:3s}") Duration timeout) {
        if (client instanceof RestSchemaRegistryClient rest) {
            return new SchemaRegistryHealthIndicator(rest.baseUrl(), timeout);
        }
        // An in-memory client (tests, tools) has nothing to reach.
        return () -> Health.up().withDetail("client", client.getClass().getSimpleName()).build();
    }

    /** The readiness indicators' answers as a metric, for an alert when one stays down (DependencyHealth). */
    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    DependencyHealth dependencyHealth(ObjectProvider<HealthContributorRegistry> contributors, ObjectProvider<HealthEndpointGroups> groups,
                                      @Value("${sharebus.health.metrics-interval:15s}") Duration interval) {
        return new DependencyHealth(contributors, groups, interval);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.kafka.streams.KafkaStreams")
    static class KafkaStreamsHealth {

        @Bean
        @ConditionalOnBean(StreamsBuilderFactoryBean.class)
        @ConditionalOnMissingBean(name = "kafkaStreamsHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("kafkaStreams")
        KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(ObjectProvider<StreamsBuilderFactoryBean> factories) {
            return new KafkaStreamsHealthIndicator(factories.orderedStream().toList());
        }
    }
}
