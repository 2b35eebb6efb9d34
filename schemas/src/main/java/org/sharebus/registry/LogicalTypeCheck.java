package org.sharebus.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * What Avro's {@link SchemaCompatibility} does not look at: logical types. It compares only the
 * underlying types, so it accepts {@code decimal(18,2)} read as {@code decimal(18,4)}, and every fine
 * ever written would then read a hundred times smaller; or {@code timestamp-millis} read as
 * {@code timestamp-micros}, a thousand times earlier. Here a value's logical type never changes
 * between writer and reader, except that a decimal's precision may grow (the digits stay where they
 * were). Walks the pairs Avro's resolution makes: fields by name or alias, array items, map values,
 * and each writer union branch with the reader branch of its type and name.
 */
public final class LogicalTypeCheck {

    private final List<Change> changes = new ArrayList<>();
    private final Map<Schema, Set<Schema>> walked = new IdentityHashMap<>();

    /**
     * A value whose meaning would change on reading.
     *
     * @param path    the field's path in the reader, e.g. {@code payload[CustomsPenaltyDecided].amount}; empty at the root
     * @param detail  what changed and why that is refused
     */
    public record Change(String path, String detail) {
        public static final String TYPE = "LOGICAL_TYPE_MISMATCH";

        @Override
        public String toString() {
            return TYPE + " at " + (path.isEmpty() ? "(root)" : path) + ": " + detail;
        }
    }

    private LogicalTypeCheck() {
    }

    /** The logical-type changes in reading data written with {@code writer} by {@code reader}; empty when there are none. */
    public static List<Change> changes(Schema reader, Schema writer) {
        LogicalTypeCheck check = new LogicalTypeCheck();
        check.walk(reader, writer, "");
        return List.copyOf(check.changes);
    }

    private void walk(Schema reader, Schema writer, String path) {
        // A recursive record would walk forever; a pair of records seen once has been checked wherever it occurs.
        if (reader.getType() == Schema.Type.RECORD
                && !walked.computeIfAbsent(reader, r -> Collections.newSetFromMap(new IdentityHashMap<>())).add(writer)) {
            return;
        }
        if (writer.getType() == Schema.Type.UNION) {
            for (Schema branch : writer.getTypes()) {
                walk(reader, branch, path);
            }
        } else if (reader.getType() == Schema.Type.UNION) {
            readerBranch(reader, writer).ifPresent(branch -> walk(branch, writer,
                    isNamed(writer) ? path + "[" + writer.getName() + "]" : path));
        } else if (reader.getType() == Schema.Type.RECORD && writer.getType() == Schema.Type.RECORD) {
            for (Schema.Field field : reader.getFields()) {
                Schema.Field written = SchemaCompatibility.lookupWriterField(writer, field);
                if (written != null) {
                    walk(field.schema(), written.schema(), path.isEmpty() ? field.name() : path + "." + field.name());
                }
            }
        } else if (reader.getType() == Schema.Type.ARRAY && writer.getType() == Schema.Type.ARRAY) {
            walk(reader.getElementType(), writer.getElementType(), path + "[]");
        } else if (reader.getType() == Schema.Type.MAP && writer.getType() == Schema.Type.MAP) {
            walk(reader.getValueType(), writer.getValueType(), path + "{}");
        } else {
            compare(reader, writer, path);
        }
    }

    private void compare(Schema reader, Schema writer, String path) {
        if (reader.getType() != writer.getType() && SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return; // Avro's own check refuses the types already; a second finding would say the same
        }
        LogicalType read = reader.getLogicalType();
        LogicalType written = writer.getLogicalType();
        if (read instanceof LogicalTypes.Decimal r && written instanceof LogicalTypes.Decimal w) {
            if (r.getScale() != w.getScale()) {
                changes.add(new Change(path, "written as " + describe(writer) + ", read as " + describe(reader)
                        + " (a decimal's scale never changes: the same digits would read as another amount)"));
            } else if (r.getPrecision() < w.getPrecision()) {
                changes.add(new Change(path, "written as " + describe(writer) + ", read as " + describe(reader)
                        + " (a decimal's precision may grow, never shrink)"));
            }
        } else if (!name(read).equals(name(written))) {
            changes.add(new Change(path, "written as " + describe(writer) + ", read as " + describe(reader)
                    + " (a logical type is never added, removed or changed: the same value would mean something else)"));
        }
    }

    /**
     * The branch Avro would resolve the writer's type to: the same type (for a named type, the same name or
     * alias) first, else the first branch it reads by promotion or by unqualified name, so that an
     * {@code int date} read by {@code ["null", long timestamp-millis]} is compared and refused.
     */
    private static Optional<Schema> readerBranch(Schema readerUnion, Schema writer) {
        Optional<Schema> same = readerUnion.getTypes().stream()
                .filter(branch -> branch.getType() == writer.getType())
                .filter(branch -> !isNamed(writer) || branch.getFullName().equals(writer.getFullName())
                        || branch.getAliases().contains(writer.getFullName()))
                .findFirst();
        return same.isPresent() ? same : readerUnion.getTypes().stream()
                .filter(branch -> SchemaCompatibility.checkReaderWriterCompatibility(branch, writer).getType()
                        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE)
                .findFirst();
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    private static String name(LogicalType type) {
        return type == null ? "" : type.getName();
    }

    private static String describe(Schema schema) {
        LogicalType type = schema.getLogicalType();
        String base = schema.getType().getName();
        if (type instanceof LogicalTypes.Decimal decimal) {
            return base + " decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        return type == null ? "plain " + base : base + " " + type.getName();
    }
}
