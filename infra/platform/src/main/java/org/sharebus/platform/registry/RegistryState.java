package org.sharebus.platform.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the {@code _schemas} log says, in memory: subjects and their versions, schemas by id, and
 * compatibility levels. Only the log's reader changes it; everybody else reads.
 */
final class RegistryState {

    private final Map<String, TreeMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    synchronized void putVersion(SchemaVersion version) {
        subjects.computeIfAbsent(version.subject(), s -> new TreeMap<>()).put(version.version(), version);
        schemasById.putIfAbsent(version.id(), version.schema());
        idsBySchema.putIfAbsent(version.schema(), version.id());
        maxId = Math.max(maxId, version.id());
    }

    /** A compacted-away (tombstoned) version; its id stays taken so that it is never handed out again. */
    synchronized void removeVersion(String subject, int version) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions != null) {
            versions.remove(version);
            if (versions.isEmpty()) {
                subjects.remove(subject);
            }
        }
    }

    /** Ids used by records this registry cannot serve (e.g. a JSON Schema written by a Confluent registry). */
    synchronized void reserveId(int id) {
        maxId = Math.max(maxId, id);
    }

    /** @param level null removes the level (a tombstone) */
    synchronized void putLevel(String subjectOrNull, CompatibilityLevel level) {
        if (subjectOrNull == null) {
            globalLevel = level;
        } else if (level == null) {
            subjectLevels.remove(subjectOrNull);
        } else {
            subjectLevels.put(subjectOrNull, level);
        }
    }

    synchronized List<String> subjects() {
        return subjects.keySet().stream().filter(s -> !liveVersions(s).isEmpty()).toList();
    }

    /** The subject's versions that are not deleted, oldest first. */
    synchronized List<SchemaVersion> liveVersions(String subject) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        return versions.values().stream().filter(v -> !v.deleted()).toList();
    }

    synchronized List<SchemaVersion> liveVersionsNewestFirst(String subject) {
        List<SchemaVersion> versions = new ArrayList<>(liveVersions(subject));
        versions.sort(Comparator.comparingInt(SchemaVersion::version).reversed());
        return versions;
    }

    /** The highest version number ever used in the subject, deleted ones included, as Confluent counts. */
    synchronized int maxVersion(String subject) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    synchronized Optional<SchemaVersion> findInSubject(String subject, String canonicalSchema) {
        return liveVersions(subject).stream().filter(v -> v.schema().equals(canonicalSchema)).findFirst();
    }

    synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    synchronized Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idsBySchema.get(canonicalSchema));
    }

    synchronized List<SchemaVersion> versionsWithId(int id) {
        return subjects.values().stream()
                .flatMap(versions -> versions.values().stream())
                .filter(v -> v.id() == id && !v.deleted())
                .toList();
    }

    synchronized int maxId() {
        return maxId;
    }

    synchronized Optional<CompatibilityLevel> globalLevel() {
        return Optional.ofNullable(globalLevel);
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElse(globalLevel().orElse(CompatibilityLevel.DEFAULT));
    }
}
