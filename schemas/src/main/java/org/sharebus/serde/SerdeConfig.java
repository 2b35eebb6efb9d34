package org.sharebus.serde;

import java.net.URI;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.sharebus.registry.RestSchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryClient;

/**
 * The Kafka configuration keys of the sharebus serde, for building it from producer, consumer or
 * Kafka Streams properties.
 */
public final class SerdeConfig {

    /** The registry's base URL; one URL (the same key as Confluent's serde). */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /**
     * Whether the serializer registers its class's schema (default true). When false it looks the
     * schema up among the subject's versions (any of them, as Confluent's serializer), and fails
     * unless it is there.
     */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** The generated Avro class of values, e.g. {@code org.sharebus.event.customs.CustomsEvent}. */
    public static final String VALUE_TYPE = "sharebus.serde.value.type";
    /** The generated Avro class of keys, when keys are Avro records. */
    public static final String KEY_TYPE = "sharebus.serde.key.type";

    private SerdeConfig() {
    }

    static SchemaRegistryClient client(Map<String, ?> configs) {
        Object value = configs.get(SCHEMA_REGISTRY_URL);
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + " is not set: give the schema registry's URL,"
                    + " e.g. http://localhost:8081");
        }
        String url = value.toString().trim();
        if (url.contains(",")) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, "give one URL; a list of registries is not supported");
        }
        try {
            return new RestSchemaRegistryClient(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, e.getMessage());
        }
    }

    static boolean autoRegister(Map<String, ?> configs, boolean fallback) {
        Object value = configs.get(AUTO_REGISTER_SCHEMAS);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new ConfigException(AUTO_REGISTER_SCHEMAS, value, "must be true or false");
        }
        return Boolean.parseBoolean(text);
    }

    static boolean hasType(Map<String, ?> configs, boolean isKey) {
        return configs.get(isKey ? KEY_TYPE : VALUE_TYPE) != null;
    }

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> Class<T> type(Map<String, ?> configs, boolean isKey) {
        String key = isKey ? KEY_TYPE : VALUE_TYPE;
        Object value = configs.get(key);
        if (value == null) {
            throw new ConfigException(key + " is not set: name the generated Avro class,"
                    + " e.g. org.sharebus.event.customs.CustomsEvent");
        }
        Class<?> type;
        if (value instanceof Class<?> c) {
            type = c;
        } else {
            try {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                type = Class.forName(value.toString().trim(), true,
                        loader != null ? loader : SerdeConfig.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ConfigException(key, value, "no such class on the classpath");
            }
        }
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(key, value, "not a generated Avro class (does not implement SpecificRecord)");
        }
        return (Class<T>) type;
    }
}
