package org.sharebus.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.sharebus.platform.kafka.EmbeddedKafkaAutoConfiguration;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.platform.postgres.EmbeddedPostgresAutoConfiguration;
import org.sharebus.platform.registry.EmbeddedSchemaRegistry;
import org.sharebus.platform.registry.RegistryAutoConfiguration;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.platform.topics.TopicsAutoConfiguration;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;

/** The embedded default: what starts when nothing external is configured, and what does not when it is. */
class EmbeddedDefaultTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddedKafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
                    TopicsAutoConfiguration.class, EmbeddedPostgresAutoConfiguration.class, DataSourceAutoConfiguration.class,
                    RegistryAutoConfiguration.class))
            .withPropertyValues("sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0",
                    "sharebus.topics.department-partitions=3");

    @Test
    void shouldStartBrokerAndDatabaseAndCreateEveryCatalogueTopicWhenNothingExternalIsConfigured() {
        runner.run(context -> {
            // given the embedded default
            EmbeddedKafkaBroker broker = context.getBean(EmbeddedKafkaBroker.class);
            assertThat(context.getBean(KafkaConnectionDetails.class).getBootstrapServers())
                    .containsExactly(broker.bootstrapServers());

            // when KafkaAdmin has created the catalogue's topics
            context.getBean(KafkaAdmin.class).initialize();
            TopicCatalogue catalogue = context.getBean(TopicCatalogue.class);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);

                // then every topic exists with the catalogue's partitions and cleanup policy
                assertThat(names).containsAll(catalogue.all().stream().map(t -> t.name()).toList());
                assertThat(topics.get("customs.events.v1").partitions()).hasSize(3);
                assertThat(topics.get("customs.events.v1.DLT").partitions()).hasSize(3);
                assertThat(topics.get(TopicCatalogue.AUDIT).partitions()).hasSize(1);
                ConfigResource profiles = new ConfigResource(ConfigResource.Type.TOPIC, TopicCatalogue.PROFILES);
                ConfigResource customs = new ConfigResource(ConfigResource.Type.TOPIC, "customs.events.v1");
                Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(profiles, customs)).all().get(10, TimeUnit.SECONDS);
                assertThat(configs.get(profiles).get("cleanup.policy").value()).isEqualTo("compact");
                assertThat(configs.get(customs).get("retention.ms").value()).isEqualTo("-1");
                assertThat(configs.get(customs).get("min.insync.replicas").value()).isEqualTo("1");
            }

            // and the schema registry answers through the client bean, storing its subjects on the broker
            SchemaRegistryClient registry = context.getBean(SchemaRegistryClient.class);
            int id = registry.register("customs.events.v1-value", CustomsEvent.getClassSchema());
            assertThat(registry.getById(id)).isEqualTo(CustomsEvent.getClassSchema());
            assertThat(context.getBean(EmbeddedSchemaRegistry.class).url()).startsWith("http://127.0.0.1:");
            assertThat(context).doesNotHaveBean("subjectCompatibility"); // its own default is BACKWARD_TRANSITIVE already

            // and the database answers
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(new JdbcTemplate(dataSource).queryForObject("select version()", String.class)).startsWith("PostgreSQL");
            assertThat(context).hasSingleBean(EmbeddedPostgres.class);
        });
    }

    @Test
    void shouldStartNoBrokerWhenBootstrapServersAreConfigured() {
        runner.withPropertyValues("spring.kafka.bootstrap-servers=kafka.example:9092", "sharebus.topics.create=false",
                        "spring.datasource.url=jdbc:postgresql://db.example:5432/sharebus",
                        "sharebus.registry.url=http://registry.example:8081")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedKafkaBroker.class);
                    assertThat(context).doesNotHaveBean(EmbeddedPostgres.class);
                    assertThat(context).doesNotHaveBean(EmbeddedSchemaRegistry.class);
                    assertThat(context).hasSingleBean(SchemaRegistryClient.class);
                    // and the external registry's subjects are held at BACKWARD_TRANSITIVE once the application is ready
                    assertThat(context).hasBean("subjectCompatibility");
                    assertThat(context.getBean(KafkaConnectionDetails.class).getBootstrapServers())
                            .containsExactly("kafka.example:9092");
                });
    }

    @Test
    void shouldStartNothingInProcessWhenTheEmbeddedDefaultIsSwitchedOff() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedKafkaAutoConfiguration.class, EmbeddedPostgresAutoConfiguration.class))
                .withPropertyValues("sharebus.embedded.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(EmbeddedKafkaBroker.class);
                    assertThat(context).doesNotHaveBean(EmbeddedPostgres.class);
                });
    }

    @Test
    void shouldFailNamingThePropertyWhenNoRegistryIsConfiguredAndTheEmbeddedDefaultIsOff() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RegistryAutoConfiguration.class))
                .withPropertyValues("sharebus.embedded.enabled=false")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("set sharebus.registry.url"));
    }
}
