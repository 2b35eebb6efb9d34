package org.sharebus.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.customs.CustomsPenaltyDecided;
import org.sharebus.registry.Compatibility;
import org.sharebus.registry.RegisteredSchema;
import org.sharebus.registry.RestSchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryException;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.sharebus.serde.SerdeConfig;
import org.sharebus.uscc.UsccGenerator;

/**
 * Our registry client and serde against a registry nobody on this team wrote: Apicurio Registry
 * 2.4.2 through its Confluent-compatible API. Each test uses a subject of its own, so the order of
 * the tests does not matter although they share one registry.
 */
class ApicurioInteropTest {

    @RegisterExtension
    static final ApicurioRegistry APICURIO = new ApicurioRegistry();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryClient client = new RestSchemaRegistryClient(APICURIO.ccompatUrl());

    @Test
    void shouldReturnTheSameSchemaByIdWhenTheCustomsContractIsRegistered() {
        // given
        Schema contract = CustomsEvent.getClassSchema();

        // when
        int id = client.register("customs.events.v1-value", contract);
        Schema fetched = new RestSchemaRegistryClient(APICURIO.ccompatUrl()).getById(id);

        // then: a fresh client, so the schema really comes from Apicurio, not from a cache
        assertThat(fetched).isEqualTo(contract);
        assertThat(fetched.toString()).isEqualTo(contract.toString());
        assertThat(fetched.getField("payload").getProp("dataClass")).isEqualTo("SHARED");
        assertThat(client.register("customs.events.v1-value", contract)).isEqualTo(id);
    }

    @Test
    void shouldReadBackEveryFieldWhenACustomsEventGoesThroughOurSerdeAndApicurio() {
        // given
        String topic = "interop.serde.v1";
        Map<String, Object> config = Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, APICURIO.ccompatUrl().toString(),
                SerdeConfig.VALUE_TYPE, CustomsEvent.class.getName());
        CustomsEvent event = penaltyDecided();

        // when
        byte[] bytes;
        CustomsEvent read;
        try (var serializer = new ConfluentAvroSerializer<CustomsEvent>();
                var deserializer = new ConfluentAvroDeserializer<CustomsEvent>()) {
            serializer.configure(config, false);
            deserializer.configure(config, false);
            bytes = serializer.serialize(topic, event);
            read = deserializer.deserialize(topic, bytes);
        }

