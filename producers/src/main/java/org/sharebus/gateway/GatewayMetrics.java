package org.sharebus.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The gateway's own meters, named {@code sharebus_gateway_*} in Prometheus:
 * events by department, type and outcome; refused requests and items by reason; time from request
 * to answer; batch sizes.
 */
@Component
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Map<EventKey, Counter> events = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("sharebus.gateway.batch.size")
                .description("Events per batch request")
                .serviceLevelObjectives(1, 10, 100, 500, 1_000)
                .register(registry);
    }

    /**
     * One event's outcome: accepted, duplicate or refused. The counters are kept here rather than
     * looked up in the registry for every event of a batch (building and registering the meter's id
     * each time cost more than the increment).
     */
    public void event(String department, String eventType, String outcome) {
        events.computeIfAbsent(new EventKey(department == null ? "unknown" : department, eventType == null ? "unknown" : eventType,
                outcome), key -> Counter.builder("sharebus.gateway.events")
                .description("Events handled by the gateway, by outcome")
                .tag("department", key.department())
                .tag("event_type", key.eventType())
                .tag("outcome", key.outcome())
                .register(registry)).increment();
    }

    /** A refusal, of a whole request or of one item, by reason (the problem type's slug or the rule). */
    public void refused(String reason) {
        Counter.builder("sharebus.gateway.refused")
                .description("Refused requests and batch items, by reason")
                .tag("reason", reason)
                .register(registry).increment();
    }

    public void batch(int size) {
        batchSize.record(size);
    }

    /** Time from the request's arrival to the answer, by endpoint and status. */
    public void latency(String endpoint, int status, Duration duration) {
        Timer.builder("sharebus.gateway.request")
                .description("Time from a publish request's arrival to its answer (after the broker's ack)")
                .tag("endpoint", endpoint)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry).record(duration);
    }

    private record EventKey(String department, String eventType, String outcome) {
    }
}
