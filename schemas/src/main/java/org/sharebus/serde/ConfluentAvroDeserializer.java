package org.sharebus.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryException;

/**
 * Reads records in the Confluent wire format into a generated Avro class. The reader schema is the
 * class's; the writer schema is fetched by the id in the record, once per id, so records written
 * with an older or newer schema are resolved into the current class (defaults fill what the writer
 * did not know).
 *
 * <p>Writers are not checked against the class up front: a reader that lacks a newer union branch
 * still reads every record of the branches it knows, and fails only on the others.
 *
 * <p>Every failure is a {@link SerializationException} whose message says what was wrong with the
 * bytes; when the registry could not be asked, its cause is the {@link SchemaRegistryException}, so
 * a dead-letter handler can tell a bad record from a registry outage.
 */
public class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private static final ThreadLocal<BinaryDecoder> DECODER =
            ThreadLocal.withInitial(() -> DecoderFactory.get().binaryDecoder(new byte[0], null));

    private final ConcurrentHashMap<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private Class<T> type;
    private Schema schema;
    private SpecificData model;

    /** For Kafka to build from configuration; {@link #configure} must follow. */
    public ConfluentAvroDeserializer() {
    }

    public ConfluentAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.client = client;
        use(type);
    }

    /**
     * When built without a client, reads {@link SerdeConfig#SCHEMA_REGISTRY_URL} and the class
     * ({@link SerdeConfig#VALUE_TYPE}, or {@link SerdeConfig#KEY_TYPE} for keys).
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        configure(configs, isKey, null);
    }

    void configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient shared) {
        if (client == null) {
            client = shared != null ? shared : SerdeConfig.client(configs);
        }
        if (type == null) {
            use(SerdeConfig.type(configs, isKey));
        }
    }

    private void use(Class<T> type) {
        this.type = type;
        this.schema = SpecificData.get().getSchema(type);
        // The class's own data model: it carries the conversions for decimals, dates and timestamps.
        this.model = SpecificData.getForClass(type);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (model == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer is not configured: give a client and class,"
                    + " or call configure() with " + SerdeConfig.SCHEMA_REGISTRY_URL);
        }
        int writerId = WireFormat.schemaId(data);
        SpecificDatumReader<T> reader = readersByWriterId.get(writerId);
        if (reader == null) {
            reader = new SpecificDatumReader<>(writerSchema(writerId), schema, model);
            readersByWriterId.putIfAbsent(writerId, reader);
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, DECODER.get());
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("could not decode Avro data of topic '" + topic + "' written with schema id "
                    + writerId + " into " + type.getName() + ": " + e, e);
        }
    }

    private Schema writerSchema(int id) {
        try {
            return client.getById(id);
        } catch (SchemaRegistryException e) {
            String what = e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND
                    ? "unknown schema id " + id + " in " + client
                    : "could not fetch writer schema id " + id + " from " + client;
            throw new SerializationException(what + ": " + e.getMessage(), e);
        }
    }

    /** Kafka's contract; there is nothing to release (the client may be shared). */
    @Override
    public void close() {
    }
}
