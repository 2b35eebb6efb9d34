package org.sharebus.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.platform.PlatformDefaults;
import org.sharebus.platform.kafka.EmbeddedKafkaAutoConfiguration;
import org.sharebus.platform.health.KafkaHealthIndicator;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.platform.registry.EmbeddedSchemaRegistry;
import org.sharebus.platform.registry.RegistryAutoConfiguration;
import org.sharebus.platform.topics.TopicsAutoConfiguration;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The bus's platform against a real three-broker KRaft cluster, three separate broker processes
 * started by {@code infra/cluster/kafka-cluster.sh} from the Maven Central jars: the catalogue's
 * topics get replication factor 3 and {@code min.insync.replicas} 2, and when one broker dies
 * acks=all writes still succeed, nothing written is lost, and the schema registry still answers.
 *
 * <p>One cluster for the class. The broker-failure test kills a broker and so runs last. The
 * cluster's files stay in {@code target/three-broker-cluster} for a post-mortem; a failing test
 * prints the end of every broker's log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeBrokerClusterTest {

    private static final Path SCRIPT = Path.of("..", "cluster", "kafka-cluster.sh").toAbsolutePath().normalize();
    private static final Path CLUSTER_DIR = Path.of("target", "three-broker-cluster").toAbsolutePath();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "customs.events.v1";
    private static final int PARTITIONS = 3;

    private static String bootstrapServers;
    private static Thread stopOnExit;

    @RegisterExtension
    static final TestWatcher brokerLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println(brokerLogTails());
        }
    };

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            // The deployables' shared defaults (acks=all, idempotence, read_committed), as every deployable gets them.
            .withInitializer(context -> new PlatformDefaults().postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
            .withConfiguration(AutoConfigurations.of(EmbeddedKafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
                    TopicsAutoConfiguration.class, RegistryAutoConfiguration.class))
            .withPropertyValues("sharebus.embedded.registry-port=0",
                    "sharebus.topics.department-partitions=" + PARTITIONS);

    @BeforeAll
    static void startCluster() throws Exception {
        assertThat(SCRIPT).as("the cluster script").isExecutable();
        if (Files.exists(CLUSTER_DIR)) {
            script("stop", CLUSTER_DIR.toString()); // brokers left over from an aborted run
            deleteRecursively(CLUSTER_DIR);
        }
        stopOnExit = new Thread(() -> script("stop", CLUSTER_DIR.toString()), "stop-three-broker-cluster");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        script("start", CLUSTER_DIR.toString());
        bootstrapServers = Files.readString(CLUSTER_DIR.resolve("bootstrap.servers")).trim();
        awaitBrokers(3);
    }

    @AfterAll
    static void stopCluster() {
        script("stop", CLUSTER_DIR.toString());
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }

    @Test
    @Order(1)
    void shouldCreateEveryCatalogueTopicOnThreeReplicasWithMinInsyncTwoWhenTheClusterHasThreeBrokers() {
        runner.withPropertyValues("spring.kafka.bootstrap-servers=" + bootstrapServers).run(context -> {
            // given the platform pointed at the cluster: no in-process broker
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(EmbeddedKafkaBroker.class);

            // when KafkaAdmin creates the catalogue's topics
            context.getBean(KafkaAdmin.class).initialize();

            // then every catalogue topic has three replicas per partition, all in sync, and min.insync.replicas 2
            List<String> names = context.getBean(TopicCatalogue.class).all().stream().map(TopicSpec::name).toList();
            try (Admin admin = admin()) {
                Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                Map<String, Set<Integer>> replicationFactors = topics.values().stream().collect(Collectors.toMap(
                        TopicDescription::name,
                        t -> t.partitions().stream().map(p -> p.replicas().size()).collect(Collectors.toSet())));
                assertThat(replicationFactors).allSatisfy((topic, factors) -> assertThat(factors).as(topic).containsExactly(3));
                assertThat(topics.get(TOPIC).partitions()).allSatisfy(p -> assertThat(p.isr()).hasSize(3));
                // and the health check finds every replica in sync
                KafkaHealthIndicator kafka = new KafkaHealthIndicator(Map.of("bootstrap.servers", bootstrapServers), Duration.ofSeconds(10));
                try {
                    assertThat(kafka.health().getDetails()).containsEntry("brokers", 3).containsEntry("underReplicatedPartitions", 0)
                            .doesNotContainKey("underReplicated");
                } finally {
                    kafka.destroy();
                }

                List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
                Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(configs).allSatisfy((resource, config) ->
                        assertThat(config.get("min.insync.replicas").value()).as(resource.name()).isEqualTo("2"));
            }
        });
    }

    @Test
    @Order(2)
    void shouldRefuseToStartRatherThanAddPartitionsWhenTheCatalogueAsksForMoreThanTheTopicsHave() {
        // given the catalogue's topics, made with 3 partitions each (test 1)
        // when an instance starts with another department partition count
        runner.withPropertyValues("spring.kafka.bootstrap-servers=" + bootstrapServers, "sharebus.topics.department-partitions=6")
                .run(context -> {
                    // then it does not start, and says which topic and what to do
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining(TOPIC + " has 3, the catalogue 6")
                            .hasMessageContaining("sharebus.topics.department-partitions");
                });
        // and the topics keep their partitions
        try (Admin admin = admin()) {
            assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .get(TOPIC).partitions()).hasSize(PARTITIONS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(2)
    void shouldRefuseToStartWhenATopicWasLoweredToAcknowledgeWritesOnOneReplicaOfThree() throws Exception {
        // given customs' topic lowered by hand to min.insync.replicas 1: an acks=all write one broker's loss can take away
        setMinInsyncReplicas(TOPIC, "1");
        try {
            // when an instance starts
            runner.withPropertyValues("spring.kafka.bootstrap-servers=" + bootstrapServers).run(context -> {
                // then it does not, and says which topic and the command that mends it
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining(TOPIC + " has cleanup.policy=delete retention.ms=-1 min.insync.replicas=1 (3 replicas)")
                        .hasMessageContaining("--entity-name " + TOPIC + " --add-config cleanup.policy=delete,retention.ms=-1,min.insync.replicas=2");
            });
        } finally {
            setMinInsyncReplicas(TOPIC, "2");
        }
    }

    /**
     * Sets the topic's min.insync.replicas and waits until every node of the cluster has the change.
     * The call returns once the controller has committed it; each broker applies it from the
     * metadata log a moment later, and the instance's start-up check asks whichever broker it
     * reaches: on two busy cores that moment was long enough for the check to read the old value (a
     * CI run, 2026-11-29). So: wait until every node's metadata log reaches the high watermark that
     * holds the change, then until describing the topic answers the new value.
     */
    private static void setMinInsyncReplicas(String topic, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry("min.insync.replicas", value),
                    AlterConfigOp.OpType.SET)))).all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long committed = admin.describeMetadataQuorum().quorumInfo().get(WAIT.toSeconds(), TimeUnit.SECONDS).highWatermark();
            while (true) {
                QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                boolean replicated = Stream.concat(quorum.voters().stream(), quorum.observers().stream())
                        .allMatch(replica -> replica.logEndOffset() >= committed);
                if (replicated && value.equals(admin.describeConfigs(List.of(resource)).all().get(WAIT.toSeconds(), TimeUnit.SECONDS)
                        .get(resource).get("min.insync.replicas").value())) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the cluster did not take min.insync.replicas=" + value + " for " + topic + " within " + WAIT
                            + ": " + quorum);
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    @Order(3)
    void shouldAcceptAcksAllWritesLoseNothingAndKeepTheRegistryAnsweringWhenOneBrokerDies() {
        runner.withPropertyValues("spring.kafka.bootstrap-servers=" + bootstrapServers).run(context -> {
            // given the catalogue's topics, a registered schema and records written with acks=all
            assertThat(context).hasNotFailed();
            context.getBean(KafkaAdmin.class).initialize();
            SchemaRegistryClient registry = context.getBean(SchemaRegistryClient.class);
            int customsId = registry.register(TOPIC + "-value", CustomsEvent.getClassSchema());
            @SuppressWarnings("unchecked")
            KafkaTemplate<String, String> template = context.getBean(KafkaTemplate.class);
            assertThat(template.getProducerFactory().getConfigurationProperties()).containsEntry("acks", "all");
            List<String> before = send(template, "before", 30);

            // when the broker leading the registry's _schemas partition is killed (SIGKILL: no controlled shutdown)
            int victim = leaderOf(TopicCatalogue.SCHEMAS);
            kill(victim);

            // then acks=all writes still succeed: two replicas of three are still in sync
            List<String> after = send(template, "after", 30);

            // and every record written before and after is there to read
            List<String> expected = new ArrayList<>(before);
            expected.addAll(after);
            assertThat(readAll(TOPIC, expected.size())).containsExactlyInAnyOrderElementsOf(expected);

            // and the registry, whose log leader died, still registers and serves schemas
            Schema probe = SchemaBuilder.record("ClusterProbe").namespace("org.sharebus.test").fields()
                    .requiredString("note").endRecord();
            int probeId = registry.register("cluster-probe-value", probe);
            assertThat(probeId).isNotEqualTo(customsId);
            assertThat(registry.subjects()).contains(TOPIC + "-value", "cluster-probe-value");
            assertThat(context.getBean(EmbeddedSchemaRegistry.class).url()).startsWith("http://127.0.0.1:");

            // and the cluster reports the dead broker gone
            try (Admin admin = admin()) {
                assertThat(admin.describeCluster().nodes().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .extracting(node -> node.id()).doesNotContain(victim).hasSize(2);
            }

            // and the health check, still UP (writes succeed), counts the partitions one more loss would stop, as its metric does
            KafkaHealthIndicator kafka = new KafkaHealthIndicator(Map.of("bootstrap.servers", bootstrapServers), Duration.ofSeconds(10));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            kafka.bindTo(meters);
            try {
                Health health = awaitHealth(kafka, h -> ((Number) h.getDetails().get("underReplicatedPartitions")).intValue() > 0);
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("brokers", 2);
                assertThat((List<?>) health.getDetails().get("underReplicated")).isNotEmpty();
                assertThat(meters.get("sharebus.kafka.partitions.under.replicated").gauge().value())
                        .isEqualTo(((Number) health.getDetails().get("underReplicatedPartitions")).doubleValue());
            } finally {
                kafka.destroy();
            }
        });
    }

    /** The health check's answer once it satisfies {@code wanted}: a dead broker leaves the in-sync replicas after replica.lag.time.max.ms. */
    private static Health awaitHealth(KafkaHealthIndicator indicator, java.util.function.Predicate<Health> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Health health = indicator.health();
        while (!wanted.test(health) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            health = indicator.health();
        }
        assertThat(wanted.test(health)).as("health within %s: %s", WAIT, health.getDetails()).isTrue();
        return health;
    }

    private static List<String> send(KafkaTemplate<String, String> template, String batch, int count) {
        List<String> values = IntStream.range(0, count).mapToObj(i -> batch + "-" + i).toList();
        var futures = values.stream().map(v -> template.send(TOPIC, "91330100MA2" + v, v)).toList();
        futures.forEach(future -> {
            try {
                future.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("an acks=all write failed: " + e, e);
            }
        });
        return values;
    }

    private static List<String> readAll(String topic, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    private static int leaderOf(String topic) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .get(topic).partitions().get(0).leader().id();
        }
    }

    private static void kill(int broker) throws IOException {
        long pid = Long.parseLong(Files.readString(CLUSTER_DIR.resolve("broker-" + broker).resolve("pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("broker " + broker + " (pid " + pid + ") is not running"));
        process.destroyForcibly();
        process.onExit().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private static void awaitBrokers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int seen = 0;
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    seen = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                    if (seen == count) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the cluster at " + bootstrapServers + " shows " + seen + " of " + count
                + " brokers after " + WAIT.toSeconds() + " s (last error: " + last + ")\n" + brokerLogTails());
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis()));
    }

    /** Runs the cluster script; fails with its output when it fails or hangs. */
    private static void script(String... args) {
        Path output = CLUSTER_DIR.resolveSibling("three-broker-cluster-" + args[0] + ".log");
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(output.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + SCRIPT_TIMEOUT
                        + "; it said:\n" + Files.readString(output) + brokerLogTails());
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue()
                        + "; it said:\n" + Files.readString(output) + brokerLogTails());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    private static String brokerLogTails() {
        StringBuilder tails = new StringBuilder();
        for (int broker = 1; broker <= 3; broker++) {
            Path log = CLUSTER_DIR.resolve("broker-" + broker).resolve("server.log");
            tails.append("\n--- end of ").append(log).append(" ---\n");
            tails.append(tail(log, 40).orElse("(no log)"));
        }
        return tails.toString();
    }

    private static Optional<String> tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return Optional.of(String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())));
        } catch (IOException e) {
            return Optional.of("(cannot read: " + e + ")");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
