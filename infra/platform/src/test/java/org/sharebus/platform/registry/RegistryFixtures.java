package org.sharebus.platform.registry;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Schemas shaped like the bus's own: a customs declaration and how it evolves. */
final class RegistryFixtures {

    private RegistryFixtures() {
    }

    /** Version 1: USCC and declared value. */
    static Schema declaration() {
        return SchemaBuilder.record("Declaration").namespace("org.sharebus.test").doc("A customs declaration").fields()
                .requiredString("uscc")
                .name("declaredValue").type(money(2)).noDefault()
                .endRecord();
    }

    /** Version 2, backward compatible: a new field with a default. */
    static Schema declarationWithPort() {
        return SchemaBuilder.record("Declaration").namespace("org.sharebus.test").doc("A customs declaration").fields()
                .requiredString("uscc")
                .name("declaredValue").type(money(2)).noDefault()
                .name("port").type().stringType().stringDefault("HANGZHOU")
                .endRecord();
    }

    /** Incompatible with version 1: a new field without a default cannot be read from old data. */
    static Schema declarationWithRequiredOffice() {
        return SchemaBuilder.record("Declaration").namespace("org.sharebus.test").doc("A customs declaration").fields()
                .requiredString("uscc")
                .name("declaredValue").type(money(2)).noDefault()
                .requiredString("inspectionOffice")
                .endRecord();
    }

    /** The same as version 1 but the money has three decimals. */
    static Schema declarationWithScale3() {
        return SchemaBuilder.record("Declaration").namespace("org.sharebus.test").doc("A customs declaration").fields()
                .requiredString("uscc")
                .name("declaredValue").type(money(3)).noDefault()
                .endRecord();
    }

    /** A schema no other fixture shares, so that it gets a fresh id. */
    static Schema freshRecord(String name) {
        return SchemaBuilder.record(name).namespace("org.sharebus.test").fields().requiredLong("count").endRecord();
    }

    private static Schema money(int scale) {
        return LogicalTypes.decimal(18, scale).addToSchema(Schema.create(Schema.Type.BYTES));
    }
}
