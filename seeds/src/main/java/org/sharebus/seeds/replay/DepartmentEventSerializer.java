package org.sharebus.seeds.replay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serializer;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroSerializer;

/**
 * One producer for all five department topics: each envelope class ({@code MarketEvent},
 * {@code CustomsEvent}, …) is written by its own {@link ConfluentAvroSerializer} under the
 * topic's subject, {@code <topic>-value}.
 */
public final class DepartmentEventSerializer implements Serializer<SpecificRecordBase> {

    private final SchemaRegistryClient registry;
    private final Map<Class<?>, ConfluentAvroSerializer<SpecificRecordBase>> byClass = new ConcurrentHashMap<>();

    public DepartmentEventSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    @SuppressWarnings("unchecked")
    public byte[] serialize(String topic, SpecificRecordBase value) {
        if (value == null) {
            return null;
        }
        return byClass.computeIfAbsent(value.getClass(),
                type -> new ConfluentAvroSerializer<>(registry, (Class<SpecificRecordBase>) type)).serialize(topic, value);
    }
}