        // then
        RegisteredSchema registered = client.getLatest(topic + "-value");
        assertThat(bytes[0]).as("magic byte").isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).as("schema id in the record").isEqualTo(registered.id());
        assertThat(registered.schema()).isEqualTo(CustomsEvent.getClassSchema());
        assertThat(read).isEqualTo(event);
        CustomsPenaltyDecided penalty = (CustomsPenaltyDecided) read.getPayload();
        assertThat(penalty.getAmount()).isEqualByComparingTo("12500.50");
        assertThat(penalty.getResponsiblePerson()).isEqualTo("张三");
        assertThat(read.getHeader().getOccurredAt()).isEqualTo(Instant.parse("2026-03-02T01:30:00Z"));
    }

    @Test
    void shouldRefuseWithHttp409AndKeepOneVersionWhenARequiredFieldIsAddedUnderBackward() {
        // given: Apicurio's default level is NONE, Confluent's BACKWARD
        String subject = "interop.incompatible.v1-value";
        client.register(subject, CustomsEvent.getClassSchema());
        client.setCompatibility(subject, Compatibility.BACKWARD);
        Schema withRequiredField = withTopLevelField(CustomsEvent.getClassSchema(), requiredInspectorField());

        // when
        SchemaRegistryException refusal = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register(subject, withRequiredField));

        // then
        assertThat(refusal).isNotNull();
        assertThat(refusal.httpStatus()).isEqualTo(409);
        assertThat(refusal.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        assertThat(refusal.getMessage()).contains(subject).contains("incompatible").contains("inspector");
        assertThat(client.getCompatibility(subject)).isEqualTo(Compatibility.BACKWARD);
        assertThat(client.isCompatible(subject, withRequiredField)).isFalse();
        assertThat(client.getLatest(subject).version()).isEqualTo(1);
    }

    @Test
    void shouldAcceptAnOptionalFieldAndReadOldRecordsWithTheNewSchemaWhenTheChangeIsBackwardCompatible() throws IOException {
        // given
        String topic = "interop.compatible.v1";
        String subject = topic + "-value";
        CustomsEvent event = penaltyDecided();
        byte[] oldRecord;
        try (var serializer = new ConfluentAvroSerializer<>(client, CustomsEvent.class)) {
            oldRecord = serializer.serialize(topic, event);
        }
        int oldId = client.getLatest(subject).id();
        client.setCompatibility(subject, Compatibility.BACKWARD);
        Schema withOptionalField = withTopLevelField(CustomsEvent.getClassSchema(), optionalRemarkField());

        // when
        boolean compatible = client.isCompatible(subject, withOptionalField);
        int newId = client.register(subject, withOptionalField);

        // then: the new version, and an old record read by a reader of it, the writer schema coming from Apicurio
        RegisteredSchema latest = client.getLatest(subject);
        assertThat(compatible).isTrue();
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(newId);
        assertThat(latest.schema()).isEqualTo(withOptionalField);

        int writerId = ByteBuffer.wrap(oldRecord, 1, 4).getInt();
        Schema writer = new RestSchemaRegistryClient(APICURIO.ccompatUrl()).getById(writerId);
        GenericRecord read = new GenericDatumReader<GenericRecord>(writer, latest.schema()).read(null,
                DecoderFactory.get().binaryDecoder(oldRecord, 5, oldRecord.length - 5, null));
        assertThat(writerId).isEqualTo(oldId);
        assertThat(read.get("remark")).isNull();
        GenericRecord header = (GenericRecord) read.get("header");
        assertThat(header.get("uscc")).hasToString(event.getHeader().getUscc());
        assertThat(header.get("eventType")).hasToString("CustomsPenaltyDecided");
        GenericRecord payload = (GenericRecord) read.get("payload");
        assertThat(payload.getSchema().getName()).isEqualTo("CustomsPenaltyDecided");
        assertThat(payload.get("decisionNo")).hasToString("杭关缉违字〔2026〕0042号");
        Schema amount = payload.getSchema().getField("amount").schema();
        assertThat(new Conversions.DecimalConversion().fromBytes((ByteBuffer) payload.get("amount"), amount,
                LogicalTypes.fromSchema(amount))).isEqualByComparingTo("12500.50");
    }

    /** A penalty decided by Hangzhou customs, with every kind of field the contract uses filled in. */
    private static CustomsEvent penaltyDecided() {
        EventHeader header = EventHeader.newBuilder()
                .setEventId(UUID.fromString("0b5e3c64-7a1f-4a8e-9a59-2f0c1d6e8b21"))
                .setEventType("CustomsPenaltyDecided")
                .setSourceDepartment(Department.CUSTOMS)
                .setUscc(new UsccGenerator(20260302L).next("330106").value())
                .setEnterpriseName("杭州西溪贸易有限公司")
                .setRegionCode("330106")
                .setOccurredAt(Instant.parse("2026-03-02T01:30:00Z"))
                .setPublishedAt(Instant.parse("2026-03-02T02:00:00Z"))
                .setVisibility(Visibility.PUBLIC)
                .setDocNo("杭关缉违字〔2026〕0042号")
                .setLegalBasis("《中华人民共和国海关行政处罚实施条例》第十五条")
                .build();
        CustomsPenaltyDecided penalty = CustomsPenaltyDecided.newBuilder()
                .setCaseType(CustomsCaseType.REGULATORY_VIOLATION)
                .setDecisionNo("杭关缉违字〔2026〕0042号")
                .setAmount(new BigDecimal("12500.50"))
                .setDecidedAt(LocalDate.of(2026, 3, 1))
                .setDescription("申报不实，影响海关统计准确性")
                .setResponsiblePerson("张三")
                .build();
        return CustomsEvent.newBuilder().setHeader(header).setPayload(penalty).build();
    }

    /** Breaks BACKWARD: a reader of the new schema cannot read old records, which lack the field. */
    private static ObjectNode requiredInspectorField() {
        return JSON.createObjectNode()
                .put("name", "inspector")
                .put("type", "string")
                .put("dataClass", "INTERNAL")
                .put("doc", "Customs officer in charge; required, without a default.");
    }

    /** Keeps BACKWARD: old records read with the default. */
    private static ObjectNode optionalRemarkField() {
        ObjectNode field = JSON.createObjectNode()
                .put("name", "remark")
                .put("dataClass", "SHARED")
                .put("doc", "Free-text remark; optional.");
        field.putArray("type").add("null").add("string");
        field.putNull("default");
        return field;
    }

    /** The schema with one more field at the end of its top-level record, everything else as it was. */
    private static Schema withTopLevelField(Schema schema, ObjectNode field) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(schema.toString());
            ((ArrayNode) tree.get("fields")).add(field);
            return new Schema.Parser().parse(JSON.writeValueAsString(tree));
        } catch (IOException e) {
            throw new IllegalStateException("could not rewrite schema " + schema.getFullName(), e);
        }
    }
}
