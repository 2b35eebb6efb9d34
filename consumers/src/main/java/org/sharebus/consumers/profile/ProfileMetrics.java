package org.sharebus.consumers.profile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sharebus.topic.TopicCatalogue;

/**
 * The profile builder's meters, named as Prometheus shows them:
 * <ul>
 *   <li>{@code sharebus_profile_updates_total{cause=event|review}}: profiles written;</li>
 *   <li>{@code sharebus_profile_duplicates_total}: events ignored because their id was seen;</li>
 *   <li>{@code sharebus_profile_latency_seconds{from=occurred_at|published_at}}: from the fact
 *       (or its acceptance by the gateway) to the profile update, a histogram with fixed buckets
 *       from 10 ms to 30 days, since facts may be old when they reach the bus;</li>
 *   <li>{@code sharebus_dlt_records_total{topic}}: records sent to the topic's dead-letter topic.</li>
 * </ul>
 * The update is counted when the processor writes it; it becomes visible to readers at the next
 * commit ({@code commit.interval.ms}).
 */
public final class ProfileMetrics {

    private static final Duration[] BUCKETS = {
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30)};

    /** The longest latency recorded: a century, far past the top bucket and far within a Timer's range. */
    static final Duration LONGEST_LATENCY = Duration.ofDays(36_525);

    private final MeterRegistry registry;
    private final Counter eventUpdates;
    private final Counter reviewUpdates;
    private final Counter duplicates;
    private final Timer fromOccurred;
    private final Timer fromPublished;
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Counter trimmed;

    public ProfileMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.eventUpdates = updates("event");
        this.reviewUpdates = updates("review");
        this.duplicates = Counter.builder("sharebus.profile.duplicates")
                .description("Department events ignored because their event id was already applied")
                .register(registry);
        this.trimmed = Counter.builder("sharebus.profile.trimmed")
                .description("Profiles written with fewer list entries because all of them would not fit in a Kafka record")
                .register(registry);
        this.fromOccurred = latency("occurred_at");
        this.fromPublished = latency("published_at");
        // At 0 from the start: a counter that first appears at 1 has no increase() for the alert to see,
        // and the first bad record of a department after a restart would page nobody.
        TopicCatalogue.standard().departmentTopics().forEach(topic -> deadLetterCounter(topic.name()));
    }

    private Counter updates(String cause) {
        return Counter.builder("sharebus.profile.updates").tag("cause", cause)
                .description("Enterprise profiles written, by what caused the update")
                .register(registry);
    }

    private Timer latency(String from) {
        return Timer.builder("sharebus.profile.latency").tag("from", from)
                .description("Time from a fact's " + from + " to the profile update that applied it")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    void updatedByEvent(Instant occurredAt, Instant publishedAt, long nowMillis) {
        eventUpdates.increment();
        fromOccurred.record(latency(occurredAt, nowMillis));
        fromPublished.record(latency(publishedAt, nowMillis));
    }

    /**
     * From {@code at} to now, at least 0 and at most {@link #LONGEST_LATENCY}. A Timer holds nanoseconds: a
     * fact dated more than 292 years back (a year typed 0026 for 2026) overflowed it, and the exception
     * stopped the profile builder on that record, again at every restart. Such dates are refused by the
     * gateway and dead-lettered before they get here ({@link org.sharebus.event.EventDates}); this keeps a
     * metric from stopping the builder whatever the dates. Any latency past the top bucket counts the same.
     */
    static Duration latency(Instant at, long nowMillis) {
        long from = at.toEpochMilli();
        if (from < nowMillis - LONGEST_LATENCY.toMillis()) {
            return LONGEST_LATENCY;
        }
        return Duration.ofMillis(Math.max(0, nowMillis - from));
    }

    void updatedByReview() {
        reviewUpdates.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void trimmed() {
        trimmed.increment();
    }

    void deadLettered(String topic) {
        deadLetterCounter(topic).increment();
    }

    private Counter deadLetterCounter(String topic) {
        return deadLetters.computeIfAbsent(topic, t -> Counter.builder("sharebus.dlt.records").tag("topic", t)
                .description("Records that could not be read, sent to the topic's dead-letter topic")
                .register(registry));
    }
}
