package org.sharebus.platform.kafka;

import java.util.List;
import java.util.Map;
import org.sharebus.platform.ConditionalOnPropertyUnset;
import org.sharebus.platform.EarlyStart;
import org.sharebus.platform.PlatformProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Starts the in-process broker when {@code spring.kafka.bootstrap-servers} is unset, and hands its
 * address to Boot as {@link KafkaConnectionDetails}: producers, consumers, admin and Kafka Streams
 * then all use it, and Boot's own properties-based details back off.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
@ConditionalOnProperty(name = "sharebus.embedded.enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnPropertyUnset("spring.kafka.bootstrap-servers")
public class EmbeddedKafkaAutoConfiguration {

    /** Boots the broker while the rest of the context is being built. */
    @Bean
    static EarlyStart<EmbeddedKafkaBroker> embeddedKafkaBrokerStart() {
        return new EarlyStart<>("embedded-kafka",
                properties -> EmbeddedKafkaBroker.start(properties.embedded().kafkaPort(), properties.dataDir(), Map.of()));
    }

    @Bean(destroyMethod = "close")
    EmbeddedKafkaBroker embeddedKafkaBroker(EarlyStart<EmbeddedKafkaBroker> start) {
        return start.await();
    }

    @Bean
    KafkaConnectionDetails embeddedKafkaConnectionDetails(EmbeddedKafkaBroker broker) {
        return () -> List.of(broker.bootstrapServers());
    }
}
