package org.sharebus.platform.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Ready only while every Kafka Streams application of this instance is RUNNING. While it is
 * created, rebalancing or restoring its state, interactive queries fail, so the instance should not
 * receive requests; after an error it stays DOWN with the state named.
 */
public class KafkaStreamsHealthIndicator implements HealthIndicator {

    private final List<StreamsBuilderFactoryBean> factories;

    public KafkaStreamsHealthIndicator(List<StreamsBuilderFactoryBean> factories) {
        this.factories = List.copyOf(factories);
    }

    @Override
    public Health health() {
        Map<String, String> states = new LinkedHashMap<>();
        boolean allRunning = true;
        for (StreamsBuilderFactoryBean factory : factories) {
            KafkaStreams streams = factory.getKafkaStreams();
            String state = streams == null ? "NOT_STARTED" : streams.state().name();
            states.put(applicationId(factory), state);
            allRunning &= streams != null && streams.state() == KafkaStreams.State.RUNNING;
        }
        return (allRunning ? Health.up() : Health.down()).withDetails(states).build();
    }

    private static String applicationId(StreamsBuilderFactoryBean factory) {
        var config = factory.getStreamsConfiguration();
        Object id = config == null ? null : config.get("application.id");
        return id == null ? factory.toString() : id.toString();
    }
}
