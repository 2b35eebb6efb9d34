package org.sharebus.platform.registry;

/**
 * One version of a subject as the {@code _schemas} log holds it.
 *
 * @param schema  the schema in canonical form ({@code new Schema.Parser().parse(s).toString()})
 * @param deleted soft-deleted by a Confluent registry that shared the log; hidden from listings,
 *                but its id stays taken and readable, as in Confluent's registry
 */
record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {
}
