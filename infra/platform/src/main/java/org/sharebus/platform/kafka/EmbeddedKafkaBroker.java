package org.sharebus.platform.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.sharebus.platform.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: Kafka's own {@link KafkaRaftServer} in combined broker and
 * controller mode (KRaft), the same broker code a production cluster runs, with storage formatted
 * at the production metadata version. It is the embedded default's broker and the tests' broker;
 * no test jars are needed.
 *
 * <p>Settings are those of a single-node cluster: replication factor 1 for the offsets and
 * transaction logs (without them no consumer group forms and exactly-once Streams waits and dies
 * silently) and no initial rebalance delay.
 *
 * <p>With a data directory the log survives restarts; without one it lives in a temporary
 * directory that {@link #close()} removes.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private final Path logDir;
    private final boolean temporary;
    private final int port;
    private final KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path logDir, boolean temporary, int port, KafkaRaftServer server) {
        this.logDir = logDir;
        this.temporary = temporary;
        this.port = port;
        this.server = server;
    }

    /**
     * Starts a broker on the preferred port where it is free (any free port otherwise, 0 for any),
     * keeping its log under {@code dataDir/kafka} or, when {@code dataDir} is null, in a temporary
     * directory. Returns once the broker answers metadata requests.
     */
    public static EmbeddedKafkaBroker start(int preferredPort, Path dataDir, Map<String, String> overrides) {
        boolean temporary = dataDir == null;
        Path logDir;
        try {
            logDir = temporary ? Files.createTempDirectory("sharebus-kafka-") : Files.createDirectories(dataDir.resolve("kafka"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka log directory", e);
        }
        int port = Ports.preferredOrFree(preferredPort);
        if (preferredPort > 0 && port != preferredPort) {
            log.warn("Port {} is taken; the embedded Kafka broker listens on {} instead", preferredPort, port);
        }
        int controllerPort = Ports.anyFree();
        Properties props = brokerProperties(logDir, port, controllerPort);
        props.putAll(overrides);
        format(logDir);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, temporary, port, server);
        broker.awaitReady(Duration.ofSeconds(60));
        log.info("Embedded Kafka broker (KRaft, in-process) ready at {}, log in {}", broker.bootstrapServers(), logDir);
        return broker;
    }

    public static EmbeddedKafkaBroker startOnAnyPort() {
        return start(0, null, Map.of());
    }

    private static Properties brokerProperties(Path logDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner takes its dedupe map (Kafka's default 128 MiB) from the heap of the process it runs in,
        // at the broker's start: in-process, that is the bus's heap, once per broker a test JVM holds. 16 MiB maps
        // about 630,000 keys per cleaning pass; a compacted topic with more (the profiles of 370,000 enterprises fit)
        // is cleaned in more passes, none lost.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        return props;
    }

    private static void format(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return; // formatted by an earlier run: keep its cluster id and data
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log directory " + logDir, e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                    sleepBriefly();
                }
            }
        }
        close();
        throw new IllegalStateException("embedded Kafka broker at " + bootstrapServers()
                + " did not become ready within " + timeout, last);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            deleteRecursively(logDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not remove the temporary Kafka log directory {}", dir, e);
        }
    }
}
