package org.sharebus.platform.topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.sharebus.platform.PlatformProperties;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topic catalogue as a bean, and every topic in it created at start-up through Spring's
 * {@link KafkaAdmin} (which adds missing partitions but never deletes). The replication factor is
 * the configured one capped at the number of brokers, so one configuration serves a laptop's single
 * broker and a three-broker cluster; {@code min.insync.replicas} is one less than the replication
 * factor (2 of 3), so a cluster survives the loss of one broker without refusing acks=all writes.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class TopicsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TopicsAutoConfiguration.class);

    @Bean
    TopicCatalogue topicCatalogue(PlatformProperties properties) {
        return TopicCatalogue.withDepartmentPartitions(properties.topics().departmentPartitions());
    }

    @Bean
    @ConditionalOnProperty(name = "sharebus.topics.create", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics sharebusTopics(TopicCatalogue catalogue, KafkaAdmin kafkaAdmin, PlatformProperties properties) {
        int brokers = brokerCount(kafkaAdmin);
        refuseRepartitioning(catalogue, kafkaAdmin);
        refuseLossyTopics(catalogue, kafkaAdmin);
        short replication = (short) replication(properties.topics().replicationFactor(), brokers);
        log.info("Creating the catalogue's {} topics with replication factor {} ({} broker(s))",
                catalogue.all().size(), replication, brokers);
        return new KafkaAdmin.NewTopics(catalogue.all().stream()
                .map(spec -> newTopic(spec, replication))
                .toArray(NewTopic[]::new));
    }

    /**
     * Waits, after KafkaAdmin has created the topics and before the web server takes traffic, until
     * every catalogue partition has a leader in the broker's metadata. Producing to a partition whose
     * leadership is still settling got NOT_LEADER and then OUT_OF_ORDER_SEQUENCE_NUMBER answers, and
     * the broker appended a retried batch twice: a department's event stored twice.
     */
    @Bean
    @ConditionalOnProperty(name = "sharebus.topics.create", havingValue = "true", matchIfMissing = true)
    SmartLifecycle sharebusTopicLeaders(TopicCatalogue catalogue, KafkaAdmin kafkaAdmin) {
        return new TopicLeaders(catalogue, kafkaAdmin);
    }

    /** The replication factor of the topics the bus makes, its own and Kafka Streams': the wanted one, at most the brokers there are. */
    public static int replication(int wanted, int brokers) {
        return Math.max(1, Math.min(wanted, brokers));
    }

    /** One replica may be lost and acks=all writes still succeed; with one replica, that one. */
    public static int minInsyncReplicas(int replication) {
        return Math.max(1, replication - 1);
    }

    static NewTopic newTopic(TopicSpec spec, short replication) {
        Map<String, String> configs = new HashMap<>(spec.configs());
        configs.put("min.insync.replicas", Integer.toString(minInsyncReplicas(replication)));
        return new NewTopic(spec.name(), spec.partitions(), replication).configs(configs);
    }

    /**
     * KafkaAdmin adds partitions to an existing topic whose NewTopic asks for more. On a topic keyed by
     * USCC that moves most enterprises to another partition: the profile builder's state no longer
     * matches its input (Kafka Streams stops on the changelogs' count), and gateways not yet restarted
     * go on using the old count. Nor can it be undone. So an existing catalogue topic with another
     * partition count than the catalogue's stops the start, saying which and what to do.
     */
    static void refuseRepartitioning(TopicCatalogue catalogue, KafkaAdmin kafkaAdmin) {
        Map<String, Integer> existing = new HashMap<>();
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> ours = catalogue.all().stream().map(TopicSpec::name).filter(names::contains).toList();
            for (var described : admin.describeTopics(ours).topicNameValues().entrySet()) {
                try {
                    existing.put(described.getKey(), described.getValue().get(30, TimeUnit.SECONDS).partitions().size());
                } catch (ExecutionException e) {
                    // Deleted since it was listed: KafkaAdmin makes it anew with the catalogue's count.
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            throw interrupted(kafkaAdmin, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the catalogue's topics at "
                    + kafkaAdmin.getConfigurationProperties().get("bootstrap.servers"), e);
        }
        List<String> differing = catalogue.all().stream()
                .filter(spec -> existing.containsKey(spec.name()) && existing.get(spec.name()) != spec.partitions())
                .map(spec -> spec.name() + " has " + existing.get(spec.name()) + ", the catalogue " + spec.partitions()).toList();
        if (!differing.isEmpty()) {
            throw new IllegalStateException("existing topics have another partition count than the catalogue's ("
                    + String.join("; ", differing) + "): adding partitions would move enterprises between partitions and cannot be"
                    + " undone. Set sharebus.topics.department-partitions to the topics' count, or move the data to new topics"
                    + " (docs/operations.md, Scale consumers)");
        }
    }

    /**
     * KafkaAdmin leaves an existing topic's configuration as it is. A department topic created by hand
     * with the cluster's default retention (often 7 days) deletes facts no store can then be rebuilt
     * from, and one compacted keeps only each enterprise's last event; a compacted topic (profiles,
     * {@code _schemas}) set to delete loses what it holds; one with {@code min.insync.replicas} below one
     * less than its replicas acknowledges acks=all writes a single broker's loss can take away. So such an
     * existing catalogue topic stops the start, saying which and the command that mends it. A longer
     * retention or a higher {@code min.insync.replicas} is kept: it loses nothing.
     */
    static void refuseLossyTopics(TopicCatalogue catalogue, KafkaAdmin kafkaAdmin) {
        Map<String, Config> configs = new HashMap<>();
        Map<String, Integer> replicas = new HashMap<>();
        List<String> unchecked = new ArrayList<>();
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> ours = catalogue.all().stream().map(TopicSpec::name).filter(names::contains).toList();
            for (var described : admin.describeTopics(ours).topicNameValues().entrySet()) {
                try {
                    replicas.put(described.getKey(), described.getValue().get(30, TimeUnit.SECONDS).partitions().get(0).replicas().size());
                } catch (ExecutionException e) {
                    // Deleted since it was listed: there is nothing of it to check.
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
            }
            List<ConfigResource> resources = replicas.keySet().stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            for (var described : admin.describeConfigs(resources).values().entrySet()) {
                try {
                    configs.put(described.getKey().name(), described.getValue().get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    // A principal may see a topic without the DescribeConfigs right (ACLs made before this check).
                    if (e.getCause() instanceof TopicAuthorizationException) {
                        unchecked.add(described.getKey().name());
                    } else if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            throw interrupted(kafkaAdmin, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the configuration of the catalogue's topics at "
                    + kafkaAdmin.getConfigurationProperties().get("bootstrap.servers"), e);
        }
        if (!unchecked.isEmpty()) {
            log.warn("Cannot check that these existing topics keep their records (no DescribeConfigs right on them): {}."
                    + " Grant it, or compare their cleanup.policy, retention.ms and min.insync.replicas with the catalogue's yourself",
                    unchecked);
        }
        List<String> lossy = catalogue.all().stream().filter(spec -> configs.containsKey(spec.name()))
                .map(spec -> lossy(spec, configs.get(spec.name()), replicas.get(spec.name())))
                .flatMap(Optional::stream).toList();
        if (!lossy.isEmpty()) {
            throw new IllegalStateException("existing topics would lose records the bus keeps (" + String.join("; ", lossy)
                    + "): every store is rebuilt by replaying these topics from the start. Alter them as shown, then start again"
                    + " (docs/operations.md, Topics made by hand)");
        }
    }

    /**
     * What an existing topic's configuration would lose, with the command that mends it; empty when nothing.
     * {@code min.insync.replicas} is held against the topic's own replicas, never more: asking 2 of a topic
     * with one replica would refuse every write.
     */
    static Optional<String> lossy(TopicSpec spec, Config config, int replicas) {
        String policy = config.get("cleanup.policy").value();
        long retention = Long.parseLong(config.get("retention.ms").value());
        int minInsync = Integer.parseInt(config.get("min.insync.replicas").value());
        String wantedPolicy = spec.configs().get("cleanup.policy");
        long wantedRetention = Long.parseLong(spec.configs().get("retention.ms"));
        int wantedMinInsync = Math.max(minInsync, minInsyncReplicas(replicas));
        boolean keepsAsLong = retention < 0 || (wantedRetention >= 0 && retention >= wantedRetention);
        boolean shorter = policy.contains("delete") && !keepsAsLong;
        // The command keeps a longer retention than the catalogue's: mending one setting must not shorten another.
        long mendedRetention = keepsAsLong ? retention : wantedRetention;
        if (policy.equals(wantedPolicy) && !shorter && minInsync >= wantedMinInsync) {
            return Optional.empty();
        }
        return Optional.of(spec.name() + " has cleanup.policy=" + policy + " retention.ms=" + retention + " min.insync.replicas=" + minInsync
                + " (" + replicas + " replicas), the catalogue cleanup.policy=" + wantedPolicy + " retention.ms=" + wantedRetention
                + " min.insync.replicas=" + wantedMinInsync
                + " (kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name " + spec.name()
                + " --add-config cleanup.policy=" + wantedPolicy + ",retention.ms=" + mendedRetention + ",min.insync.replicas=" + wantedMinInsync + ")");
    }

    private static int brokerCount(KafkaAdmin kafkaAdmin) {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        } catch (InterruptedException e) {
            throw interrupted(kafkaAdmin, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the Kafka cluster at "
                    + kafkaAdmin.getConfigurationProperties().get("bootstrap.servers") + " to create topics", e);
        }
    }

    /** Keeps the thread's interrupt for whoever stops the start, and says where it was. */
    private static IllegalStateException interrupted(KafkaAdmin kafkaAdmin, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted while asking the Kafka cluster at "
                + kafkaAdmin.getConfigurationProperties().get("bootstrap.servers") + " about the catalogue's topics", e);
    }
}
