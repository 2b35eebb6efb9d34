package org.sharebus.platform.registry;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.Schema;

/**
 * What the registry decides: versions, ids, compatibility. Reads come from the in-memory state;
 * changes go through the log and are serialised by one lock, so that "check, pick an id, write"
 * happens as one step within this instance.
 */
final class Registry {

    private final RegistryState state;
    private final SchemaLog log;
    private final ReentrantLock writeLock = new ReentrantLock();

    Registry(RegistryState state, SchemaLog log) {
        this.state = state;
        this.log = log;
    }

    /**
     * Registers a schema under a subject and answers its id. A schema already in the subject keeps
     * its id and version, without a compatibility check, as in Confluent's registry; a schema known
     * under another subject gets the id it has there; anything else gets the highest id + 1.
     */
    int register(String subject, String schemaText) {
        Schema schema = AvroSchemas.parse(schemaText);
        String canonical = AvroSchemas.canonical(schema);
        writeLock.lock();
        try {
            Optional<SchemaVersion> existing = state.findInSubject(subject, canonical);
            if (existing.isPresent()) {
                return existing.get().id();
            }
            CompatibilityLevel level = state.effectiveLevel(subject);
            List<String> problems = CompatibilityCheck.problems(level, schema, state.liveVersionsNewestFirst(subject));
            if (!problems.isEmpty()) {
                throw RegistryException.incompatible("Schema being registered is incompatible with an earlier schema for subject \""
                        + subject + "\": " + String.join("; ", problems) + " (compatibility " + level + ")");
            }
            int id = state.idOf(canonical).orElse(state.maxId() + 1);
            log.appendSchema(new SchemaVersion(subject, state.maxVersion(subject) + 1, id, canonical, false));
            return id;
        } finally {
            writeLock.unlock();
        }
    }

    /** The version of the subject that holds this schema. */
    SchemaVersion lookup(String subject, String schemaText) {
        String canonical = AvroSchemas.canonical(AvroSchemas.parse(schemaText));
        requireSubject(subject);
        return state.findInSubject(subject, canonical).orElseThrow(() -> RegistryException.schemaNotFoundInSubject(subject));
    }

    List<String> subjects() {
        return state.subjects();
    }

    List<Integer> versions(String subject) {
        return requireSubject(subject).stream().map(SchemaVersion::version).toList();
    }

    /** @param versionText a version number, or {@code latest} / {@code -1} */
    SchemaVersion version(String subject, String versionText) {
        int wanted = parseVersion(versionText);
        List<SchemaVersion> versions = requireSubject(subject);
        if (wanted == -1) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == wanted).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(subject, wanted));
    }

    String schemaById(String idText) {
        return parseId(idText).flatMap(state::schemaById).orElseThrow(() -> RegistryException.schemaNotFound(idText));
    }

    /** The subjects and versions that use the schema with this id. */
    List<SchemaVersion> versionsWithId(String idText) {
        int id = parseId(idText).filter(i -> state.schemaById(i).isPresent())
                .orElseThrow(() -> RegistryException.schemaNotFound(idText));
        return state.versionsWithId(id);
    }

    /**
     * The problems the schema would meet; empty when compatible.
     *
     * @param versionText null: every version the subject's level asks for (transitive or latest);
     *                    otherwise that one version. A subject without versions accepts anything at
     *                    {@code latest}, as Confluent's registry answers since 5.5.
     */
    List<String> compatibilityProblems(String subject, String versionText, String schemaText) {
        Schema schema = AvroSchemas.parse(schemaText);
        CompatibilityLevel level = state.effectiveLevel(subject);
        if (versionText == null) {
            return CompatibilityCheck.problems(level, schema, state.liveVersionsNewestFirst(subject));
        }
        if (parseVersion(versionText) == -1 && state.liveVersions(subject).isEmpty()) {
            return List.of();
        }
        return CompatibilityCheck.problems(level, schema, List.of(version(subject, versionText)));
    }

    CompatibilityLevel globalLevel() {
        return state.globalLevel().orElse(CompatibilityLevel.DEFAULT);
    }

    /** @param defaultToGlobal answer the global level when the subject has none of its own */
    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> own = state.subjectLevel(subject);
        if (own.isPresent()) {
            return own.get();
        }
        if (defaultToGlobal) {
            return globalLevel();
        }
        throw RegistryException.subjectLevelNotConfigured(subject);
    }

    /** @param subjectOrNull null sets the global level */
    void setLevel(String subjectOrNull, CompatibilityLevel level) {
        writeLock.lock();
        try {
            log.appendLevel(subjectOrNull, level);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes the default level into the log when it has none, so that the rule travels with the
     * topic: a Confluent registry taking it over enforces BACKWARD_TRANSITIVE too, not its own BACKWARD.
     */
    void recordDefaultLevel() {
        writeLock.lock();
        try {
            if (state.globalLevel().isEmpty()) {
                log.appendLevel(null, CompatibilityLevel.DEFAULT);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private List<SchemaVersion> requireSubject(String subject) {
        List<SchemaVersion> versions = state.liveVersions(subject);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    /** @return the version, or -1 for the latest */
    private static int parseVersion(String text) {
        if (text.equals("latest") || text.equals("-1")) {
            return -1;
        }
        try {
            int version = Integer.parseInt(text);
            if (version < 1) {
                throw RegistryException.invalidVersion(text);
            }
            return version;
        } catch (NumberFormatException notANumber) {
            throw RegistryException.invalidVersion(text);
        }
    }

    private static Optional<Integer> parseId(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
