package org.sharebus.schemas.evolution;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;

/**
 * The build's schema-evolution check (BACKWARD_TRANSITIVE, as the registry enforces it): the
 * current value schema of every department topic must read data written with every released
 * version of it. A failing check names the subject, the version, the field and Avro's reason.
 *
 * <p>Also the command line that releases a new version:
 * <pre>{@code
 * SchemaEvolutionGate [check] [dir]   # exit 1 and print the findings when a change is incompatible
 * SchemaEvolutionGate release [dir]   # check, then write v<N+1> for every subject whose schema changed
 * }</pre>
 * Without a directory the history is found from the working directory, see {@link SchemaHistory#locate()}.
 */
public final class SchemaEvolutionGate {

    /** Subject naming of the serde (Confluent's TopicNameStrategy). */
    public static final String VALUE_SUBJECT_SUFFIX = "-value";

    private final SchemaHistory history;
    private final Map<String, Schema> current;

    /**
     * @param history the released versions
     * @param current the schema each subject would be registered with now, by subject
     */
    public SchemaEvolutionGate(SchemaHistory history, Map<String, Schema> current) {
        this.history = history;
        this.current = Map.copyOf(current);
    }

    /** The gate over the generated classes of every department topic in the catalogue. */
    public static SchemaEvolutionGate forDepartmentTopics(SchemaHistory history) {
        return new SchemaEvolutionGate(history, departmentTopicSchemas());
    }

    /** The gate over every gated topic: the department topics and sharebus's own event topics. */
    public static SchemaEvolutionGate forTopics(SchemaHistory history) {
        return new SchemaEvolutionGate(history, topicSchemas());
    }

    /** The department topics' value schemas, then those of sharebus's own event topics ({@link #OWN_TOPIC_VALUES}). */
    public static Map<String, Schema> topicSchemas() {
        Map<String, Schema> schemas = departmentTopicSchemas();
        OWN_TOPIC_VALUES.forEach((topic, className) -> schemas.put(topic + VALUE_SUBJECT_SUFFIX, schemaOf(topic, className)));
        return schemas;
    }

    /** Topics whose records sharebus itself writes, with their value classes; each is released and gated like a department topic. */
    static final Map<String, String> OWN_TOPIC_VALUES = Map.of(
            TopicCatalogue.NOTICES, "org.sharebus.notice.NoticeEvent",
            TopicCatalogue.INSPECTIONS, "org.sharebus.inspection.InspectionEvent",
            TopicCatalogue.DISCLOSURES, "org.sharebus.disclosure.DisclosureEvent");

    private static Schema schemaOf(String topic, String className) {
        try {
            return SpecificData.get().getSchema(Class.forName(className));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("topic " + topic + " has no generated value class " + className
                    + ": is its .avsc missing from src/main/avro?", e);
        }
    }

    /**
     * The value schema of every department topic as the serializer registers it: the generated
     * class's own schema, named types inlined.
     */
    public static Map<String, Schema> departmentTopicSchemas() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (TopicSpec topic : TopicCatalogue.standard().departmentTopics()) {
            String className = TopicCatalogue.eventRecordName(topic.owner().orElseThrow());
            try {
                schemas.put(topic.name() + VALUE_SUBJECT_SUFFIX, SpecificData.get().getSchema(Class.forName(className)));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("topic " + topic.name() + " has no generated value class " + className
                        + ": is its .avsc missing from src/main/avro?", e);
            }
        }
        return schemas;
    }

    /** Every incompatibility of a current schema with a released version; empty when all may be released. */
    public List<Finding> check() {
        List<Finding> findings = new ArrayList<>();
        current.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String subject = entry.getKey();
            List<Integer> versions = history.versions(subject);
            if (versions.isEmpty()) {
                findings.add(new Finding(subject, 0, history.root().resolve(subject).toString(),
                        "no released version: run SchemaEvolutionGate release"));
                return;
            }
            for (int expected = 1; expected <= versions.size(); expected++) {
                if (versions.get(expected - 1) != expected) {
                    findings.add(new Finding(subject, 0, history.root().resolve(subject).toString(),
                            "released versions must be v1 to v" + versions.size() + " without gaps, found " + versions));
                    return;
                }
            }
            for (int version : versions) {
                findings.addAll(CompatibilityExplainer.explain(subject, version, entry.getValue(), history.read(subject, version)));
            }
        });
        return findings;
    }

    /**
     * Releases every subject whose current schema differs from its latest released version (or
     * that has none) as the next version. Writes nothing when any check fails.
     *
     * @throws IncompatibleSchemaException with the findings when a change is not compatible
     */
    public List<Release> release() {
        // A subject never released is what release is for; every other finding blocks it.
        List<Finding> findings = check().stream()
                .filter(finding -> !history.versions(finding.subject()).isEmpty())
                .toList();
        if (!findings.isEmpty()) {
            throw new IncompatibleSchemaException(findings);
        }
        List<Release> releases = new ArrayList<>();
        current.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String subject = entry.getKey();
            List<Integer> versions = history.versions(subject);
            // Compared as the registry compares what it is sent: the schema text, docs and properties included.
            boolean changed = versions.isEmpty()
                    || !history.read(subject, versions.get(versions.size() - 1)).toString().equals(entry.getValue().toString());
            if (changed) {
                int version = versions.size() + 1;
                releases.add(new Release(subject, version, history.write(subject, version, entry.getValue())));
            }
        });
        return releases;
    }

    /** A version written by {@link #release()}. */
    public record Release(String subject, int version, Path file) {
    }

    /** Thrown by {@link #release()} when a change may not be released; carries the findings. */
    public static final class IncompatibleSchemaException extends IllegalStateException {

        private final List<Finding> findings;

        public IncompatibleSchemaException(List<Finding> findings) {
            super(findings.size() + " schema evolution finding(s):\n  " + String.join("\n  ",
                    findings.stream().map(Finding::toString).toList()));
            this.findings = List.copyOf(findings);
        }

        public List<Finding> findings() {
            return findings;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line without the exit, for tests: 0 when it succeeded, 1 on findings, 2 on misuse. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "check" : args[0];
        if (args.length > 2 || !(command.equals("check") || command.equals("release"))) {
            err.println("usage: SchemaEvolutionGate [check|release] [history directory]");
            return 2;
        }
        SchemaHistory history = args.length == 2 ? new SchemaHistory(Path.of(args[1])) : SchemaHistory.locate();
        SchemaEvolutionGate gate = forTopics(history);
        if (command.equals("check")) {
            List<Finding> findings = gate.check();
            if (!findings.isEmpty()) {
                err.println(new IncompatibleSchemaException(findings).getMessage());
                return 1;
            }
            out.println(gate.current.size() + " subjects compatible with every released version in "
                    + history.root().toAbsolutePath().normalize());
            return 0;
        }
        try {
            List<Release> releases = gate.release();
            releases.forEach(release -> out.println("released " + release.subject() + " v" + release.version()
                    + " as " + release.file()));
            if (releases.isEmpty()) {
                out.println("nothing to release: every schema equals its latest released version");
            }
            return 0;
        } catch (IncompatibleSchemaException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
