package org.sharebus.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.sharebus.platform.kafka.EmbeddedKafkaAutoConfiguration;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The wiring against a Kafka in a container, as the product's design names Testcontainers. It runs
 * only where a Docker engine is present; on our machines there is none, and JUnit reports it
 * skipped ("disabledWithoutDocker"). Every other test uses the in-process broker.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaWiringTest {

    @Container
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");

    @Test
    void shouldCreateTheCatalogueOnAnExternalBrokerAndStartNoEmbeddedOne() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedKafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
                        TopicsAutoConfiguration.class))
                .withPropertyValues("spring.kafka.bootstrap-servers=" + kafka.getBootstrapServers())
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedKafkaBroker.class);
                    context.getBean(KafkaAdmin.class).initialize();
                    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.getBootstrapServers()))) {
                        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                                .containsAll(context.getBean(TopicCatalogue.class).all().stream().map(t -> t.name()).toList());
                    }
                });
    }
}
