package org.sharebus.consumers.notice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sharebus.event.common.Department;

/**
 * The notice meters that count events as they happen, named as Prometheus shows them:
 * <ul>
 *   <li>{@code sharebus_notices_raised_total{department,rule}}: notices raised by the profile
 *       builder, by target department and rule; every pair of the rules table is registered at
 *       start, so a rate is 0 rather than absent before the first notice;</li>
 *   <li>{@code sharebus_notice_delivery_seconds}: from the source event's publishedAt to the notice
 *       stored in the inbox read model, a percentile histogram (notices raised by time passing have
 *       no source event and are not timed).</li>
 * </ul>
 * The gauges of open and overdue notices read the read model: {@link NoticeGauges}.
 */
public final class NoticeMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> raised = new ConcurrentHashMap<>();
    private final Timer delivery;

    public NoticeMetrics(MeterRegistry registry, NoticeRules rules) {
        this.registry = registry;
        rules.rules().forEach((code, rule) -> rule.targets().forEach(target -> counter(target, code)));
        this.delivery = Timer.builder("sharebus.notice.delivery")
                .description("Time from the source event's acceptance by the gateway to the notice stored in the inbox read model")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofDays(1))
                .register(registry);
    }

    void raised(Department target, String rule) {
        counter(target, rule).increment();
    }

    void delivered(Duration latency) {
        delivery.record(latency.isNegative() ? Duration.ZERO : latency);
    }

    private Counter counter(Department target, String rule) {
        return raised.computeIfAbsent(target + "|" + rule, key -> Counter.builder("sharebus.notices.raised")
                .tag("department", target.name()).tag("rule", rule)
                .description("Linked supervision notices raised, by target department and rule")
                .register(registry));
    }
}
