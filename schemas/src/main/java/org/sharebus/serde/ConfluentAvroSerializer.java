package org.sharebus.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryException;

/**
 * Writes generated Avro records in the Confluent wire format, under subject {@code <topic>-value}
 * ({@code <topic>-key} for keys). The schema id is looked up once per topic; after that a record
 * costs one Avro encoding into a per-thread buffer and one copy.
 *
 * <p>Build it with a client ({@code new ConfluentAvroSerializer<>(client, CustomsEvent.class)}) or
 * from Kafka configuration ({@link SerdeConfig}). With {@code auto.register.schemas=false} the
 * class's schema must already be registered under the subject, as any version (as Confluent's
 * serializer looks it up): a class whose schema nobody registered fails clearly rather than
 * registering it.
 */
public class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    /** A thread's buffer grown past this by one large record is dropped, not kept for ever. */
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

    private final ConcurrentHashMap<String, byte[]> headersByTopic = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private Class<T> type;
    private Schema schema;
    private NullableUnionWriter<T> writer;
    private boolean isKey;
    private boolean autoRegister = true;

    /** For Kafka to build from configuration; {@link #configure} must follow. */
    public ConfluentAvroSerializer() {
    }

    /** A value serializer that registers its schema. */
    public ConfluentAvroSerializer(SchemaRegistryClient client, Class<T> type) {
        this.client = client;
        use(type);
    }

    /**
     * Reads {@code isKey} and {@link SerdeConfig#AUTO_REGISTER_SCHEMAS}; when built without a client,
     * also {@link SerdeConfig#SCHEMA_REGISTRY_URL} and the class ({@link SerdeConfig#VALUE_TYPE}).
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        configure(configs, isKey, null);
    }

    void configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient shared) {
        this.isKey = isKey;
        this.autoRegister = SerdeConfig.autoRegister(configs, autoRegister);
        if (client == null) {
            client = shared != null ? shared : SerdeConfig.client(configs);
        }
        if (type == null) {
            use(SerdeConfig.type(configs, isKey));
        }
        headersByTopic.clear();
    }

    private void use(Class<T> type) {
        this.type = type;
        this.schema = SpecificData.get().getSchema(type);
        // The class's own data model: it carries the conversions for decimals, dates and timestamps.
        this.writer = new NullableUnionWriter<>(schema, SpecificData.getForClass(type));
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        byte[] header = header(topic);
        Output out = OUTPUT.get();
        try {
            out.reset();
            out.write(header, 0, WireFormat.HEADER_LENGTH);
            writer.write(data, out.encoder);
            out.encoder.flush();
        } catch (IOException | RuntimeException e) {
            // The encoder may hold half a record: start the next one on a fresh buffer.
            OUTPUT.remove();
            throw new SerializationException("could not encode a " + type.getName() + " for topic '" + topic
                    + "' as Avro: " + e, e);
        }
        byte[] bytes = out.toByteArray();
        if (out.capacity() > MAX_KEPT_BUFFER) {
            OUTPUT.remove();
        }
        return bytes;
    }

    /**
     * The wire format of a record the caller has already encoded as Avro binary with this
     * serializer's schema: the gateway encodes each event itself, once, to digest the same bytes.
     */
    public byte[] frame(String topic, byte[] avroBinary) {
        byte[] header = header(topic);
        byte[] bytes = new byte[WireFormat.HEADER_LENGTH + avroBinary.length];
        System.arraycopy(header, 0, bytes, 0, WireFormat.HEADER_LENGTH);
        System.arraycopy(avroBinary, 0, bytes, WireFormat.HEADER_LENGTH, avroBinary.length);
        return bytes;
    }

    private byte[] header(String topic) {
        if (writer == null) {
            throw new IllegalStateException("ConfluentAvroSerializer is not configured: give a client and class,"
                    + " or call configure() with " + SerdeConfig.SCHEMA_REGISTRY_URL);
        }
        byte[] header = headersByTopic.get(topic);
        if (header == null) {
            // Not computeIfAbsent: the lookup may be an HTTP call, too long to hold a map lock.
            header = WireFormat.header(schemaId(topic));
            headersByTopic.putIfAbsent(topic, header);
        }
        return header;
    }

    private int schemaId(String topic) {
        String subject = topic + (isKey ? "-key" : "-value");
        try {
            if (autoRegister) {
                return client.register(subject, schema);
            }
            // As Confluent's serializer: any registered version of the subject, not only the latest (a producer
            // still on the previous version, mid-rollout, goes on writing it).
            return client.lookup(subject, schema);
        } catch (SchemaRegistryException e) {
            if (!autoRegister && (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND)) {
                throw new SerializationException(SerdeConfig.AUTO_REGISTER_SCHEMAS + " is false and the schema of " + type.getName()
                        + " is not registered under subject '" + subject + "' in " + client + ": register that schema first", e);
            }
            throw new SerializationException("could not get a schema id for " + type.getName() + " under subject '"
                    + subject + "': " + e.getMessage(), e);
        }
    }

    /** Kafka's contract; there is nothing to release (the client may be shared). */
    @Override
    public void close() {
    }

    /** A reusable output: a byte buffer and an Avro encoder bound to it, one per thread. */
    private static final class Output extends ByteArrayOutputStream {
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(this, null);

        Output() {
            super(256);
        }

        int capacity() {
            return buf.length;
        }
    }
}
