package org.sharebus.platform.registry;

import java.net.URI;
import org.sharebus.platform.ConditionalOnPropertyUnset;
import org.sharebus.platform.PlatformProperties;
import org.sharebus.platform.Ports;
import org.sharebus.platform.kafka.EmbeddedKafkaAutoConfiguration;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.registry.RestSchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * The schema registry every deployable talks to: the one at {@code sharebus.registry.url}, or, when
 * that is unset, the embedded Confluent-API registry, started on the bus's own Kafka (its subjects
 * in {@code _schemas}, so ids survive restarts wherever the broker's data does).
 */
@AutoConfiguration(after = {EmbeddedKafkaAutoConfiguration.class, KafkaAutoConfiguration.class})
@EnableConfigurationProperties(PlatformProperties.class)
public class RegistryAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RegistryAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "sharebus.embedded.enabled", havingValue = "true", matchIfMissing = true)
    @ConditionalOnPropertyUnset("sharebus.registry.url")
    EmbeddedSchemaRegistry embeddedSchemaRegistry(PlatformProperties properties, KafkaConnectionDetails kafka,
                                                  ObjectProvider<EmbeddedKafkaBroker> embeddedBroker) {
        if (embeddedBroker.getIfAvailable() == null) {
            // It has no leader election: several instances on one cluster could hand out one id twice.
            log.warn("sharebus.registry.url is unset while Kafka is external: starting the embedded schema registry,"
                    + " which assumes it is the only registry writing to _schemas. Set sharebus.registry.url for a cluster.");
        }
        int preferred = properties.embedded().registryPort();
        int port = Ports.preferredOrFree(preferred);
        if (preferred > 0 && port != preferred) {
            log.warn("Port {} is taken; the embedded schema registry listens on {} instead", preferred, port);
        }
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(String.join(",", kafka.getBootstrapServers()), "127.0.0.1", port);
        registry.start();
        log.info("Embedded schema registry (Confluent API) ready at {}", registry.url());
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    SchemaRegistryClient schemaRegistryClient(PlatformProperties properties, ObjectProvider<EmbeddedSchemaRegistry> embedded) {
        String url = properties.registry().url();
        if (url == null || url.isBlank()) {
            EmbeddedSchemaRegistry registry = embedded.getIfAvailable();
            if (registry == null) {
                throw new IllegalStateException("no schema registry: set sharebus.registry.url, or enable the embedded default");
            }
            url = registry.url();
        }
        return new RestSchemaRegistryClient(URI.create(url));
    }

    /** An external registry's subjects held at a transitive level, as the embedded one's default is (SubjectCompatibility). */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("sharebus.registry.url")
    SubjectCompatibility subjectCompatibility(SchemaRegistryClient registry, PlatformProperties properties) {
        return new SubjectCompatibility(registry, properties.registry().url(), SubjectCompatibility.catalogueSubjects());
    }
}
