package org.sharebus.consumers.notice;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.sharebus.event.common.Department;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * {@code sharebus_notices_open{department}} (notices not yet closed) and
 * {@code sharebus_notices_overdue{department}} (of those, the ones past their due day), read from
 * the inbox read model. One grouped query answers every department, run at most every
 * {@link #REFRESH} however often Prometheus scrapes; between runs the gauges show the last answer.
 * A database that does not answer keeps the last answer too (and is logged): the readiness probe
 * reports the outage.
 */
@Component
class NoticeGauges {

    static final Duration REFRESH = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(NoticeGauges.class);

    private final NoticeInbox inbox;
    private final Clock clock = Clock.systemUTC();
    private volatile Map<Department, NoticeInbox.Counts> counts = Map.of();
    private volatile Instant refreshedAt = Instant.EPOCH;

    NoticeGauges(NoticeInbox inbox, MeterRegistry registry) {
        this.inbox = inbox;
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
        refreshIfStale();
        return counts.getOrDefault(department, new NoticeInbox.Counts(0, 0));
    }

    private synchronized void refreshIfStale() {
        Instant now = clock.instant();
        if (Duration.between(refreshedAt, now).compareTo(REFRESH) < 0) {
            return;
        }
        refreshedAt = now;
        try {
            counts = inbox.counts();
        } catch (DataAccessException e) {
            log.warn("Notice gauges: cannot count notices, keeping the last counts: {}", e.getMessage());
        }
    }
}
