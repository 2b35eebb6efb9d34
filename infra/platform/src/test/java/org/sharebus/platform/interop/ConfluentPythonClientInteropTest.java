package org.sharebus.platform.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharebus.event.EventExamples;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.customs.CustomsPenaltyDecided;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.platform.registry.EmbeddedSchemaRegistry;
import org.sharebus.registry.RestSchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.sharebus.topic.TopicCatalogue;

/**
 * Confluent's own client reads us, and we read it: Debian's python3-confluent-kafka (1.7.0) with
 * its Avro {@code MessageSerializer}, through our embedded registry and the in-process broker. No
 * code of ours runs on the Python side (src/test/python/confluent_interop.py only calls the client).
 */
class ConfluentPythonClientInteropTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/python/confluent_interop.py");
    private static final String FROM_US = "customs.events.v1";
    private static final String FROM_PYTHON = "customs.events.from-python.v1";
    /** As many as a department topic has: a key must land where the gateway (Java's murmur2) puts it. */
    private static final int PYTHON_PARTITIONS = 12;
    private static final ObjectMapper json = new ObjectMapper();

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startOnAnyPort();
        registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "127.0.0.1", 0);
        registry.start();
        client = new RestSchemaRegistryClient(URI.create(registry.url()));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(FROM_US, 1, (short) 1), new NewTopic(FROM_PYTHON, PYTHON_PARTITIONS, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void shouldBeReadByConfluentsPythonClientWithEqualFieldValuesWhenSharebusProducesAnEvent() throws Exception {
        // given a smuggling penalty produced by sharebus's serializer
        CustomsEvent event = smugglingPenalty();
        try (KafkaProducer<String, CustomsEvent> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "acks", "all"), new StringSerializer(), new ConfluentAvroSerializer<>(client, CustomsEvent.class))) {
            producer.send(new ProducerRecord<>(FROM_US, event.getHeader().getUscc(), event)).get();
        }

        // when Confluent's Python client reads it through our registry
        JsonNode read = python("read", broker.bootstrapServers(), registry.url(), FROM_US);

        // then every field has the value we wrote
        assertThat(read.get("key").asText()).isEqualTo("91330109J6H9752474");
        assertThat(read.get("schema_id").asInt()).isEqualTo(client.getLatest(FROM_US + "-value").id());
        JsonNode header = read.at("/value/header");
        assertThat(header.get("eventId").asText()).isEqualTo("5b0c1f3e-8d2a-4c1e-9f6a-1d2e3f4a5b6c");
        assertThat(header.get("eventType").asText()).isEqualTo("CustomsPenaltyDecided");
        assertThat(header.get("sourceDepartment").asText()).isEqualTo("CUSTOMS");
        assertThat(header.get("enterpriseName").asText()).isEqualTo("杭州萧山进出口贸易有限公司");
        assertThat(header.get("occurredAt").asText()).isEqualTo("2026-03-02T01:30:00Z");
        assertThat(header.get("visibility").asText()).isEqualTo("PUBLIC");
        assertThat(header.get("correlationId").isNull()).isTrue();
        JsonNode payload = read.at("/value/payload");
        assertThat(payload.get("caseType").asText()).isEqualTo("SMUGGLING");
        assertThat(payload.get("decisionNo").asText()).isEqualTo("杭关缉决字〔2026〕12号");
        assertThat(new BigDecimal(payload.get("amount").asText())).isEqualByComparingTo("1250000.50");
        assertThat(payload.get("decidedAt").asText()).isEqualTo("2026-03-01");
        assertThat(payload.get("responsiblePerson").asText()).isEqualTo("王小明");
    }

    @Test
    void shouldReadIntoTheGeneratedClassWhenConfluentsPythonClientProducesAnEvent() throws Exception {
        // given our schema registered for the topic, and an event encoded by the Python client with it
        client.register(FROM_PYTHON + "-value", CustomsEvent.getClassSchema());
        String document = """
                {"header": {"eventId": "0f9e8d7c-6b5a-4a3b-8c2d-1e0f9a8b7c6d", "eventType": "CustomsPenaltyDecided",
                            "schemaVersion": 1, "sourceDepartment": "CUSTOMS", "uscc": "91350100M000100Y43",
                            "enterpriseName": "福州测试进出口有限公司", "regionCode": "350100",
                            "occurredAt": {"$instant": "2026-05-06T07:08:09.123Z"},
                            "publishedAt": {"$instant": "2026-05-06T07:10:00Z"},
                            "visibility": "SHARED", "docNo": null, "legalBasis": "海关行政处罚实施条例 第十五条",
                            "correlationId": "case-77"},
                 "payload": {"caseType": "REGULATORY_VIOLATION", "decisionNo": "榕关违字〔2026〕3号",
                             "amount": {"$decimal": "30000.00"}, "decidedAt": {"$date": "2026-05-05"},
                             "description": "申报不实", "responsiblePerson": null}}
                """;
        JsonNode written = python("write", broker.bootstrapServers(), registry.url(), FROM_PYTHON, "91350100M000100Y43", document);

        // when sharebus's deserializer reads the record
        ConsumerRecord<String, CustomsEvent> record = readOne(FROM_PYTHON);

        // then it is the right generated class with every value intact, in the partition the gateway would have chosen
        assertThat(written.get("schema_id").asInt()).isEqualTo(client.getLatest(FROM_PYTHON + "-value").id());
        assertThat(record.key()).isEqualTo("91350100M000100Y43");
        assertThat(record.partition()).as("librdkafka's partition with partitioner=murmur2_random, as connecting-a-department.md asks")
                .isEqualTo(org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                        "91350100M000100Y43".getBytes(java.nio.charset.StandardCharsets.UTF_8))) % PYTHON_PARTITIONS);
        EventHeader header = record.value().getHeader();
        assertThat(header.getEventId()).isEqualTo(UUID.fromString("0f9e8d7c-6b5a-4a3b-8c2d-1e0f9a8b7c6d"));
        assertThat(header.getEnterpriseName()).isEqualTo("福州测试进出口有限公司");
        assertThat(header.getOccurredAt()).isEqualTo(Instant.parse("2026-05-06T07:08:09.123Z"));
        assertThat(header.getVisibility()).isEqualTo(Visibility.SHARED);
        assertThat(header.getCorrelationId()).isEqualTo("case-77");
        assertThat(record.value().getPayload()).isInstanceOf(CustomsPenaltyDecided.class);
        CustomsPenaltyDecided penalty = (CustomsPenaltyDecided) record.value().getPayload();
        assertThat(penalty.getCaseType()).isEqualTo(CustomsCaseType.REGULATORY_VIOLATION);
        assertThat(penalty.getAmount()).isEqualByComparingTo("30000.00");
        assertThat(penalty.getDecidedAt()).isEqualTo(LocalDate.of(2026, 5, 5));
        assertThat(penalty.getDescription()).isEqualTo("申报不实");
        assertThat(penalty.getResponsiblePerson()).isNull();
    }

    @Test
    void shouldReadEveryEventTypeOfEveryDepartmentAndWriteItBackUnchangedWhenConfluentsPythonClientTakesThem() throws Exception {
        for (Department department : TopicCatalogue.publishingDepartments()) {
            // given every example of the department (each payload branch at least once) produced by sharebus's serializer
            List<SpecificRecord> examples = EventExamples.all().stream().map(EventExamples.Example::event)
                    .filter(event -> ((EventHeader) ((SpecificRecordBase) event).get("header")).getSourceDepartment() == department)
                    .toList();
            String source = "interop." + department.name().toLowerCase() + ".v1";
            String echoed = source + ".echo";
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(source, 1, (short) 1), new NewTopic(echoed, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            produce(source, examples);

            // when Confluent's Python client reads them, and writes each back as it decoded it
            JsonNode read = python("echo", broker.bootstrapServers(), registry.url(), source, echoed, Integer.toString(examples.size()));

            // then it read every value we wrote, and our deserializer reads its records as the very events we wrote
            assertThat(read).hasSize(examples.size());
            for (int i = 0; i < examples.size(); i++) {
                SpecificRecord example = examples.get(i);
                // The generated class's own data model: it knows decimals, dates and instants as union branches.
                assertSameValue(SpecificData.getForClass(example.getClass()), read.get(i).get("value"), example, example.getSchema(),
                        department + " example " + i);
            }
            assertThat(readAll(echoed, examples.size(), examples.get(0).getClass())).as(department + " written back by Python")
                    .containsExactlyElementsOf(examples);
        }
    }

    /** The Python client's decoded value, printed as JSON by the script, against ours, field by field with its logical type. */
    private static void assertSameValue(SpecificData model, JsonNode python, Object ours, Schema schema, String path) {
        switch (schema.getType()) {
            case UNION -> {
                if (ours == null) {
                    assertThat(python.isNull()).as(path).isTrue();
                } else {
                    int branch = model.resolveUnion(schema, ours);
                    assertSameValue(model, python, ours, schema.getTypes().get(branch), path);
                }
            }
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    assertThat(python.has(field.name())).as(path + "." + field.name()).isTrue();
                    assertSameValue(model, python.get(field.name()), ((IndexedRecord) ours).get(field.pos()), field.schema(), path + "." + field.name());
                }
            }
            case ARRAY -> {
                List<?> items = (List<?>) ours;
                assertThat(python.size()).as(path).isEqualTo(items.size());
                for (int i = 0; i < items.size(); i++) {
                    assertSameValue(model, python.get(i), items.get(i), schema.getElementType(), path + "[" + i + "]");
                }
            }
            case NULL -> assertThat(python.isNull()).as(path).isTrue();
            default -> assertThat(scalar(python, schema)).as(path).isEqualTo(ours instanceof CharSequence || ours instanceof Enum<?>
                    || ours instanceof GenericData.EnumSymbol ? ours.toString() : ours);
        }
    }

    /** A scalar the script printed (decimals and dates as strings, instants ISO-8601) as the Java value our classes hold. */
    private static Object scalar(JsonNode python, Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal) {
            return new BigDecimal(python.asText());
        }
        if (logical instanceof LogicalTypes.Date) {
            return LocalDate.parse(python.asText());
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return Instant.parse(python.asText());
        }
        if (logical != null && logical.getName().equals("uuid")) {
            return UUID.fromString(python.asText());
        }
        return switch (schema.getType()) {
            case INT -> python.asInt();
            case LONG -> python.asLong();
            case DOUBLE, FLOAT -> python.asDouble();
            case BOOLEAN -> python.asBoolean();
            default -> python.asText();
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void produce(String topic, List<SpecificRecord> events) throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "acks", "all"), new StringSerializer(), new ConfluentAvroSerializer(client, events.get(0).getClass()))) {
            for (SpecificRecord event : events) {
                producer.send(new ProducerRecord<>(topic, ((EventHeader) ((SpecificRecordBase) event).get("header")).getUscc(), event)).get();
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<SpecificRecord> readAll(String topic, int count, Class<? extends SpecificRecord> type) {
        List<SpecificRecord> records = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new StringDeserializer(), new ConfluentAvroDeserializer(client, type))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> records.add(record.value()));
            }
        }
        return records;
    }

    private static CustomsEvent smugglingPenalty() {
        return CustomsEvent.newBuilder()
                .setHeader(EventHeader.newBuilder()
                        .setEventId(UUID.fromString("5b0c1f3e-8d2a-4c1e-9f6a-1d2e3f4a5b6c"))
                        .setEventType("CustomsPenaltyDecided")
                        .setSourceDepartment(Department.CUSTOMS)
                        .setUscc("91330109J6H9752474")
                        .setEnterpriseName("杭州萧山进出口贸易有限公司")
                        .setRegionCode("330109")
                        .setOccurredAt(Instant.parse("2026-03-02T01:30:00Z"))
                        .setPublishedAt(Instant.parse("2026-03-02T01:31:00Z"))
                        .setVisibility(Visibility.PUBLIC)
                        .setDocNo("杭关缉决字〔2026〕12号")
                        .build())
                .setPayload(CustomsPenaltyDecided.newBuilder()
                        .setCaseType(CustomsCaseType.SMUGGLING)
                        .setDecisionNo("杭关缉决字〔2026〕12号")
                        .setAmount(new BigDecimal("1250000.50"))
                        .setDecidedAt(LocalDate.of(2026, 3, 1))
                        .setDescription("走私普通货物")
                        .setResponsiblePerson("王小明")
                        .build())
                .build();
    }

    private static ConsumerRecord<String, CustomsEvent> readOne(String topic) {
        try (KafkaConsumer<String, CustomsEvent> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new StringDeserializer(), new ConfluentAvroDeserializer<>(client, CustomsEvent.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CustomsEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
            throw new AssertionError("no record on " + topic + " within 30 s");
        }
    }

    private static JsonNode python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("confluent-interop", ".log");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("python client failed (" + String.join(" ", command) + "):\n" + out + Files.readString(stderr));
        }
        return json.readTree(out);
    }
}
