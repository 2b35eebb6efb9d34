package org.sharebus.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Binding of the sharebus.* settings: a setting left out keeps its documented default. */
class PlatformPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PlatformProperties.class)
    static class Binding {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void shouldKeepReplicationFactorThreeAndTopicCreationWhenOnlyThePartitionCountIsSet() {
        // given only the partition count
        runner.withPropertyValues("sharebus.topics.department-partitions=6").run(context -> {
            // when bound
            PlatformProperties.Topics topics = context.getBean(PlatformProperties.class).topics();

            // then the other topic settings keep their defaults
            assertThat(topics.departmentPartitions()).isEqualTo(6);
            assertThat(topics.replicationFactor()).isEqualTo(3);
            assertThat(topics.create()).isTrue();
        });
    }

    @Test
    void shouldKeepTheOtherPreferredPortsWhenOnlyTheKafkaPortIsSet() {
        runner.withPropertyValues("sharebus.embedded.kafka-port=0").run(context -> {
            PlatformProperties.Embedded embedded = context.getBean(PlatformProperties.class).embedded();

            assertThat(embedded.kafkaPort()).isZero();
            assertThat(embedded.registryPort()).isEqualTo(8081);
            assertThat(embedded.enabled()).isTrue();
        });
    }
}
