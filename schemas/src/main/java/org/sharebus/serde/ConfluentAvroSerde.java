package org.sharebus.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.sharebus.registry.SchemaRegistryClient;

/**
 * {@link ConfluentAvroSerializer} and {@link ConfluentAvroDeserializer} as one Kafka Streams serde:
 * {@code new ConfluentAvroSerde<>(client, CustomsEvent.class)}, or the no-argument constructor and
 * {@link #configure} with {@link SerdeConfig} keys, in which case both halves share one registry
 * client and so one cache.
 */
public class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;
    private final boolean hasClient;

    public ConfluentAvroSerde() {
        this.serializer = new ConfluentAvroSerializer<>();
        this.deserializer = new ConfluentAvroDeserializer<>();
        this.hasClient = false;
    }

    public ConfluentAvroSerde(SchemaRegistryClient client, Class<T> type) {
        this.serializer = new ConfluentAvroSerializer<>(client, type);
        this.deserializer = new ConfluentAvroDeserializer<>(client, type);
        this.hasClient = true;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistryClient shared = hasClient ? null : SerdeConfig.client(configs);
        serializer.configure(configs, isKey, shared);
        deserializer.configure(configs, isKey, shared);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
