package org.sharebus.serde;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro's specific writer, with a shorter way through the commonest union in our schemas: a
 * nullable field, {@code ["null", T]}. Avro resolves every union value by asking the model for
 * conversions by the value's class and then the union for the branch named like the value's
 * schema: two map lookups and a name per nullable field written, a twentieth of the profile
 * builder's stream thread in a JFR profile (docs/benchmarks.md, Serde, 2026-11-29). For a
 * two-branch union with a null branch the answer is the null branch for null and the other for
 * anything else; any other union is resolved by Avro as before. The bytes are the same: a
 * generated class's fields hold only values of their type, so a non-null value always belongs to
 * the other branch. Like the writer it extends, for generated classes only.
 */
public class NullableUnionWriter<T> extends SpecificDatumWriter<T> {

    public NullableUnionWriter(Schema schema, SpecificData model) {
        super(schema, model);
    }

    @Override
    protected int resolveUnion(Schema union, Object datum) {
        List<Schema> branches = union.getTypes();
        if (branches.size() == 2) {
            if (branches.get(0).getType() == Schema.Type.NULL) {
                return datum == null ? 0 : 1;
            }
            if (branches.get(1).getType() == Schema.Type.NULL) {
                return datum == null ? 1 : 0;
            }
        }
        return super.resolveUnion(union, datum);
    }
}
