package org.sharebus.seeds.load;

import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * With {@code sharebus.seeds.load=true} (the launcher's setting), loads the seed data into an
 * empty bus once the application is ready, before the startup report is printed, so the report
 * can say so. The producer and admin settings are Spring's own, so an external cluster's
 * addresses and security settings apply.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.sharebus.platform.registry.RegistryAutoConfiguration", "org.sharebus.platform.topics.TopicsAutoConfiguration"})
@ConditionalOnProperty(name = "sharebus.seeds.load", havingValue = "true")
@EnableConfigurationProperties(SeedLoadingProperties.class)
public class SeedLoadingAutoConfiguration {

    @Bean(destroyMethod = "close")
    SeedLoader seedLoader(ProducerFactory<?, ?> producerFactory, KafkaAdmin kafkaAdmin, SchemaRegistryClient registry,
                          SeedLoadingProperties properties, ObjectProvider<TopicCatalogue> catalogue) {
        return new SeedLoader(producerFactory.getConfigurationProperties(), kafkaAdmin.getConfigurationProperties(), registry,
                properties.parameters(), catalogue.getIfAvailable(TopicCatalogue::standard));
    }

    @Bean
    SeedLoadingStarter seedLoadingStarter(SeedLoader seedLoader) {
        return new SeedLoadingStarter(seedLoader);
    }

    /** Starts loading when the application is ready: the topics exist by then. First among the ready listeners. */
    static final class SeedLoadingStarter implements ApplicationListener<ApplicationReadyEvent>, Ordered {

        private final SeedLoader seedLoader;

        SeedLoadingStarter(SeedLoader seedLoader) {
            this.seedLoader = seedLoader;
        }

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            seedLoader.startIfEmpty();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
