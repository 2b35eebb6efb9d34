package org.sharebus.consumers.inspection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import org.sharebus.consumers.rules.Rules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How far ahead the working-day calendar is known. Disclosure deadlines run up to 20 working days
 * (about a month) past a result, so a year missing from {@code calendar.years} makes deadlines
 * wrong (1 January counted as a working day) weeks before the year starts. At start-up this logs
 * a warning when the calendar does not reach {@link #AHEAD} past today, and
 * {@code sharebus.inspection.calendar.end.timestamp} (seconds since the epoch) says when the
 * calendar ends: the start of the day after its last day. The alert SharebusWorkingCalendarEnding
 * compares it with the time.
 */
@Component
class CalendarCoverage {

    static final Period AHEAD = Period.ofMonths(3);
    private static final Logger log = LoggerFactory.getLogger(CalendarCoverage.class);

    private final LocalDate coveredUntil;
    private final Clock clock;

    @Autowired
    CalendarCoverage(InspectionRules rules, Rules bus, MeterRegistry meters) {
        this(rules.calendar(), Clock.system(bus.zone()), meters);
    }

    CalendarCoverage(InspectionRules.Calendar calendar, Clock clock, MeterRegistry meters) {
        this.coveredUntil = calendar.coveredUntil();
        this.clock = clock;
        Gauge.builder("sharebus.inspection.calendar.end.timestamp", this, CalendarCoverage::endSeconds)
                .description("End of the working-day calendar (rules.yml calendar.years), seconds since the epoch")
                .baseUnit("seconds").register(meters);
        if (!coversAhead()) {
            log.warn("WORKING-DAY CALENDAR ENDS {}: sharebus.rules.inspection.calendar.years {} does not reach today + {} ({});"
                            + " disclosure deadlines beyond it count Monday to Friday only, ignoring the holidays. Add the next year's"
                            + " State Council holiday schedule to rules.yml (docs/operations.md)",
                    coveredUntil, calendar.years(), AHEAD, LocalDate.now(clock).plus(AHEAD));
        }
    }

    boolean coversAhead() {
        return !coveredUntil.isBefore(LocalDate.now(clock).plus(AHEAD));
    }

    double endSeconds() {
        return coveredUntil.plusDays(1).atStartOfDay(clock.getZone()).toEpochSecond();
    }
}
