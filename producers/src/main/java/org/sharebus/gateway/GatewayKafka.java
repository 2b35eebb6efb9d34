package org.sharebus.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * The gateway's Kafka clients: a producer of bytes (the gateway encodes and signs itself, so it
 * knows the exact stored bytes) and raw consumers for looking records up, both from Boot's settings
 * (the platform defaults' acks=all and idempotence, and the connection details of the embedded or
 * external cluster). Not beans of type {@code KafkaTemplate}: Boot's own template stays in place
 * for the rest of an all-in-one application.
 */
@Component
public class GatewayKafka {

    private final KafkaTemplate<String, byte[]> template;
    private final ConsumerFactory<?, ?> consumers;
    private final Duration deliveryTimeout;

    public GatewayKafka(ProducerFactory<?, ?> bootProducers, ConsumerFactory<?, ?> consumers, GatewayProperties properties) {
        Map<String, Object> config = new HashMap<>(bootProducers.getConfigurationProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "sharebus-gateway");
        // Batches of events go out together: a short linger fills produce requests without adding much latency.
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A record is given up on when its request is (503): by default the producer would go on trying for two
        // minutes, and a record arriving after the answer would be sent again by the client's retry.
        long ack = properties.ackTimeout().toMillis();
        long linger = Long.parseLong(String.valueOf(config.get(ProducerConfig.LINGER_MS_CONFIG)));
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ack);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, Math.max(1, ack - linger)));
        this.deliveryTimeout = Duration.ofMillis(Long.parseLong(String.valueOf(config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG))));
        this.template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
        this.consumers = consumers;
    }

    /** How long the producer tries to deliver a record before it fails it. */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    public KafkaTemplate<String, byte[]> template() {
        return template;
    }

    /** A consumer of raw bytes outside any group, for reading a partition by position. */
    @SuppressWarnings("unchecked")
    public Consumer<byte[], byte[]> rawConsumer(String clientIdPrefix) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return (Consumer<byte[], byte[]>) consumers.createConsumer(null, clientIdPrefix, null, overrides);
    }
}
