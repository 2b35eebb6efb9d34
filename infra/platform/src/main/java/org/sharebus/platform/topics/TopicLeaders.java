package org.sharebus.platform.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Holds start-up until every partition of the catalogue's topics has a leader, so that nothing is
 * produced while a new topic's leadership settles (see TopicsAutoConfiguration). Runs in an early
 * lifecycle phase: after KafkaAdmin created the topics, before the web server and the listeners start.
 */
class TopicLeaders implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicLeaders.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final TopicCatalogue catalogue;
    private final KafkaAdmin kafkaAdmin;
    private volatile boolean running;

    TopicLeaders(TopicCatalogue catalogue, KafkaAdmin kafkaAdmin) {
        this.catalogue = catalogue;
        this.kafkaAdmin = kafkaAdmin;
    }

    @Override
    public void start() {
        List<String> names = catalogue.all().stream().map(TopicSpec::name).toList();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            while (true) {
                long leaderless = leaderlessPartitions(admin, names);
                if (leaderless == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(leaderless + " partition(s) of the catalogue's topics have no leader after "
                            + TIMEOUT + "; is every broker up?");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the topics' leaders", e);
        }
        log.debug("Every partition of the {} catalogue topics has a leader", names.size());
        running = true;
    }

    private static long leaderlessPartitions(Admin admin, List<String> names) throws InterruptedException {
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
            return topics.values().stream().flatMap(t -> t.partitions().stream()).filter(p -> p.leader() == null).count()
                    + (names.size() - topics.size());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return Long.MAX_VALUE; // not described yet (just created): ask again
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Before the web server (SmartLifecycle.DEFAULT_PHASE - 1024) and Kafka listeners/Streams.
        return Integer.MIN_VALUE + 1000;
    }
}
