package org.sharebus.gateway;

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

    public GatewayKafka(ProducerFactory<?, ?> bootProducers, ConsumerFactory<?, ?> consumers) {
        Map<String, Object> config = new HashMap<>(bootProducers.getConfigurationProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "sharebus-gateway");
        // Batches of events go out together: a short linger fills produce requests without adding much latency.
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
        this.consumers = consumers;
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
