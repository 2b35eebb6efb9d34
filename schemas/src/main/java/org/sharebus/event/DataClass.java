package org.sharebus.event;

import java.util.Locale;
import org.apache.avro.Schema;

/**
 * The data class of one field, carried in the schemas as the Avro field property {@code dataClass}.
 * It decides who may see a field: the public sees PUBLIC fields only, with PERSONAL data masked;
 * staff of every department see SHARED and PUBLIC; INTERNAL only the source department.
 */
public enum DataClass {
    /** May be published (一公开). */
    PUBLIC,
    /** Shared between departments, not published. */
    SHARED,
    /** The source department only (risk classes, inspector identities). */
    INTERNAL,
    /** Personal data of a natural person (个人信息): shared where the law allows, masked for the public. */
    PERSONAL;

    public static final String PROPERTY = "dataClass";

    /** The data class of a field; a schema field without one is a contract error. */
    public static DataClass of(Schema.Field field) {
        Object value = field.getObjectProp(PROPERTY);
        if (value == null) {
            throw new IllegalStateException("field '" + field.name() + "' has no " + PROPERTY + " property");
        }
        return valueOf(value.toString().toUpperCase(Locale.ROOT));
    }
}
