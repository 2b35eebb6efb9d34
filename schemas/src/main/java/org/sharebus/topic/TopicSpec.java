package org.sharebus.topic;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.sharebus.event.common.Department;

/**
 * One topic of the bus, as the catalogue defines it.
 *
 * @param name         the topic's name, {@code <owner>.<what>.v<N>}
 * @param partitions   partition count; equal for all department topics so they co-partition by USCC
 * @param retention    how long records are kept; empty for ever (the topic is a source of truth)
 * @param compacted    whether the topic keeps only the latest value per key
 * @param owner        the department that may write it; empty for sharebus's own topics
 * @param deadLetter   the topic that receives this topic's unreadable records, if any
 * @param description  what the topic holds, for people reading the catalogue
 */
public record TopicSpec(String name, int partitions, Optional<Duration> retention, boolean compacted,
                        Optional<Department> owner, Optional<String> deadLetter, String description) {

    /** Topic-level configuration for the broker, as {@code kafka-topics --config} takes it. */
    public Map<String, String> configs() {
        return Map.of(
                "cleanup.policy", compacted ? "compact" : "delete",
                "retention.ms", retention.map(d -> Long.toString(d.toMillis())).orElse("-1"));
    }
}
