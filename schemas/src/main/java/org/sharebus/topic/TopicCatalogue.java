package org.sharebus.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.sharebus.event.common.Department;

/**
 * Every topic of the bus in one place: names, partitions, retention, compaction, owner and
 * dead-letter topic. Code refers to topics through this class, never through string literals.
 *
 * <p>Department topics keep their records for ever: Kafka is the source of truth and every store
 * downstream is rebuilt by replaying them. Their dead-letter topics keep records for 90 days,
 * long enough for a department to be told and to resend.
 */
public final class TopicCatalogue {

    public static final int DEFAULT_DEPARTMENT_PARTITIONS = 12;
    /** Suffix of a dead-letter topic, set explicitly: spring-kafka 4's DeadLetterPublishingRecoverer defaults to -dlt. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(90);

    public static final String PROFILES = "sharebus.profiles.v1";
    public static final String NOTICES = "sharebus.notices.v1";
    public static final String INSPECTIONS = "sharebus.inspections.v1";
    public static final String DISCLOSURES = "sharebus.disclosures.v1";
    public static final String AUDIT = "sharebus.audit.v1";
    /** Where the embedded schema registry keeps its subjects (the Confluent registry's name). */
    public static final String SCHEMAS = "_schemas";

    /** The departments that have a topic of their own; SAFE publishes through the credit office for now. */
    private static final Map<Department, String> DEPARTMENT_TOPICS = new EnumMap<>(Map.of(
            Department.MARKET, "market.events.v1",
            Department.CUSTOMS, "customs.events.v1",
            Department.COMMERCE, "commerce.events.v1",
            Department.CREDIT, "credit.events.v1",
            Department.TAX, "tax.events.v1"));

    private final Map<String, TopicSpec> topics;

    private TopicCatalogue(Map<String, TopicSpec> topics) {
        this.topics = Collections.unmodifiableMap(topics);
    }

    public static TopicCatalogue standard() {
        return withDepartmentPartitions(DEFAULT_DEPARTMENT_PARTITIONS);
    }

    /** The catalogue with another partition count for the department topics and the topics keyed like them. */
    public static TopicCatalogue withDepartmentPartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        DEPARTMENT_TOPICS.forEach((department, name) -> {
            add(topics, new TopicSpec(name, partitions, Optional.empty(), false, Optional.of(department),
                    Optional.of(name + DEAD_LETTER_SUFFIX),
                    "Facts published by " + department + ", keyed by USCC; value " + eventRecordName(department)));
            add(topics, deadLetter(name, partitions, Optional.of(department)));
        });
        add(topics, new TopicSpec(PROFILES, partitions, Optional.empty(), true, Optional.empty(),
                Optional.of(PROFILES + DEAD_LETTER_SUFFIX), "Enterprise credit profile per USCC (latest only)"));
        add(topics, deadLetter(PROFILES, partitions, Optional.empty()));
        for (String name : List.of(NOTICES, INSPECTIONS, DISCLOSURES)) {
            String key = switch (name) {
                case INSPECTIONS -> "the inspection plan id";
                case DISCLOSURES -> "the inspection task id";
                default -> "USCC";
            };
            add(topics, new TopicSpec(name, partitions, Optional.empty(), false, Optional.empty(),
                    Optional.of(name + DEAD_LETTER_SUFFIX), "sharebus's own " + name.split("\\.")[1] + ", keyed by " + key));
            add(topics, deadLetter(name, partitions, Optional.empty()));
        }
        // One partition: the audit log is a single hash chain, and the registry log a single order of ids.
        add(topics, new TopicSpec(AUDIT, 1, Optional.empty(), false, Optional.empty(), Optional.empty(),
                "Append-only, hash-chained gateway audit log"));
        add(topics, new TopicSpec(SCHEMAS, 1, Optional.empty(), true, Optional.empty(), Optional.empty(),
                "Schema registry subjects and ids"));
        return new TopicCatalogue(topics);
    }

    private static TopicSpec deadLetter(String topic, int partitions, Optional<Department> owner) {
        return new TopicSpec(topic + DEAD_LETTER_SUFFIX, partitions, Optional.of(DEAD_LETTER_RETENTION), false,
                owner, Optional.empty(), "Records of " + topic + " that could not be read; the reason is in the headers");
    }

    private static void add(Map<String, TopicSpec> topics, TopicSpec spec) {
        topics.put(spec.name(), spec);
    }

    /** The Avro record that is the value of a department's topic, e.g. CustomsEvent. */
    public static String eventRecordName(Department department) {
        String lower = department.name().toLowerCase();
        return "org.sharebus.event." + lower + "." + Character.toUpperCase(lower.charAt(0)) + lower.substring(1) + "Event";
    }

    public List<TopicSpec> all() {
        return List.copyOf(topics.values());
    }

    public TopicSpec get(String name) {
        TopicSpec spec = topics.get(name);
        if (spec == null) {
            throw new NoSuchElementException("no topic '" + name + "' in the catalogue; known: " + topics.keySet());
        }
        return spec;
    }

    public TopicSpec department(Department department) {
        String name = DEPARTMENT_TOPICS.get(department);
        if (name == null) {
            throw new NoSuchElementException("department " + department + " has no topic of its own");
        }
        return topics.get(name);
    }

    public List<TopicSpec> departmentTopics() {
        List<TopicSpec> result = new ArrayList<>();
        DEPARTMENT_TOPICS.values().forEach(name -> result.add(topics.get(name)));
        return result;
    }

    public static List<Department> publishingDepartments() {
        return List.copyOf(DEPARTMENT_TOPICS.keySet());
    }

    /** The dead-letter topic of a topic, as named in the catalogue. */
    public String deadLetterOf(String topic) {
        return get(topic).deadLetter()
                .orElseThrow(() -> new NoSuchElementException("topic '" + topic + "' has no dead-letter topic"));
    }
}
