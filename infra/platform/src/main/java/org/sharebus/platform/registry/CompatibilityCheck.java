package org.sharebus.platform.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.sharebus.registry.LogicalTypeCheck;

/**
 * Checks a new schema against earlier versions of a subject with Avro's own
 * {@link SchemaCompatibility} and {@link LogicalTypeCheck} (which Avro's leaves out: a decimal's scale), and words
 * each problem so that a person finds the field:
 * {@code READER_FIELD_MISSING_DEFAULT_VALUE at /fields/3 (field 'foo'), new schema reading version 1}.
 */
final class CompatibilityCheck {

    private CompatibilityCheck() {
    }

    /**
     * @param earlier the subject's versions, newest first
     * @return the problems with the newest earlier version that fails, empty when compatible. Only one
     *         version is reported so that a long history with the same fault gives one readable answer.
     */
    static List<String> problems(CompatibilityLevel level, Schema candidate, List<SchemaVersion> earlier) {
        List<SchemaVersion> toCheck = level.transitive() || earlier.isEmpty() ? earlier : earlier.subList(0, 1);
        for (SchemaVersion version : toCheck) {
            List<String> problems = problems(level, candidate, version);
            if (!problems.isEmpty()) {
                return problems;
            }
        }
        return List.of();
    }

    private static List<String> problems(CompatibilityLevel level, Schema candidate, SchemaVersion earlierVersion) {
        Schema earlier = AvroSchemas.parse(earlierVersion.schema());
        List<String> problems = new ArrayList<>();
        if (level.newSchemaMustReadEarlier()) {
            describe(candidate, earlier, "new schema reading data written with version " + earlierVersion.version(), problems);
        }
        if (level.earlierMustReadNewSchema()) {
            describe(earlier, candidate, "version " + earlierVersion.version() + " reading data written with the new schema", problems);
        }
        return problems;
    }

    private static void describe(Schema reader, Schema writer, String direction, List<String> problems) {
        LogicalTypeCheck.changes(reader, writer).forEach(change -> problems.add(change + ", " + direction));
        SchemaCompatibilityResult result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            String field = fieldPath(reader, incompatibility.getLocation());
            StringBuilder line = new StringBuilder(incompatibility.getType().name())
                    .append(" at ").append(incompatibility.getLocation());
            if (!field.isEmpty()) {
                line.append(" (field '").append(field).append("')");
            }
            // For a missing default Avro's message is the field's bare name, already said above.
            if (incompatibility.getType() != SchemaCompatibility.SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE) {
                line.append(": ").append(incompatibility.getMessage());
            }
            problems.add(line.append(", ").append(direction).toString());
        }
    }

    /**
     * Follows Avro's JSON-pointer location through the reader schema and names the fields on the
     * way, e.g. {@code /fields/1/type/1/fields/0/type} → {@code payload.amount}. A number that does
     * not follow {@code fields} indexes the writer's union, so it does not move in the reader.
     */
    static String fieldPath(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        Schema current = reader;
        String[] tokens = location.split("/");
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i].replace("~1", "/").replace("~0", "~");
            if (token.equals("fields") && current.getType() == Schema.Type.RECORD && i + 1 < tokens.length) {
                int index = Integer.parseInt(tokens[++i]);
                if (index >= current.getFields().size()) {
                    break;
                }
                Schema.Field field = current.getFields().get(index);
                names.add(field.name());
                current = field.schema();
            } else if (token.equals("items") && current.getType() == Schema.Type.ARRAY) {
                current = current.getElementType();
            } else if (token.equals("values") && current.getType() == Schema.Type.MAP) {
                current = current.getValueType();
            } else if (!token.equals("type") && !token.chars().allMatch(Character::isDigit)) {
                break;
            }
        }
        return String.join(".", names);
    }
}
