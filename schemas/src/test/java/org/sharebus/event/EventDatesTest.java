package org.sharebus.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EventDatesTest {

    @Test
    void shouldTakeTheFirstAndLastDaysAndRefuseTheDaysAroundThem() {
        assertThat(EventDates.problem(LocalDate.of(1949, 1, 1))).isEmpty();
        assertThat(EventDates.problem(LocalDate.of(9999, 12, 31))).isEmpty();
        assertThat(EventDates.problem(LocalDate.of(1948, 12, 31))).hasValue("must be a date from 1949-01-01 to 9999-12-31, got 1948-12-31");
        assertThat(EventDates.problem(LocalDate.of(10000, 1, 1))).isPresent();
        assertThat(EventDates.problem(LocalDate.of(26, 3, 14))).isPresent();
    }

    @Test
    void shouldCountAnInstantsDayInBeijingTime() {
        // midnight of 1 January 1949 in Beijing is 16:00 UTC the day before
        assertThat(EventDates.problem(Instant.parse("1948-12-31T16:00:00Z"))).isEmpty();
        assertThat(EventDates.problem(Instant.parse("1948-12-31T15:59:59.999Z"))).isPresent();
        assertThat(EventDates.problem(Instant.parse("9999-12-31T15:59:59.999Z"))).isEmpty();
        assertThat(EventDates.problem(Instant.parse("9999-12-31T16:00:00Z"))).isPresent();
        // and one far beyond what a date can say is refused, not thrown on
        assertThat(EventDates.problem(Instant.MIN)).isPresent();
        assertThat(EventDates.problem(Instant.MAX)).isPresent();
    }
}
