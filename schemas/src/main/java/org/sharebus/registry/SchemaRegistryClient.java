package org.sharebus.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that sharebus uses. Implementations are thread-safe
 * and cache what never changes (the id of a schema under a subject, the schema of an id), so that
 * the serde talks to the registry only the first time it meets a topic or a schema id.
 *
 * <p>Every failure is a {@link SchemaRegistryException} carrying the HTTP status and the Confluent
 * error code.
 *
 * @see RestSchemaRegistryClient
 * @see InMemorySchemaRegistryClient
 */
public interface SchemaRegistryClient {

    /**
     * Registers a schema under a subject ({@code POST /subjects/{s}/versions}) and returns its id;
     * registering the same schema again returns the same id. Fails with
     * {@link SchemaRegistryException#INCOMPATIBLE_SCHEMA} when the subject's compatibility level
     * rejects it.
     */
    int register(String subject, Schema schema);

    /**
     * The id of a schema registered under a subject, whichever version it is ({@code POST /subjects/{s}});
     * {@link SchemaRegistryException#SUBJECT_NOT_FOUND} or {@link SchemaRegistryException#SCHEMA_NOT_FOUND} if it is not.
     */
    int lookup(String subject, Schema schema);

    /** The schema with this id ({@code GET /schemas/ids/{id}}); {@link SchemaRegistryException#SCHEMA_NOT_FOUND} if none. */
    Schema getById(int id);

    /** The latest version of a subject ({@code GET /subjects/{s}/versions/latest}). */
    RegisteredSchema getLatest(String subject);

    /**
     * Whether the subject's compatibility level would accept this schema, checked against every
     * version the level asks for, as registering does ({@code POST /compatibility/subjects/{s}/versions};
     * {@code .../versions/latest} would pass a schema a transitive level refuses). A subject that does
     * not exist accepts any schema.
     */
    boolean isCompatible(String subject, Schema schema);

    /** The names of all subjects ({@code GET /subjects}). */
    List<String> subjects();

    /**
     * The compatibility level of a subject, falling back to the global one when the subject has
     * none of its own; the global level when {@code subjectOrNull} is null ({@code GET /config[/{s}]}).
     */
    Compatibility getCompatibility(String subjectOrNull);

    /** Sets the compatibility level of a subject, or the global one when {@code subjectOrNull} is null ({@code PUT /config[/{s}]}). */
    void setCompatibility(String subjectOrNull, Compatibility level);
}
