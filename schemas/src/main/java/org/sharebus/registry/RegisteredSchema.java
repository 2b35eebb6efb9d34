package org.sharebus.registry;

import org.apache.avro.Schema;

/**
 * One version of a subject as the registry holds it.
 *
 * @param subject the subject, e.g. {@code customs.events.v1-value}
 * @param version the version within the subject, from 1
 * @param id      the registry-wide schema id, the one written in the Confluent wire format
 * @param schema  the schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
