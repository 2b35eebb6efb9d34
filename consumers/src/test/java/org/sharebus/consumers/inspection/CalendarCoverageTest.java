package org.sharebus.consumers.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CalendarCoverageTest {

    private static final ZoneId HANGZHOU = ZoneId.of("Asia/Shanghai");

    @Test
    void shouldShowTheCalendarsEndAndNotCoverThreeMonthsAheadWhenOnlyThisYearIsEnteredInLateNovember() {
        // given the rules table (2026 only) on 26 November 2026
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        // when
        CalendarCoverage coverage = new CalendarCoverage(InspectionRulesTest.standard().calendar(), at("2026-11-26T02:00:00Z"), meters);

        // then it ends at the start of 2027 in Hangzhou, less than three months ahead: the start-up warning's case
        assertThat(coverage.coversAhead()).isFalse();
        assertThat(meters.get("sharebus.inspection.calendar.end.timestamp").gauge().value())
                .isEqualTo((double) Instant.parse("2026-12-31T16:00:00Z").getEpochSecond());
    }

    @Test
    void shouldCoverThreeMonthsAheadWhenTheYearHasMoreThanThreeMonthsLeft() {
        // when
        CalendarCoverage coverage = new CalendarCoverage(InspectionRulesTest.standard().calendar(), at("2026-06-01T02:00:00Z"),
                new SimpleMeterRegistry());

        // then
        assertThat(coverage.coversAhead()).isTrue();
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), HANGZHOU);
    }
}
