package org.sharebus.platform.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The records of the {@code _schemas} topic, in Confluent's own format so that a Confluent registry
 * could take the topic over (and we could read one it wrote):
 * <pre>
 * key   {"keytype":"SCHEMA","subject":"customs.events.v1-value","version":1,"magic":1}
 * value {"subject":"customs.events.v1-value","version":1,"id":1,"schema":"{...}","deleted":false}
 * key   {"keytype":"CONFIG","subject":null,"magic":0}         (null or absent: the global level)
 * value {"compatibilityLevel":"BACKWARD_TRANSITIVE"}
 * </pre>
 * Keys are written field for field in Confluent's order: compaction compares key bytes. Other key
 * types Confluent writes (NOOP, MODE, DELETE_SUBJECT, CLEAR_SUBJECT) are read and ignored; a
 * soft delete also rewrites each version with {@code "deleted":true}, which is what we act on.
 */
final class LogFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogFormat() {
    }

    static String schemaKey(String subject, int version) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "SCHEMA");
        key.put("subject", subject);
        key.put("version", version);
        key.put("magic", 1);
        return key.toString();
    }

    static String schemaValue(SchemaVersion version) {
        ObjectNode value = JSON.createObjectNode();
        value.put("subject", version.subject());
        value.put("version", version.version());
        value.put("id", version.id());
        value.put("schema", version.schema());
        value.put("deleted", version.deleted());
        return value.toString();
    }

    static String configKey(String subjectOrNull) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "CONFIG");
        key.put("subject", subjectOrNull);
        key.put("magic", 0);
        return key.toString();
    }

    static String configValue(CompatibilityLevel level) {
        ObjectNode value = JSON.createObjectNode();
        value.put("compatibilityLevel", level.name());
        return value.toString();
    }

    /**
     * Applies one record of the log to the state.
     *
     * @param value null for a tombstone
     * @throws IllegalArgumentException when the record is not in Confluent's format
     */
    static void apply(String key, String value, RegistryState state) {
        JsonNode keyJson = parse(key, "key");
        String keyType = keyJson.path("keytype").asText();
        if (keyType.equals("SCHEMA")) {
            String subject = required(keyJson, "subject", "key").asText();
            int version = required(keyJson, "version", "key").asInt();
            if (value == null) {
                state.removeVersion(subject, version);
            } else {
                applySchema(subject, version, parse(value, "value"), state);
            }
        } else if (keyType.equals("CONFIG")) {
            JsonNode subjectJson = keyJson.path("subject");
            String subject = subjectJson.isTextual() ? subjectJson.asText() : null;
            state.putLevel(subject, value == null ? null : level(parse(value, "value")).orElse(null));
        }
    }

    private static void applySchema(String subject, int version, JsonNode value, RegistryState state) {
        int id = required(value, "id", "value").asInt();
        String schemaType = value.path("schemaType").asText("AVRO");
        if (!schemaType.equals("AVRO")) {
            state.reserveId(id);
            return;
        }
        String schema = required(value, "schema", "value").asText();
        state.putVersion(new SchemaVersion(subject, version, id, canonicalOrAsWritten(schema),
                value.path("deleted").asBoolean(false)));
    }

    /**
     * We write canonical text; another registry may not have. Same text keeps "same schema, same id"
     * working across writers; text our parser refuses is kept as written, so its id stays served.
     */
    private static String canonicalOrAsWritten(String schema) {
        try {
            return AvroSchemas.canonical(AvroSchemas.parse(schema));
        } catch (RegistryException unparseable) {
            return schema;
        }
    }

    private static Optional<CompatibilityLevel> level(JsonNode value) {
        JsonNode level = value.path("compatibilityLevel");
        if (level.isMissingNode() || level.isNull()) {
            return Optional.empty();
        }
        return Optional.of(CompatibilityLevel.parse(level.asText()).orElseThrow(() ->
                new IllegalArgumentException("unknown compatibilityLevel '" + level.asText() + "'")));
    }

    private static JsonNode parse(String json, String part) {
        if (json == null) {
            throw new IllegalArgumentException("the record has no " + part);
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the record's " + part + " is not a JSON object: " + json);
            }
            return node;
        } catch (JsonProcessingException notJson) {
            throw new IllegalArgumentException("the record's " + part + " is not JSON: " + notJson.getOriginalMessage(), notJson);
        }
    }

    private static JsonNode required(JsonNode node, String field, String part) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("the record's " + part + " has no \"" + field + "\": " + node);
        }
        return value;
    }
}
