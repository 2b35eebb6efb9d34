package org.sharebus.consumers.disclosure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.event.common.Department;
import org.sharebus.topic.TopicCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code sharebus.disclosures.due{department}} (recorded, not published, deadline not passed) and
 * {@code sharebus.disclosures.overdue{department}} (past the 20-working-day deadline), for every
 * publishing department, read from the read model at most once per {@link #REFRESH}, however
 * often Prometheus scrapes. The SharebusDisclosuresOverdue alert watches the second.
 */
@Component
class DisclosureGauges {

    static final Duration REFRESH = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(DisclosureGauges.class);

    private final PublicResults results;
    private final Clock clock;
    private Map<Department, long[]> counts = new EnumMap<>(Department.class);
    private Instant readAt = Instant.MIN;

    DisclosureGauges(PublicResults results, Rules rules, MeterRegistry meters) {
        this.results = results;
        this.clock = Clock.system(rules.zone());
        for (Department department : TopicCatalogue.publishingDepartments()) {
            Gauge.builder("sharebus.disclosures.due", this, gauges -> gauges.count(department, 0)).tag("department", department.name())
                    .description("Inspection results recorded and not yet published, within their disclosure deadline").register(meters);
            Gauge.builder("sharebus.disclosures.overdue", this, gauges -> gauges.count(department, 1)).tag("department", department.name())
                    .description("Inspection results not published within 20 working days of being formed").register(meters);
        }
    }

    private synchronized double count(Department department, int which) {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(REFRESH) >= 0) {
            try {
                counts = results.dueAndOverdue(LocalDate.now(clock));
                readAt = now;
            } catch (RuntimeException e) {
                // Keep the last counts: a database hiccup must not fail the whole scrape.
                log.warn("Disclosure gauges: cannot read the read model: {}", e.getMessage());
            }
        }
        long[] pair = counts.get(department);
        return pair == null ? 0 : pair[which];
    }
}
