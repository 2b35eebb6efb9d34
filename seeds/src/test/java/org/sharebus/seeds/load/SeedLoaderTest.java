package org.sharebus.seeds.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.platform.registry.EmbeddedSchemaRegistry;
import org.sharebus.registry.InMemorySchemaRegistryClient;
import org.sharebus.registry.RestSchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.seeds.generate.SeedGenerator;
import org.sharebus.seeds.generate.SeedParameters;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/** Loading into an empty bus once, and not again. */
class SeedLoaderTest {

    private static final TopicCatalogue TOPICS = TopicCatalogue.withDepartmentPartitions(2);
    private static final SeedParameters SMALL = SeedParameters.defaults().withEnterprises(200);
    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startOnAnyPort();
        registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "127.0.0.1", 0);
        registry.start();
        client = new RestSchemaRegistryClient(URI.create(registry.url()));
        try (Admin admin = Admin.create(config())) {
            List<NewTopic> topics = TOPICS.departmentTopics().stream()
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1)).toList();
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void shouldLoadTheDataSetIntoEmptyTopicsAndNotAgainWhenTheyHoldRecords() throws Exception {
        // given an empty bus and the size of the data set
        recreateDepartmentTopics();
        int[] events = {0};
        new SeedGenerator(SMALL).forEachEvent(event -> events[0]++);
        SeedLoader first = new SeedLoader(config(), config(), client, SMALL, TOPICS);

        // when the loader starts on the empty bus and finishes
        SeedLoader.State started = first.startIfEmpty();
        assertThat(first.awaitDone(Duration.ofMinutes(2))).isTrue();

        // then it loaded every event, and says so
        assertThat(started).isEqualTo(SeedLoader.State.LOADING);
        assertThat(first.state()).isEqualTo(SeedLoader.State.LOADED);
        assertThat(first.stats().acknowledged()).isEqualTo(events[0]);
        assertThat(first.describe()).startsWith("loaded 200 enterprises, " + String.format("%,d", events[0]) + " events in");
        assertThat(first.departmentRecords()).isEqualTo(events[0]);

        // and when a loader starts again on the same bus (a restart)
        SeedLoader second = new SeedLoader(config(), config(), client, SMALL, TOPICS);
        SeedLoader.State again = second.startIfEmpty();

        // then it loads nothing
        assertThat(again).isEqualTo(SeedLoader.State.SKIPPED);
        assertThat(second.describe()).isEqualTo(String.format("present (%,d records in the department topics), not loaded again", events[0]));
        assertThat(second.departmentRecords()).isEqualTo(events[0]);
        first.close();
        second.close();
    }

    @Test
    void shouldSayTheLoadStoppedAndNotThatItLoadedWhenShutDownWhileLoading() throws Exception {
        // given empty department topics and a loader of a city too large to load before it is stopped
        recreateDepartmentTopics();
        SeedLoader loader = new SeedLoader(config(), config(), client, SeedParameters.defaults(), TOPICS);
        assertThat(loader.startIfEmpty()).isEqualTo(SeedLoader.State.LOADING);

        // when the bus shuts down while it loads
        loader.close();

        // then it says it stopped part-way, not that it loaded
        assertThat(loader.state()).isEqualTo(SeedLoader.State.STOPPED);
        assertThat(loader.describe()).startsWith("stopped after ").contains("of 20,000 enterprises", "delete the data directory");
    }

    private static void recreateDepartmentTopics() throws Exception {
        try (Admin admin = Admin.create(config())) {
            admin.deleteTopics(TOPICS.departmentTopics().stream().map(spec -> spec.name()).toList()).all().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = TOPICS.departmentTopics().stream()
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1)).toList();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    // The deletion is still under way.
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    @Test
    void shouldOfferTheLoaderOnlyWhenSharebusSeedsLoadIsTrue() {
        // given the auto-configuration with the beans it needs
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SeedLoadingAutoConfiguration.class))
                .withBean(ProducerFactory.class, () -> new DefaultKafkaProducerFactory<>(config()))
                .withBean(KafkaAdmin.class, () -> new KafkaAdmin(config()))
                .withBean(SchemaRegistryClient.class, InMemorySchemaRegistryClient::new);

        // when the property is unset, false or true, then the loader exists only for true, with the configured size
        runner.run(context -> assertThat(context).doesNotHaveBean(SeedLoader.class));
        runner.withPropertyValues("sharebus.seeds.load=false").run(context -> assertThat(context).doesNotHaveBean(SeedLoader.class));
        runner.withPropertyValues("sharebus.seeds.load=true", "sharebus.seeds.enterprises=1234").run(context -> {
            assertThat(context).hasSingleBean(SeedLoader.class);
            assertThat(context.getBean(SeedLoader.class).describe()).isEqualTo("not started yet");
            assertThat(context.getBean(SeedLoadingProperties.class).parameters().enterprises()).isEqualTo(1234);
        });
    }

    private static Map<String, Object> config() {
        return Map.of("bootstrap.servers", broker.bootstrapServers());
    }
}
