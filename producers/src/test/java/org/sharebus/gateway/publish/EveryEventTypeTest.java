package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharebus.gateway.GatewayIntegrationTest;
import org.sharebus.gateway.auth.DepartmentKeys;
import org.sharebus.gateway.publish.EventTypes.EventType;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.beans.factory.annotation.Autowired;

/** The JSON reader is generic: an event of every type of every department's contract goes through without code per type. */
class EveryEventTypeTest extends GatewayIntegrationTest {

    @Autowired
    private SchemaRegistryClient registry;

    static Stream<String> eventTypes() {
        return new EventTypes().all().stream().map(EventType::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void shouldPublishAndStoreTheAvroEventWhenAnyKnownEventTypeIsSent(String name) {
        // given an example with every optional field filled
        EventType type = eventTypes.find(name).orElseThrow();
        UUID id = UUID.randomUUID();

        // when
        Response response = post("/api/v1/events", DepartmentKeys.demoKey(type.department()), json(ExampleEvents.of(type, id)));

        // then the stored record decodes as the department's event with that payload
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String topic = TopicCatalogue.standard().department(type.department()).name();
        byte[] value = recordsOf(topic, id).get(0).value();
        SpecificRecord event = (SpecificRecord) new ConfluentAvroDeserializer(registry, type.envelope()).deserialize(topic, value);
        Object payload = event.get(event.getSchema().getField("payload").pos());
        assertThat(payload.getClass().getSimpleName()).isEqualTo(name);
    }
}
