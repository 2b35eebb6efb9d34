package org.sharebus.consumers.notice;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.sharebus.consumers.projection.ReadModelCounts;
import org.sharebus.event.common.Department;
import org.springframework.stereotype.Component;

/**
 * {@code sharebus_notices_open{department}} (notices not yet closed) and
 * {@code sharebus_notices_overdue{department}} (of those, the ones past their due day), read from
 * the inbox read model. One grouped query answers every department, run at most every
 * {@link #REFRESH} however often Prometheus scrapes, off the scrape's thread ({@link ReadModelCounts}):
 * a database that does not answer keeps the last answer (and is logged), and the scrape still
 * answers, with {@code sharebus_dependency_up{component="db"} 0}.
 */
@Component
class NoticeGauges {

    static final Duration REFRESH = Duration.ofSeconds(15);

    private final ReadModelCounts<Map<Department, NoticeInbox.Counts>> counts;

    NoticeGauges(NoticeInbox inbox, MeterRegistry registry) {
        this.counts = new ReadModelCounts<>("notice", inbox::counts, Map.of(), REFRESH, Duration.ofSeconds(2), Clock.systemUTC());
        for (Department department : NoticeRules.STAFFED) {
            Gauge.builder("sharebus.notices.open", this, g -> g.counts(department).open())
                    .tag("department", department.name())
                    .description("Linked supervision notices for the department not yet closed")
                    .register(registry);
            Gauge.builder("sharebus.notices.overdue", this, g -> g.counts(department).overdue())
                    .tag("department", department.name())
                    .description("Linked supervision notices for the department not closed by their due day")
                    .register(registry);
        }
    }

    private NoticeInbox.Counts counts(Department department) {
        return counts.get().getOrDefault(department, new NoticeInbox.Counts(0, 0));
    }
}
