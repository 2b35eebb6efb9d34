package org.sharebus.seeds.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.seeds.generate.SeedGenerator;
import org.sharebus.seeds.generate.SeedParameters;
import org.sharebus.seeds.replay.KafkaTarget;
import org.sharebus.seeds.replay.ProgressBar;
import org.sharebus.seeds.replay.Replay;
import org.sharebus.seeds.replay.ReplayStats;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a data set into the bus when it is empty: on a new bus the department topics have no
 * records, so the data set is published straight to Kafka in the background, with progress in
 * the log; on a restart they have records (the broker keeps them in the data directory) and
 * nothing is loaded again. A load cut short by a shutdown is not resumed: the topics are no
 * longer empty; delete the data directory to start afresh.
 */
public final class SeedLoader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SeedLoader.class);
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    /** Where loading stands. */
    /** STOPPED: shut down while loading, so the topics hold part of the city. */
    public enum State { NOT_STARTED, SKIPPED, LOADING, LOADED, STOPPED, FAILED }

    private final Map<String, Object> producerConfig;
    private final Map<String, Object> adminConfig;
    private final SchemaRegistryClient registry;
    private final SeedParameters parameters;
    private final List<String> topics;

    private volatile State state = State.NOT_STARTED;
    private volatile long existingRecords;
    private volatile String failure;
    private volatile ReplayStats stats = new ReplayStats();
    private Replay replay;
    private Thread thread;
    private long lastLogNanos;

    public SeedLoader(Map<String, Object> producerConfig, Map<String, Object> adminConfig, SchemaRegistryClient registry,
                      SeedParameters parameters, TopicCatalogue catalogue) {
        this.producerConfig = Map.copyOf(producerConfig);
        this.adminConfig = Map.copyOf(adminConfig);
        this.registry = registry;
        this.parameters = parameters;
        this.topics = catalogue.departmentTopics().stream().map(TopicSpec::name).toList();
    }

    /** Counts the records in the department topics and, when there are none, starts loading in the background. */
    public synchronized State startIfEmpty() {
        if (state != State.NOT_STARTED) {
            return state;
        }
        try {
            existingRecords = departmentRecords();
        } catch (RuntimeException e) {
            // The bus runs without seed data rather than not at all.
            failure = e.getMessage();
            state = State.FAILED;
            log.error("Seed data: not loaded", e);
            return state;
        }
        if (existingRecords > 0) {
            state = State.SKIPPED;
            log.info("Seed data: the department topics hold {} records already; not loading the seed data again", existingRecords);
            return state;
        }
        state = State.LOADING;
        stats = new ReplayStats();
        lastLogNanos = System.nanoTime();
        replay = new Replay(new SeedGenerator(parameters), 0);
        thread = new Thread(this::load, "sharebus-seed-loader");
        thread.setDaemon(true);
        thread.start();
        log.info("Seed data: loading {} enterprises (seed {}, events from {} to {} and the annual reports of {} to {}) into the"
                        + " empty department topics in the background", parameters.enterprises(), parameters.seed(), parameters.windowStart(),
                parameters.windowEnd().minusDays(1), parameters.firstHistoryReportYear(), parameters.latestDueReportYear());
        return state;
    }

    private void load() {
        ProgressBar bar = new ProgressBar(System.err, parameters.enterprises(), false);
        ReplayStats stats = this.stats;
        try (KafkaTarget target = new KafkaTarget(producerConfig, registry, stats)) {
            replay.run(target, stats, progress -> {
                long now = System.nanoTime();
                if (now - lastLogNanos >= LOG_EVERY_NANOS && progress.enterprises() < parameters.enterprises()) {
                    lastLogNanos = now;
                    log.info("Seed data: {}", bar.line(progress));
                }
            });
        } catch (RuntimeException e) {
            failure = e.toString();
            state = State.FAILED;
            log.error("Seed data: loading failed after {} events", stats.sent(), e);
            return;
        }
        if (stats.refused() + stats.failed() > 0 || stats.acknowledged() < stats.sent()) {
            failure = (stats.refused() + stats.failed()) + " events not acknowledged: " + stats.reasons();
            state = State.FAILED;
            log.error("Seed data: loading finished with errors{}{}", System.lineSeparator(), stats.summary());
        } else if (stats.enterprises() < parameters.enterprises()) {
            state = State.STOPPED;
            log.warn("Seed data: stopped after {} of {} enterprises, {} events; delete the data directory to load it afresh",
                    stats.enterprises(), parameters.enterprises(), stats.acknowledged());
        } else {
            state = State.LOADED;
            log.info("Seed data: loaded {} enterprises, {} events in {} s{}{}", stats.enterprises(), stats.acknowledged(),
                    Math.round(stats.elapsedSeconds() * 10) / 10.0, System.lineSeparator(), stats.summary());
        }
    }

    public State state() {
        return state;
    }

    public ReplayStats stats() {
        return stats;
    }

    /** One line for the startup report. */
    public String describe() {
        return switch (state) {
            case NOT_STARTED -> "not started yet";
            case SKIPPED -> String.format("present (%,d records in the department topics), not loaded again", existingRecords);
            case LOADING -> String.format("loading %,d enterprises in the background (%,d of them so far; progress in the log)",
                    parameters.enterprises(), stats.enterprises());
            case LOADED -> String.format("loaded %,d enterprises, %,d events in %.1f s", stats.enterprises(), stats.acknowledged(),
                    stats.elapsedSeconds());
            case STOPPED -> String.format("stopped after %,d of %,d enterprises (shut down while loading): the department topics"
                    + " hold part of the city; delete the data directory to load it afresh", stats.enterprises(), parameters.enterprises());
            case FAILED -> "loading failed: " + failure;
        };
    }

    /** Waits for a background load to end; true when none is running any more. */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.join(timeout.toMillis());
            return !running.isAlive();
        }
        return true;
    }

    /** Stops a running load after the enterprise being sent, and waits for what was sent to be acknowledged. */
    @Override
    public void close() throws InterruptedException {
        Replay running;
        synchronized (this) {
            running = replay;
        }
        if (running != null && state == State.LOADING) {
            log.warn("Seed data: shutting down while loading; stopping after {} of {} enterprises. The topics are no longer empty,"
                    + " so the seed data will not be loaded on the next start: delete the data directory to load it afresh.",
                    stats.enterprises(), parameters.enterprises());
            running.stop();
            awaitDone(Duration.ofSeconds(30));
        }
    }

    /**
     * The partitions' end offsets. A topic created a moment ago (the bus's own start creates them just before the
     * loader looks) is described before its partitions' leaders know it, and their answer is "unknown topic": asked
     * again for up to 30 s, or the bus started without its seed data on a slow machine.
     */
    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> endOffsets(Admin admin, Map<TopicPartition, OffsetSpec> latest)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException || e.getCause() instanceof LeaderNotAvailableException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Records in the department topics (end offsets); a topic that does not exist yet counts as empty. */
    long departmentRecords() {
        try (Admin admin = Admin.create(adminConfig)) {
            long records = 0;
            Map<String, KafkaFuture<TopicDescription>> descriptions =
                    admin.describeTopics(Set.copyOf(topics)).topicNameValues();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topics) {
                try {
                    descriptions.get(topic).get(30, TimeUnit.SECONDS).partitions()
                            .forEach(partition -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
            }
            if (latest.isEmpty()) {
                return 0;
            }
            for (var offsets : endOffsets(admin, latest).values()) {
                records += offsets.offset();
            }
            return records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting the records of " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot count the records of the department topics " + topics + " at "
                    + adminConfig.get("bootstrap.servers") + ": " + e, e);
        }
    }
}
