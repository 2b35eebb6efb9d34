package org.sharebus.platform.topics;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
        short replication = (short) Math.max(1, Math.min(properties.topics().replicationFactor(), brokers));
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

    static NewTopic newTopic(TopicSpec spec, short replication) {
        Map<String, String> configs = new HashMap<>(spec.configs());
        configs.put("min.insync.replicas", Integer.toString(Math.max(1, replication - 1)));
        return new NewTopic(spec.name(), spec.partitions(), replication).configs(configs);
    }

    private static int brokerCount(KafkaAdmin kafkaAdmin) {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the Kafka cluster at "
                    + kafkaAdmin.getConfigurationProperties().get("bootstrap.servers") + " to create topics", e);
        }
    }
}
