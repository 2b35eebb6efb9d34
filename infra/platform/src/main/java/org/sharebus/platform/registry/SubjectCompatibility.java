package org.sharebus.platform.registry;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sharebus.registry.Compatibility;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the catalogue's Avro subjects on an external registry at BACKWARD_TRANSITIVE. A Confluent
 * registry's default is BACKWARD, where a new schema need only read the latest version; sharebus keeps
 * its topics for ever and rebuilds every store by replay, so the newest schema must read every version
 * ever written, which is the embedded registry's default. A subject already as strict (or FULL_TRANSITIVE)
 * is left alone; a weaker one is raised, and the log says which and from what.
 */
final class SubjectCompatibility {

    private static final Logger log = LoggerFactory.getLogger(SubjectCompatibility.class);
    private static final Set<Compatibility> STRICT_ENOUGH = EnumSet.of(Compatibility.BACKWARD_TRANSITIVE, Compatibility.FULL_TRANSITIVE);

    private SubjectCompatibility() {
    }

    /** The value subjects of the catalogue's Avro topics (those with a dead-letter topic), e.g. {@code customs.events.v1-value}. */
    static List<String> catalogueSubjects() {
        return TopicCatalogue.standard().all().stream().filter(topic -> topic.deadLetter().isPresent())
                .map(TopicSpec::name).map(name -> name + "-value").toList();
    }

    /**
     * Raises each subject weaker than BACKWARD_TRANSITIVE to it.
     *
     * @return the subjects raised, each with the level it had
     * @throws org.sharebus.registry.SchemaRegistryException when the registry does not answer or refuses (read-only credentials)
     */
    static List<String> hold(SchemaRegistryClient registry, List<String> subjects) {
        List<String> raised = new ArrayList<>();
        for (String subject : subjects) {
            Compatibility level = registry.getCompatibility(subject);
            if (!STRICT_ENOUGH.contains(level)) {
                registry.setCompatibility(subject, Compatibility.BACKWARD_TRANSITIVE);
                log.info("Schema registry subject {} was {}; set to BACKWARD_TRANSITIVE: its topic is replayed from the start,"
                        + " so the newest schema must read every version", subject, level);
                raised.add(subject + " (was " + level + ")");
            }
        }
        return raised;
    }

    /** Once after start, off the startup path: a registry that is down or refuses gets a warning, not a failed start. */
    static void holdInBackground(SchemaRegistryClient registry, String registryUrl) {
        Thread thread = new Thread(() -> {
            try {
                hold(registry, catalogueSubjects());
            } catch (RuntimeException e) {
                log.warn("Could not hold the catalogue's subjects at BACKWARD_TRANSITIVE on {}: {}. Until an administrator sets it"
                        + " (PUT {}/config/<subject> with {{\"compatibility\":\"BACKWARD_TRANSITIVE\"}}), a registry at BACKWARD accepts a"
                        + " schema that cannot read older records, and a replay would stop on them.", registryUrl, e.getMessage(), registryUrl);
            }
        }, "sharebus-subject-compatibility");
        thread.setDaemon(true);
        thread.start();
    }
}
