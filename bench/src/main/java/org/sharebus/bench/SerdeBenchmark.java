package org.sharebus.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.customs.CustomsPenaltyDecided;
import org.sharebus.registry.InMemorySchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.sharebus.serde.NullableUnionWriter;

/**
 * What the Confluent wire format costs on top of Avro: one customs smuggling penalty written and
 * read back, through sharebus's serde (schema id already cached, in-memory registry) and through
 * plain Avro with a reused encoder, decoder, writer and reader. The goal is at most 15 % more
 * time per record for the serde. {@link #rawAvroFreshEncoders()} shows what reusing the encoder and
 * decoder saves; {@link #writeAvroWriter()} against {@link #writeNullableUnionWriter()} what the
 * serializer's shorter way through nullable unions saves in the writing alone. Results and how to
 * run: docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerdeBenchmark {

    private static final String TOPIC = "customs.events.v1";

    private CustomsEvent event;

    private ConfluentAvroSerializer<CustomsEvent> serializer;
    private ConfluentAvroDeserializer<CustomsEvent> deserializer;

    private SpecificDatumWriter<CustomsEvent> writer;
    private NullableUnionWriter<CustomsEvent> nullableUnionWriter;
    private SpecificDatumReader<CustomsEvent> reader;
    private ByteArrayOutputStream out;
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    @Setup
    public void setUp() {
        event = smugglingPenalty();
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        serializer = new ConfluentAvroSerializer<>(registry, CustomsEvent.class);
        deserializer = new ConfluentAvroDeserializer<>(registry, CustomsEvent.class);
        // Register and cache the id and reader now: the benchmark measures the steady state.
        if (!event.equals(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, event)))) {
            throw new IllegalStateException("the serde did not round-trip the event");
        }

        Schema schema = CustomsEvent.getClassSchema();
        SpecificData model = SpecificData.getForClass(CustomsEvent.class);
        writer = new SpecificDatumWriter<>(schema, model);
        nullableUnionWriter = new NullableUnionWriter<>(schema, model);
        reader = new SpecificDatumReader<>(schema, schema, model);
        out = new ByteArrayOutputStream(256);
        encoder = EncoderFactory.get().binaryEncoder(out, null);
    }

    @Benchmark
    public CustomsEvent sharebusSerde() {
        return deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, event));
    }

    @Benchmark
    public CustomsEvent rawAvro() throws IOException {
        out.reset();
        writer.write(event, encoder);
        encoder.flush();
        byte[] bytes = out.toByteArray();
        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
        return reader.read(null, decoder);
    }

    /** Writing alone, with Avro's own specific writer. */
    @Benchmark
    public int writeAvroWriter() throws IOException {
        out.reset();
        writer.write(event, encoder);
        encoder.flush();
        return out.size();
    }

    /** Writing alone, with the serializer's writer ({@link NullableUnionWriter}); the same bytes. */
    @Benchmark
    public int writeNullableUnionWriter() throws IOException {
        out.reset();
        nullableUnionWriter.write(event, encoder);
        encoder.flush();
        return out.size();
    }

    /**
     * Plain Avro with a new stream, encoder and decoder for every record: what the serde would cost
     * without its per-thread buffers (the alternative to ThreadLocal reuse that needs no care).
     */
    @Benchmark
    public CustomsEvent rawAvroFreshEncoders() throws IOException {
        ByteArrayOutputStream fresh = new ByteArrayOutputStream(256);
        BinaryEncoder freshEncoder = EncoderFactory.get().binaryEncoder(fresh, null);
        writer.write(event, freshEncoder);
        freshEncoder.flush();
        return reader.read(null, DecoderFactory.get().binaryDecoder(fresh.toByteArray(), null));
    }

    /** A typical customs event: a smuggling penalty (走私) with a decimal fine and a decision date. */
    static CustomsEvent smugglingPenalty() {
        EventHeader header = EventHeader.newBuilder()
                .setEventId(UUID.fromString("6f1c2a1e-3b7d-4c1a-9f4e-2d8b5a7c9e01"))
                .setEventType("CustomsPenaltyDecided")
                .setSourceDepartment(Department.CUSTOMS)
                .setUscc("91330106MA2CFXW14A")
                .setEnterpriseName("杭州西湖进出口贸易有限公司")
                .setRegionCode("330106")
                .setOccurredAt(Instant.parse("2026-03-02T02:00:00Z"))
                .setPublishedAt(Instant.parse("2026-03-02T02:00:05.123Z"))
                .setVisibility(Visibility.PUBLIC)
                .setDocNo("杭关缉决字〔2026〕12号")
                .setLegalBasis("《中华人民共和国海关法》第八十二条")
                .build();
        CustomsPenaltyDecided penalty = CustomsPenaltyDecided.newBuilder()
                .setCaseType(CustomsCaseType.SMUGGLING)
                .setDecisionNo("杭关缉决字〔2026〕12号")
                .setAmount(new BigDecimal("1250000.50"))
                .setDecidedAt(LocalDate.of(2026, 3, 1))
                .setDescription("以伪报品名方式走私冻品入境")
                .setResponsiblePerson("王某")
                .build();
        return CustomsEvent.newBuilder().setHeader(header).setPayload(penalty).build();
    }
}
