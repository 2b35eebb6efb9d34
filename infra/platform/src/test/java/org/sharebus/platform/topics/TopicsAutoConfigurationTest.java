package org.sharebus.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The start refused when a catalogue topic made beforehand would lose records or move enterprises
 * between partitions, against a real broker (one for the class; each test deletes what it made).
 */
class TopicsAutoConfigurationTest {

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.startOnAnyPort();
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    @AfterEach
    void deleteTopics() throws Exception {
        admin.deleteTopics(admin.listTopics().names().get(10, TimeUnit.SECONDS)).all().get(30, TimeUnit.SECONDS);
        // Deletion completes after the call returns: the next test must not see this one's topics going.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!admin.listTopics().names().get(10, TimeUnit.SECONDS).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, TopicsAutoConfiguration.class))
                .withPropertyValues("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "sharebus.topics.department-partitions=2");
    }

    @Test
    void shouldNotBeReadyNamingTheMissingTopicsUntilTheCatalogueIsThere() throws Exception {
        // given a deployable that may not create topics (the gateway, sharebus.topics.create=false), started before the one that does
        java.util.Set<String> required = java.util.Set.of("customs.events.v1", "sharebus.audit.v1");
        org.sharebus.platform.health.KafkaHealthIndicator health = new org.sharebus.platform.health.KafkaHealthIndicator(
                Map.of("bootstrap.servers", broker.bootstrapServers()), java.time.Duration.ofSeconds(5), required);
        try {
            // when only one of its topics exists, then it is DOWN, naming the other and who makes it
            create(new NewTopic("customs.events.v1", 2, (short) 1));
            org.springframework.boot.health.contributor.Health missing = health.health();
            assertThat(missing.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);
            assertThat(missing.getDetails()).containsEntry("missingTopics", List.of("sharebus.audit.v1"));
            assertThat((String) missing.getDetails().get("error")).contains("sharebus.topics.create=true (the consumers)");

            // and once it exists, UP
            create(new NewTopic("sharebus.audit.v1", 1, (short) 1));
            assertThat(health.health().getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
        } finally {
            health.destroy();
        }
    }

    @Test
    void shouldRefuseToStartNamingTheTopicAndTheFixWhenADepartmentTopicWasMadeWithSevenDaysRetention() throws Exception {
        // given customs' topic made by hand with the usual cluster default
        create(new NewTopic("customs.events.v1", 2, (short) 1).configs(Map.of("retention.ms", "604800000")));

        // when / then
        runner().run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("customs.events.v1 has cleanup.policy=delete retention.ms=604800000 min.insync.replicas=1"
                        + " (1 replicas), the catalogue cleanup.policy=delete retention.ms=-1 min.insync.replicas=1")
                .hasMessageContaining("--entity-name customs.events.v1 --add-config cleanup.policy=delete,retention.ms=-1,min.insync.replicas=1"));
    }

    @Test
    void shouldRefuseToStartWhenADepartmentTopicIsCompacted() throws Exception {
        // given tax's topic compacted: only each enterprise's last fact would stay
        create(new NewTopic("tax.events.v1", 2, (short) 1).configs(Map.of("cleanup.policy", "compact")));

        // when / then
        runner().run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("tax.events.v1 has cleanup.policy=compact"));
    }

    @Test
    void shouldRefuseToStartWhenAnExistingTopicHasAnotherPartitionCount() throws Exception {
        // given market's topic made with three partitions where the catalogue says two
        create(new NewTopic("market.events.v1", 3, (short) 1).configs(Map.of("retention.ms", "-1")));

        // when / then
        runner().run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("market.events.v1 has 3, the catalogue 2"));
    }

    @Test
    void shouldStartAndCreateTheRestWhenExistingTopicsKeepAtLeastAsLongAsTheCatalogue() throws Exception {
        // given a department topic as the catalogue has it and a dead-letter topic kept longer than its 90 days
        create(new NewTopic("credit.events.v1", 2, (short) 1).configs(Map.of("retention.ms", "-1")),
                new NewTopic("credit.events.v1.DLT", 2, (short) 1).configs(Map.of("retention.ms", "31536000000")));

        // when
        runner().run(context -> {
            // then
            assertThat(context).hasNotFailed();
            context.getBean(org.springframework.kafka.core.KafkaAdmin.class).initialize();
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("customs.events.v1", "sharebus.profiles.v1");
        });
    }

    @Test
    void shouldStartAgainOverTheTopicsItMadeWhenRestarted() {
        // given a first start that made the catalogue's topics (compacted profiles and _schemas, kept-for-ever department topics)
        runner().run(context -> context.getBean(org.springframework.kafka.core.KafkaAdmin.class).initialize());

        // when it starts again, then nothing is refused
        runner().run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void shouldAskTwoInSyncReplicasOfThreeButNeverMoreThanATopicHasWhenJudgingMinInsyncReplicas() {
        // given a department topic kept for ever, as the catalogue has it
        TopicSpec customs = TopicCatalogue.withDepartmentPartitions(2).get("customs.events.v1");

        // then three replicas acknowledging a write on one can lose it; two of three cannot; one replica can only ask one
        assertThat(TopicsAutoConfiguration.lossy(customs, config("delete", "-1", "1"), 3)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("min.insync.replicas=1 (3 replicas), the catalogue cleanup.policy=delete retention.ms=-1 min.insync.replicas=2")
                .endsWith("--add-config cleanup.policy=delete,retention.ms=-1,min.insync.replicas=2)"));
        assertThat(TopicsAutoConfiguration.lossy(customs, config("delete", "-1", "2"), 3)).isEmpty();
        assertThat(TopicsAutoConfiguration.lossy(customs, config("delete", "-1", "3"), 3)).isEmpty();
        assertThat(TopicsAutoConfiguration.lossy(customs, config("delete", "-1", "1"), 1)).isEmpty();
        // and mending the policy of a dead-letter topic kept a year does not shorten it to the catalogue's 90 days
        TopicSpec deadLetters = TopicCatalogue.withDepartmentPartitions(2).get("customs.events.v1.DLT");
        assertThat(TopicsAutoConfiguration.lossy(deadLetters, config("compact", "31536000000", "1"), 1)).hasValueSatisfying(problem ->
                assertThat(problem).endsWith("--add-config cleanup.policy=delete,retention.ms=31536000000,min.insync.replicas=1)"));
    }

    private static Config config(String policy, String retention, String minInsync) {
        return new Config(List.of(new ConfigEntry("cleanup.policy", policy), new ConfigEntry("retention.ms", retention),
                new ConfigEntry("min.insync.replicas", minInsync)));
    }

    private static void create(NewTopic... topics) throws Exception {
        admin.createTopics(List.of(topics)).all().get(30, TimeUnit.SECONDS);
    }
}
