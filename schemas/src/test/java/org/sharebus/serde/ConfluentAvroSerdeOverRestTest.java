package org.sharebus.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.registry.FakeConfluentRegistry;
import org.sharebus.registry.SchemaRegistryException;

/**
 * The serde built from Kafka configuration, talking to {@link FakeConfluentRegistry} (a scripted
 * Confluent-API server standing in for the embedded registry being written in parallel): it asks
 * the registry once per topic and once per writer id, never per record.
 */
class ConfluentAvroSerdeOverRestTest {

    private static final String TOPIC = "customs.events.v1";
    private static final String REGISTER = "/subjects/customs.events.v1-value/versions";

    private final FakeConfluentRegistry fake = FakeConfluentRegistry.start();
    private final Map<String, Object> config = Map.of(
            SerdeConfig.SCHEMA_REGISTRY_URL, fake.url().toString(),
            SerdeConfig.VALUE_TYPE, CustomsEvent.class.getName());

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void shouldMakeNoHttpCallWhenSerializingTheSecondRecord() {
        // given
        fake.answer("POST", REGISTER, 200, "{\"id\": 21}");
        ConfluentAvroSerializer<CustomsEvent> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config, false);
        byte[] first = serializer.serialize(TOPIC, CustomsEvents.smugglingPenalty());

        // when
        byte[] second = serializer.serialize(TOPIC, CustomsEvents.smugglingPenalty());

        // then
        assertThat(fake.requests()).hasSize(1);
        assertThat(second).isEqualTo(first);
        assertThat(WireFormat.schemaId(second)).isEqualTo(21);
    }

    @Test
    void shouldFetchTheWriterSchemaOnceWhenDeserializingTwice() {
        // given
        fake.answer("GET", "/schemas/ids/21", 200, "{\"schema\": " + new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(CustomsEvent.getClassSchema().toString()) + "}");
        ConfluentAvroDeserializer<CustomsEvent> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);
        byte[] bytes = ConfluentAvroSerdeTest.concatHeader(21, CustomsEvents.smugglingPenalty());

        // when
        CustomsEvent first = deserializer.deserialize(TOPIC, bytes);
        CustomsEvent second = deserializer.deserialize(TOPIC, bytes);

        // then
        assertThat(first).isEqualTo(CustomsEvents.smugglingPenalty());
        assertThat(second).isEqualTo(first);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void shouldShareOneClientBetweenBothHalvesWhenTheSerdeIsConfigured() {
        // given
        fake.answer("POST", REGISTER, 200, "{\"id\": 21}");
        ConfluentAvroSerde<CustomsEvent> serde = new ConfluentAvroSerde<>();
        serde.configure(config, false);

        // when
        CustomsEvent read = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, CustomsEvents.smugglingPenalty()));

        // then: the id learnt when registering is not asked for again
        assertThat(read).isEqualTo(CustomsEvents.smugglingPenalty());
        assertThat(fake.requests()).extracting(FakeConfluentRegistry.Request::path).containsExactly(REGISTER);
    }

    @Test
    void shouldCarryTheRegistryErrorWhenTheSchemaIsRejected() {
        // given
        fake.answer("POST", REGISTER, 409, "{\"error_code\": 409, \"message\": \"Schema being registered is incompatible\"}");
        ConfluentAvroSerializer<CustomsEvent> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config, false);

        // when / then
        assertThatThrownBy(() -> serializer.serialize(TOPIC, CustomsEvents.smugglingPenalty()))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("could not get a schema id for org.sharebus.event.customs.CustomsEvent under subject"
                        + " 'customs.events.v1-value': schema registry at " + fake.url())
                .hasCauseInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldNameTheRegistryWhenTheWriterIdIsUnknown() {
        // given
        fake.answer("GET", "/schemas/ids/99", 404, "{\"error_code\": 40403, \"message\": \"Schema 99 not found\"}");
        ConfluentAvroDeserializer<CustomsEvent> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);

        // when / then
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 99, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("unknown schema id 99 in schema registry at " + fake.url());
    }
}
