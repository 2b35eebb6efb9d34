package org.sharebus.schemas.evolution;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.sharebus.registry.LogicalTypeCheck;

/**
 * Turns Avro's verdict into findings a schema author can act on.
 *
 * <p>Avro reports any change inside a union branch only as "reader union lacking writer type:
 * RECORD" at the union, every event record sits in the payload union, and its locations are
 * not reliable for a named type used twice (results are memoised with the first location). So
 * this walks reader and writer side by side, descends only where Avro finds the pair
 * incompatible, and reports Avro's own incompatibilities where the walk can go no deeper.
 */
final class CompatibilityExplainer {

    private final String subject;
    private final int version;
    private final Set<Finding> findings = new LinkedHashSet<>();

    private CompatibilityExplainer(String subject, int version) {
        this.subject = subject;
        this.version = version;
    }

    /** Why data written with {@code writer} cannot be read with {@code reader}, logical types included; empty when it can. */
    static List<Finding> explain(String subject, int version, Schema reader, Schema writer) {
        CompatibilityExplainer explainer = new CompatibilityExplainer(subject, version);
        explainer.walk(reader, writer, "");
        for (LogicalTypeCheck.Change change : LogicalTypeCheck.changes(reader, writer)) {
            explainer.findings.add(new Finding(subject, version, location(change.path()), LogicalTypeCheck.Change.TYPE + ": " + change.detail()));
        }
        return List.copyOf(explainer.findings);
    }

    private void walk(Schema reader, Schema writer, String path) {
        List<Incompatibility> incompatibilities = incompatibilities(reader, writer);
        if (incompatibilities.isEmpty()) {
            return;
        }
        int before = findings.size();
        if (reader.getType() == Schema.Type.RECORD && writer.getType() == Schema.Type.RECORD && sameName(reader, writer)) {
            walkFields(reader, writer, path);
        } else if (writer.getType() == Schema.Type.UNION) {
            walkWriterUnion(reader, writer, path);
        } else if (reader.getType() == Schema.Type.UNION) {
            walkWriterBranch(reader, writer, path);
        } else if (reader.getType() == Schema.Type.ARRAY && writer.getType() == Schema.Type.ARRAY) {
            walk(reader.getElementType(), writer.getElementType(), path + "[]");
        } else if (reader.getType() == Schema.Type.MAP && writer.getType() == Schema.Type.MAP) {
            walk(reader.getValueType(), writer.getValueType(), path + "{}");
        }
        if (findings.size() == before) {
            // A leaf (enum symbols, a type or name mismatch), or a case the walk does not know: Avro's words.
            incompatibilities.forEach(incompatibility -> add(path, incompatibility.getType(), incompatibility.getMessage()));
        }
    }

    private void walkFields(Schema reader, Schema writer, String path) {
        for (Schema.Field readerField : reader.getFields()) {
            String fieldPath = path.isEmpty() ? readerField.name() : path + "." + readerField.name();
            Schema.Field writerField = SchemaCompatibility.lookupWriterField(writer, readerField);
            if (writerField != null) {
                walk(readerField.schema(), writerField.schema(), fieldPath);
            } else if (!readerField.hasDefaultValue()) {
                add(fieldPath, SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE, readerField.name());
            }
        }
    }

    /** Every branch the writer may have written must be readable. */
    private void walkWriterUnion(Schema reader, Schema writer, String path) {
        for (Schema writerBranch : writer.getTypes()) {
            if (reader.getType() == Schema.Type.UNION) {
                walkWriterBranch(reader, writerBranch, path);
            } else {
                walk(reader, writerBranch, path);
            }
        }
    }

    private void walkWriterBranch(Schema readerUnion, Schema writerBranch, String path) {
        if (incompatibilities(readerUnion, writerBranch).isEmpty()) {
            return;
        }
        Optional<Schema> readerBranch = sameNamedBranch(readerUnion, writerBranch);
        if (readerBranch.isPresent()) {
            walk(readerBranch.get(), writerBranch, path + "[" + writerBranch.getName() + "]");
        } else if (isNamed(writerBranch)) {
            findings.add(new Finding(subject, version, location(path), "MISSING_UNION_BRANCH: union branch "
                    + writerBranch.getFullName() + " was removed" + hint(SchemaIncompatibilityType.MISSING_UNION_BRANCH)));
        } else {
            add(path, SchemaIncompatibilityType.MISSING_UNION_BRANCH,
                    "reader union lacking writer type: " + writerBranch.getType());
        }
    }

    private static List<Incompatibility> incompatibilities(Schema reader, Schema writer) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        return result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE ? List.of() : result.getIncompatibilities();
    }

    private static Optional<Schema> sameNamedBranch(Schema readerUnion, Schema writerBranch) {
        if (!isNamed(writerBranch)) {
            return Optional.empty();
        }
        return readerUnion.getTypes().stream()
                .filter(branch -> branch.getType() == writerBranch.getType() && sameName(branch, writerBranch))
                .findFirst();
    }

    /** As Avro matches named types: the reader's full name or one of its aliases is the writer's full name. */
    private static boolean sameName(Schema reader, Schema writer) {
        return reader.getFullName().equals(writer.getFullName()) || reader.getAliases().contains(writer.getFullName());
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    private void add(String path, SchemaIncompatibilityType type, String message) {
        findings.add(new Finding(subject, version, location(path), type + ": " + message + hint(type)));
    }

    private static String location(String path) {
        return path.isEmpty() ? "(root)" : path;
    }

    private static String hint(SchemaIncompatibilityType type) {
        return switch (type) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> " (a field added to a released record needs a default)";
            case MISSING_ENUM_SYMBOLS -> " (symbols removed from an enum without a default)";
            case TYPE_MISMATCH -> " (a type may only be promoted: int to long, float or double; long to float or double; "
                    + "float to double; string and bytes to each other)";
            case NAME_MISMATCH -> " (a renamed type needs its old full name as an alias)";
            case MISSING_UNION_BRANCH -> " (union branches are never removed)";
            case FIXED_SIZE_MISMATCH -> " (a fixed type's size never changes)";
        };
    }
}
