package org.sharebus.consumers.disclosure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.sharebus.consumers.projection.ReadModelCounts;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.event.common.Department;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.stereotype.Component;

/**
 * {@code sharebus.disclosures.due{department}} (recorded, not published, deadline not passed) and
 * {@code sharebus.disclosures.overdue{department}} (past the 20-working-day deadline), for every
 * publishing department, read from the read model at most once per {@link #REFRESH}, however
 * often Prometheus scrapes, off the scrape's thread ({@link ReadModelCounts}). The
 * SharebusDisclosuresOverdue alert watches the second.
 */
@Component
class DisclosureGauges {

    static final Duration REFRESH = Duration.ofSeconds(15);

    private final ReadModelCounts<Map<Department, long[]>> counts;

    DisclosureGauges(PublicResults results, Rules rules, MeterRegistry meters) {
        Clock clock = Clock.system(rules.zone());
        this.counts = new ReadModelCounts<>("disclosure", () -> results.dueAndOverdue(LocalDate.now(clock)),
                new EnumMap<>(Department.class), REFRESH, Duration.ofSeconds(2), clock);
        for (Department department : TopicCatalogue.publishingDepartments()) {
            Gauge.builder("sharebus.disclosures.due", this, gauges -> gauges.count(department, 0)).tag("department", department.name())
                    .description("Inspection results recorded and not yet published, within their disclosure deadline").register(meters);
            Gauge.builder("sharebus.disclosures.overdue", this, gauges -> gauges.count(department, 1)).tag("department", department.name())
                    .description("Inspection results not published within 20 working days of being formed").register(meters);
        }
    }

    private double count(Department department, int which) {
        long[] pair = counts.get().get(department);
        return pair == null ? 0 : pair[which];
    }
}
