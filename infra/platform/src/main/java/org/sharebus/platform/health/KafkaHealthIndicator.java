package org.sharebus.platform.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Kafka is reachable when the cluster describes itself within the timeout. One admin client for the
 * life of the application: a health probe every few seconds must not open a new connection each time.
 *
 * <p>It also counts the partitions whose in-sync replicas are fewer than their replicas
 * ({@code underReplicatedPartitions}, and {@code sharebus_kafka_partitions_under_replicated}): with a
 * broker of three gone, acks=all writes still succeed (2 of 3 in sync), so nothing else shows it until
 * a second broker goes and every write is refused. That stays UP: the instance still serves, and taking
 * every instance out of the load balancer would answer departments worse than the 503 each write gets.
 */
public class KafkaHealthIndicator implements HealthIndicator, MeterBinder, DisposableBean {

    static final String UNDER_REPLICATED_METER = "sharebus.kafka.partitions.under.replicated";
    /** Enough to name where to look; the count says how many. */
    private static final int NAMED = 10;

    private final Map<String, Object> adminConfig;
    private final Duration timeout;
    private final Set<String> required;
    private final AtomicInteger underReplicated = new AtomicInteger();
    private Admin admin;

    public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
        this(adminConfig, timeout, Set.of());
    }

    /**
     * @param required the catalogue's topics: while one is missing the instance is not ready. A gateway
     *                 that may not create topics (sharebus.topics.create=false) and started before the
     *                 deployable that does answered every publish after two minutes, blaming the broker.
     */
    public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout, Set<String> required) {
        this.required = Set.copyOf(required);
        this.adminConfig = new HashMap<>(adminConfig);
        this.adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "sharebus-health");
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        Object servers = adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try {
            DescribeClusterResult cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            Collection<Node> nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Health.Builder up = Health.up()
                    .withDetail("bootstrapServers", servers)
                    .withDetail("clusterId", cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS))
                    .withDetail("brokers", nodes.size());
            try {
                Set<String> names = admin().listTopics(new ListTopicsOptions().listInternal(true).timeoutMs((int) timeout.toMillis()))
                        .names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                List<String> missing = required.stream().filter(name -> !names.contains(name)).sorted().toList();
                if (!missing.isEmpty()) {
                    return Health.down().withDetail("bootstrapServers", servers).withDetail("brokers", nodes.size())
                            .withDetail("missingTopics", missing.subList(0, Math.min(NAMED, missing.size())))
                            .withDetail("error", missing.size() + " of the catalogue's topics do not exist yet: a deployable with"
                                    + " sharebus.topics.create=true (the consumers) creates them at its start, or create them by hand"
                                    + " (docs/operations.md, Topics made by hand)")
                            .build();
                }
                List<String> under = underReplicatedPartitions(names);
                underReplicated.set(under.size());
                up.withDetail("underReplicatedPartitions", under.size());
                if (!under.isEmpty()) {
                    up.withDetail("underReplicated", under.subList(0, Math.min(NAMED, under.size())));
                }
            } catch (ExecutionException | TimeoutException e) {
                // The cluster answered: a slow description of many topics says nothing against readiness.
                up.withDetail("underReplicatedPartitions", "not counted: " + describe(e));
            }
            return up.build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(servers, "interrupted while describing the cluster");
        } catch (TimeoutException e) {
            return down(servers, noAnswer());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                return down(servers, noAnswer());
            }
            return down(servers, describe(e.getCause()));
        } catch (RuntimeException e) {
            // e.g. bootstrap servers that do not resolve: the admin client cannot even be created
            return down(servers, describe(e));
        }
    }

    /** {@code topic-partition} of every partition with fewer in-sync replicas than replicas; a topic deleted meanwhile is skipped. */
    private List<String> underReplicatedPartitions(Set<String> names) throws InterruptedException, ExecutionException, TimeoutException {
        Admin client = admin();
        List<String> under = new ArrayList<>();
        for (var described : client.describeTopics(names).topicNameValues().entrySet()) {
            TopicDescription topic;
            try {
                topic = described.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    continue;
                }
                throw e;
            }
            topic.partitions().stream().filter(p -> p.isr().size() < p.replicas().size())
                    .forEach(p -> under.add(topic.name() + "-" + p.partition()));
        }
        under.sort(null);
        return under;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(UNDER_REPLICATED_METER, underReplicated, AtomicInteger::get)
                .description("Partitions with fewer in-sync replicas than replicas, as the last health check found them")
                .register(registry);
    }

    private String noAnswer() {
        return "no answer from Kafka within " + timeout.toMillis() + " ms";
    }

    /** The exception and, when it wraps one, its root cause: "Failed to create new KafkaAdminClient" alone says little. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? text : text + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private Health down(Object servers, String reason) {
        return Health.down().withDetail("bootstrapServers", servers).withDetail("error", reason).build();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
