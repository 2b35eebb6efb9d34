package org.sharebus.platform.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sharebus.registry.Compatibility;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryException;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Holds the catalogue's Avro subjects on an external registry at a transitive level. A Confluent
 * registry's default is BACKWARD, where a new schema need only read the latest version (Apicurio's
 * is no check at all); sharebus keeps its topics for ever and rebuilds every store by replay, so the
 * newest schema must read every version ever written, as the embedded registry's default has it. A
 * subject without a backward check is raised to BACKWARD_TRANSITIVE, one with a forward check to
 * FULL_TRANSITIVE, so a forward guarantee an operator chose is kept.
 *
 * <p>Runs once the application is ready and again every {@link #INTERVAL}, off the startup path: a
 * subject is created by its first record (Apicurio cannot hold a level for a subject it does not
 * have yet), and a level lowered by hand is raised again. A registry that refuses gets one WARN per
 * subject and reason, with the request an administrator sends instead.
 */
final class SubjectCompatibility implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

    static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(SubjectCompatibility.class);

    private final SchemaRegistryClient registry;
    private final String registryUrl;
    private final List<String> subjects;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sharebus-subject-compatibility");
        thread.setDaemon(true);
        return thread;
    });

    SubjectCompatibility(SchemaRegistryClient registry, String registryUrl, List<String> subjects) {
        this.registry = registry;
        this.registryUrl = registryUrl;
        this.subjects = List.copyOf(subjects);
    }

    /** What one pass did: subjects raised (with the level they had), not registered yet, or refused (with why). */
    record Pass(List<String> raised, List<String> notRegistered, Map<String, String> refused) {
    }

    /** The value subjects of the catalogue's Avro topics (those with a dead-letter topic), e.g. {@code customs.events.v1-value}. */
    static List<String> catalogueSubjects() {
        return TopicCatalogue.standard().all().stream().filter(topic -> topic.deadLetter().isPresent())
                .map(TopicSpec::name).map(name -> name + "-value").toList();
    }

    /** The level a subject at {@code level} is raised to, or null when it already checks every version. */
    static Compatibility raisedLevel(Compatibility level) {
        return switch (level) {
            case BACKWARD_TRANSITIVE, FULL_TRANSITIVE -> null;
            case FORWARD, FORWARD_TRANSITIVE, FULL -> Compatibility.FULL_TRANSITIVE;
            case NONE, BACKWARD -> Compatibility.BACKWARD_TRANSITIVE;
        };
    }

    /** One pass over the subjects; one subject's failure does not stop the others. */
    static Pass hold(SchemaRegistryClient registry, List<String> subjects) {
        List<String> raised = new ArrayList<>();
        List<String> notRegistered = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (String subject : subjects) {
            try {
                Compatibility level = registry.getCompatibility(subject);
                Compatibility target = raisedLevel(level);
                if (target != null) {
                    registry.setCompatibility(subject, target);
                    log.info("Schema registry subject {} was {}; set to {}: its topic is replayed from the start, so the newest"
                            + " schema must read every version", subject, level, target);
                    raised.add(subject + " (was " + level + ")");
                }
            } catch (SchemaRegistryException e) {
                if (e.httpStatus() == 404) {
                    notRegistered.add(subject);
                } else {
                    refused.put(subject, e.getMessage());
                }
            } catch (RuntimeException e) {
                refused.put(subject, e.toString());
            }
        }
        return new Pass(raised, notRegistered, refused);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        timer.scheduleWithFixedDelay(this::pass, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void pass() {
        hold(registry, subjects).refused().forEach((subject, why) -> {
            if (warned.add(subject + why)) {
                log.warn("Could not hold schema registry subject {} at a transitive compatibility level on {}: {}. Until it is set"
                        + " (PUT {}/config/{} with {\"compatibility\":\"BACKWARD_TRANSITIVE\"}), the registry may accept a schema"
                        + " that cannot read older records, and a replay would stop on them", subject, registryUrl, why, registryUrl, subject);
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
