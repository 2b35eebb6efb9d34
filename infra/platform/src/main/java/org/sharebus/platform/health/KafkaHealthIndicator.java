package org.sharebus.platform.health;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Kafka is reachable when the cluster describes itself within the timeout. One admin client for the
 * life of the application: a health probe every few seconds must not open a new connection each time.
 */
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    private final Map<String, Object> adminConfig;
    private final Duration timeout;
    private Admin admin;

    public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
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
            return Health.up()
                    .withDetail("bootstrapServers", servers)
                    .withDetail("clusterId", cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS))
                    .withDetail("brokers", nodes.size())
                    .build();
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
