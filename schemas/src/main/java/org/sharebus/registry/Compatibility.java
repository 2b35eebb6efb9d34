package org.sharebus.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * A subject's compatibility level, with the Confluent Schema Registry's meaning. sharebus runs
 * {@link #BACKWARD_TRANSITIVE}: a consumer on the newest schema reads every record ever written.
 */
public enum Compatibility {
    NONE(false, false, false),
    /** The new schema reads data written with the latest version. */
    BACKWARD(true, false, false),
    /** The new schema reads data written with every earlier version. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** The latest version reads data written with the new schema. */
    FORWARD(false, true, false),
    /** Every earlier version reads data written with the new schema. */
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    Compatibility(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /**
     * Why this level rejects a new schema, one line per problem found by Avro's own
     * {@link SchemaCompatibility} or by {@link LogicalTypeCheck}; empty when it accepts it.
     *
     * @param candidate the schema about to be registered
     * @param versions  the subject's versions, oldest first (index 0 is version 1)
     */
    public List<String> incompatibilities(Schema candidate, List<Schema> versions) {
        List<String> problems = new ArrayList<>();
        int first = transitive ? 0 : Math.max(0, versions.size() - 1);
        for (int i = first; i < versions.size(); i++) {
            Schema existing = versions.get(i);
            int version = i + 1;
            if (backward) {
                String what = "the new schema cannot read data written with version " + version;
                describe(problems, what, SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing));
                LogicalTypeCheck.changes(candidate, existing).forEach(change -> problems.add(what + ": " + change));
            }
            if (forward) {
                String what = "version " + version + " cannot read data written with the new schema";
                describe(problems, what, SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate));
                LogicalTypeCheck.changes(existing, candidate).forEach(change -> problems.add(what + ": " + change));
            }
        }
        return problems;
    }

    private static void describe(List<String> problems, String what,
            SchemaCompatibility.SchemaPairCompatibility result) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(what + ": " + incompatibility.getType() + " at " + incompatibility.getLocation()
                    + " (" + incompatibility.getMessage() + ")");
        }
    }
}
