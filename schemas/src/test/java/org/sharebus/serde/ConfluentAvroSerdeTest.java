package org.sharebus.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.customs.CustomsPenaltyDecided;
import org.sharebus.registry.InMemorySchemaRegistryClient;

class ConfluentAvroSerdeTest {

    private static final String TOPIC = "customs.events.v1";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ConfluentAvroSerde<CustomsEvent> serde = new ConfluentAvroSerde<>(registry, CustomsEvent.class);

    @Test
    void shouldReadBackTheSameEventWhenASmugglingPenaltyIsWrittenAndRead() {
        // given
        CustomsEvent event = CustomsEvents.smugglingPenalty();

        // when
        byte[] bytes = serde.serializer().serialize(TOPIC, event);
        CustomsEvent read = serde.deserializer().deserialize(TOPIC, bytes);

        // then
        assertThat(read).isEqualTo(event);
        CustomsPenaltyDecided penalty = (CustomsPenaltyDecided) read.getPayload();
        assertThat(penalty.getAmount()).isEqualByComparingTo("1250000.50");
        assertThat(penalty.getAmount().scale()).isEqualTo(2);
        assertThat(penalty.getDecidedAt()).hasToString("2026-03-01");
    }

    @Test
    void shouldStartWithMagicByteAndRegisteredIdWhenSerializing() {
        // given
        CustomsEvent event = CustomsEvents.smugglingPenalty();

        // when
        byte[] bytes = serde.serializer().serialize(TOPIC, event);

        // then
        int id = registry.getLatest("customs.events.v1-value").id();
        assertThat(id).isEqualTo(1);
        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 0, 0, 0, 1);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(rawAvro(event, CustomsEvent.getClassSchema()));
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
    }

    @Test
    void shouldFrameBytesTheCallerEncodedExactlyAsItSerializesTheRecord() {
        // given: the gateway encodes each event itself once, to digest the same bytes it stores
        CustomsEvent event = CustomsEvents.smugglingPenalty();
        byte[] avro = rawAvro(event, CustomsEvent.getClassSchema());

        // when
        byte[] framed = new ConfluentAvroSerializer<>(registry, CustomsEvent.class).frame(TOPIC, avro);

        // then
        assertThat(framed).isEqualTo(serde.serializer().serialize(TOPIC, event));
        assertThat(serde.deserializer().deserialize(TOPIC, framed)).isEqualTo(event);
    }

    @Test
    void shouldRegisterUnderKeySubjectWhenConfiguredAsKey() {
        // given
        ConfluentAvroSerde<CustomsEvent> keySerde = new ConfluentAvroSerde<>(registry, CustomsEvent.class);
        keySerde.configure(Map.of(), true);

        // when
        keySerde.serializer().serialize(TOPIC, CustomsEvents.smugglingPenalty());

        // then
        assertThat(registry.subjects()).containsExactly("customs.events.v1-key");
    }

    @Test
    void shouldFillDefaultsWhenWriterUsedAnOlderSchema() {
        // given: an older contract without the penalty's responsiblePerson, registered first
        Schema older = customsSchemaWithout("CustomsPenaltyDecided", "responsiblePerson");
        int olderId = registry.register("customs.events.v1-value", older);
        CustomsEvent event = CustomsEvents.smugglingPenalty();
        byte[] bytes = concat(WireFormat.header(olderId), rawAvro(event, older));

        // when
        CustomsEvent read = serde.deserializer().deserialize(TOPIC, bytes);

        // then
        CustomsPenaltyDecided penalty = (CustomsPenaltyDecided) read.getPayload();
        assertThat(penalty.getResponsiblePerson()).isNull();
        assertThat(penalty.getDescription()).isEqualTo("以伪报品名方式走私冻品入境");
        assertThat(penalty.getAmount()).isEqualByComparingTo("1250000.50");
        assertThat(read.getHeader()).isEqualTo(event.getHeader());
    }

    @Test
    void shouldRegisterTheCurrentSchemaAsNewVersionWhenAnOlderOneIsRegistered() {
        // given
        int olderId = registry.register("customs.events.v1-value", customsSchemaWithout("CustomsPenaltyDecided", "responsiblePerson"));

        // when
        byte[] bytes = serde.serializer().serialize(TOPIC, CustomsEvents.smugglingPenalty());

        // then
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(olderId + 1);
        assertThat(registry.getLatest("customs.events.v1-value").version()).isEqualTo(2);
    }

    @Test
    void shouldRejectWhenFirstByteIsNotTheMagicByte() {
        // given
        byte[] json = "{\"uscc\":\"x\"}".getBytes();

        // when / then
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, json))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("unknown magic byte 0x7b at offset 0: not Confluent wire format");
    }

    @Test
    void shouldRejectWhenFewerThanFiveBytes() {
        // given
        byte[] shortInput = {0, 0, 1};

        // when / then
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, shortInput))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("only 3 byte(s): not Confluent wire format, which starts with 5 bytes");
    }

    @Test
    void shouldNameTheIdAndRegistryWhenSchemaIdIsUnknown() {
        // given
        byte[] unknownId = {0, 0, 0, 0, 42, 2, 4};

        // when / then
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("unknown schema id 42 in in-memory schema registry: ")
                .hasMessageContaining("(40403)");
    }

    @Test
    void shouldNameWriterIdAndReaderClassWhenAvroDataIsCorrupt() {
        // given
        byte[] bytes = serde.serializer().serialize(TOPIC, CustomsEvents.smugglingPenalty());
        byte[] truncated = Arrays.copyOf(bytes, 40);

        // when / then
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("could not decode Avro data of topic 'customs.events.v1' written with schema id 1"
                        + " into org.sharebus.event.customs.CustomsEvent: ");
    }

    @Test
    void shouldNameTopicAndClassWhenRecordCannotBeEncoded() {
        // given
        CustomsEvent event = CustomsEvents.smugglingPenalty();
        event.getHeader().setUscc(null);

        // when / then
        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, event))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("could not encode a org.sharebus.event.customs.CustomsEvent for topic 'customs.events.v1' as Avro")
                .hasMessageContaining("uscc");
    }

    @Test
    void shouldWriteCorrectlyAfterAFailedEncodingOnTheSameThread() {
        // given
        CustomsEvent broken = CustomsEvents.smugglingPenalty();
        broken.getHeader().setEnterpriseName(null);
        byte[] expected = serde.serializer().serialize(TOPIC, CustomsEvents.smugglingPenalty());
        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, broken)).isInstanceOf(SerializationException.class);

        // when
        byte[] after = serde.serializer().serialize(TOPIC, CustomsEvents.smugglingPenalty());

        // then
        assertThat(after).isEqualTo(expected);
    }

    @Test
    void shouldPassNullThroughWhenRecordIsATombstone() {
        // when / then
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void shouldGiveIdenticalBytesWhenEightThreadsSerializeAtOnce() throws Exception {
        // given
        CustomsEvent event = CustomsEvents.smugglingPenalty();
        byte[] expected = new ConfluentAvroSerde<>(new InMemorySchemaRegistryClient(), CustomsEvent.class)
                .serializer().serialize(TOPIC, event);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<byte[]>>> results = new ArrayList<>();

        // when
        try {
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<byte[]> out = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        out.add(serde.serializer().serialize(TOPIC, event));
                    }
                    return out;
                }));
            }
            start.countDown();

            // then
            for (Future<List<byte[]>> result : results) {
                assertThat(result.get()).hasSize(500).allSatisfy(bytes -> assertThat(bytes).isEqualTo(expected));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.getLatest("customs.events.v1-value").version()).isEqualTo(1);
    }

    @Test
    void shouldSayWhatIsMissingWhenConfiguredWithoutRegistryUrl() {
        // given
        ConfluentAvroSerde<CustomsEvent> configured = new ConfluentAvroSerde<>();

        // when / then
        assertThatThrownBy(() -> configured.configure(Map.of(SerdeConfig.VALUE_TYPE, CustomsEvent.class.getName()), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("schema.registry.url is not set");
    }

    @Test
    void shouldSayWhatIsWrongWhenValueTypeIsNotAnAvroClass() {
        // given
        ConfluentAvroSerde<CustomsEvent> configured = new ConfluentAvroSerde<>();
        Map<String, String> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:8081",
                SerdeConfig.VALUE_TYPE, "java.lang.String");

        // when / then
        assertThatThrownBy(() -> configured.configure(config, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sharebus.serde.value.type")
                .hasMessageContaining("not a generated Avro class");
    }

    @Test
    void shouldFailClearlyWhenAutoRegisterIsOffAndTheClassSchemaIsNotRegistered() {
        // given
        registry.register("customs.events.v1-value", customsSchemaWithout("CustomsPenaltyDecided", "responsiblePerson"));
        ConfluentAvroSerde<CustomsEvent> noRegister = new ConfluentAvroSerde<>(registry, CustomsEvent.class);
        noRegister.configure(Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

        // when / then
        assertThatThrownBy(() -> noRegister.serializer().serialize(TOPIC, CustomsEvents.smugglingPenalty()))
                .isInstanceOf(SerializationException.class)
                .hasMessage("auto.register.schemas is false and the schema of org.sharebus.event.customs.CustomsEvent is not"
                        + " registered under subject 'customs.events.v1-value' in in-memory schema registry: register that schema first");
        assertThat(registry.getLatest("customs.events.v1-value").version()).isEqualTo(1);
    }

    @Test
    void shouldWriteUnderAnEarlierVersionsIdWhenAutoRegisterIsOffAndTheClassIsThatVersion() {
        // given the class's schema registered as version 1, and a newer version 2 after it (a rollout under way)
        int first = registry.register("customs.events.v1-value", CustomsEvent.getClassSchema());
        registry.register("customs.events.v1-value", customsSchemaWithDefaultedField());
        ConfluentAvroSerde<CustomsEvent> noRegister = new ConfluentAvroSerde<>(registry, CustomsEvent.class);
        noRegister.configure(Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

        // when a producer still on version 1 writes
        byte[] bytes = noRegister.serializer().serialize(TOPIC, CustomsEvents.smugglingPenalty());

        // then it writes under version 1's id, as Confluent's serializer does
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(first);
    }

    /** The customs contract with one more optional field, as a newer version of it. */
    static Schema customsSchemaWithDefaultedField() {
        Schema.Parser parser = new Schema.Parser();
        String text = CustomsEvent.getClassSchema().toString().replaceFirst("\\{\"name\":\"header\"",
                "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null,\"dataClass\":\"SHARED\"},{\"name\":\"header\"");
        return parser.parse(text);
    }

    @Test
    void shouldUseTheLatestIdWhenAutoRegisterIsOffAndLatestIsTheClassSchema() {
        // given
        int id = registry.register("customs.events.v1-value", CustomsEvent.getClassSchema());
        ConfluentAvroSerde<CustomsEvent> noRegister = new ConfluentAvroSerde<>(registry, CustomsEvent.class);
        noRegister.configure(Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

        // when
        byte[] bytes = noRegister.serializer().serialize(TOPIC, CustomsEvents.smugglingPenalty());

        // then
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    /** The customs contract without one field of one payload record, as an older version of it. */
    static Schema customsSchemaWithout(String recordName, String fieldName) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = (ObjectNode) json.readTree(CustomsEvent.getClassSchema().toString());
            for (var branch : root.get("fields").get(1).get("type")) {
                if (recordName.equals(branch.path("name").asText())) {
                    Iterator<com.fasterxml.jackson.databind.JsonNode> fields = ((ArrayNode) branch.get("fields")).elements();
                    while (fields.hasNext()) {
                        if (fieldName.equals(fields.next().get("name").asText())) {
                            fields.remove();
                        }
                    }
                }
            }
            Schema older = new Schema.Parser().parse(root.toString());
            assertThat(older).isNotEqualTo(CustomsEvent.getClassSchema());
            return older;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Plain Avro binary of the event as written with the given schema. Writing the generated class
     * with an older schema works because the dropped field is the last of its record.
     */
    static byte[] rawAvro(CustomsEvent event, Schema writerSchema) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<CustomsEvent>(writerSchema, SpecificData.getForClass(CustomsEvent.class)).write(event, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record as a Confluent serializer would write it under this id. */
    static byte[] concatHeader(int schemaId, CustomsEvent event) {
        return concat(WireFormat.header(schemaId), rawAvro(event, CustomsEvent.getClassSchema()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
