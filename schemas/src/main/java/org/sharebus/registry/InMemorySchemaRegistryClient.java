package org.sharebus.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * A schema registry in memory, with the Confluent registry's rules: ids from 1, one id per distinct
 * schema across all subjects, compatibility checked on registration (default
 * {@link Compatibility#BACKWARD_TRANSITIVE}, as sharebus runs), Confluent error codes. For
 * TopologyTestDriver tests and benchmarks; ids are not stable across processes, so never use it
 * for state that outlives the JVM.
 *
 * <p>Two schemas are the same when their full JSON forms ({@link Schema#toString()}) are: that
 * keeps logical-type parameters such as a decimal's scale, which Avro's parsing canonical form
 * drops.
 */
public class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private static final String NAME = "in-memory schema registry";

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    /** Per subject, the ids of its versions, oldest first. */
    private final Map<String, List<Integer>> subjects = new TreeMap<>();
    private final Map<String, Compatibility> subjectLevels = new HashMap<>();
    private Compatibility globalLevel = Compatibility.BACKWARD_TRANSITIVE;

    @Override
    public synchronized int register(String subject, Schema schema) {
        String form = schema.toString();
        Integer known = idsBySchema.get(form);
        List<Integer> versions = subjects.getOrDefault(subject, List.of());
        if (known != null && versions.contains(known)) {
            return known;
        }
        List<String> problems = problems(subject, schema);
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException(NAME + ": schema is incompatible with subject '" + subject + "' at level "
                    + getCompatibility(subject) + " (409): " + String.join("; ", problems),
                    409, SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        }
        int id = known != null ? known : schemasById.size() + 1;
        schemasById.putIfAbsent(id, schema);
        idsBySchema.putIfAbsent(form, id);
        subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized int lookup(String subject, Schema schema) {
        Integer id = idsBySchema.get(schema.toString());
        if (id == null || !versions(subject).contains(id)) {
            throw new SchemaRegistryException(NAME + ": schema not found under subject '" + subject + "' (40403)",
                    404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(NAME + ": schema id " + id + " not found (40403)",
                    404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        List<Integer> versions = versions(subject);
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, versions.size(), id, schemasById.get(id));
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        return problems(subject, schema).isEmpty();
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    @Override
    public synchronized Compatibility getCompatibility(String subjectOrNull) {
        if (subjectOrNull == null) {
            return globalLevel;
        }
        return subjectLevels.getOrDefault(subjectOrNull, globalLevel);
    }

    @Override
    public synchronized void setCompatibility(String subjectOrNull, Compatibility level) {
        Objects.requireNonNull(level, "compatibility level is required");
        if (subjectOrNull == null) {
            globalLevel = level;
        } else {
            subjectLevels.put(subjectOrNull, level);
        }
    }

    @Override
    public String toString() {
        return NAME;
    }

    private List<String> problems(String subject, Schema schema) {
        List<Schema> existing = subjects.getOrDefault(subject, List.of()).stream().map(schemasById::get).toList();
        return getCompatibility(subject).incompatibilities(schema, existing);
    }

    private List<Integer> versions(String subject) {
        List<Integer> versions = subjects.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(NAME + ": subject '" + subject + "' not found (40401)",
                    404, SchemaRegistryException.SUBJECT_NOT_FOUND);
        }
        return versions;
    }
}
