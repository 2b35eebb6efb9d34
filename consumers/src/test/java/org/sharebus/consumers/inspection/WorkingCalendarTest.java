package org.sharebus.consumers.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    private final WorkingCalendar calendar = WorkingCalendar.of(InspectionRulesTest.standard().calendar());
    private final WorkingCalendar weekdaysOnly = new WorkingCalendar(List.of(), List.of());

    @Test
    void shouldCountMondayToFridayWhenNoHolidayFallsInTheWeeks() {
        // given an ordinary Monday in March 2026
        LocalDate monday = LocalDate.of(2026, 3, 2);

        // when / then
        assertThat(calendar.plusWorkingDays(monday, 1)).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(calendar.plusWorkingDays(monday, 5)).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 7))).isFalse();
    }

    @Test
    void shouldSkipTheNationalDayWeekAndCountTheMakeUpSaturdayWhenCountingFromTheEndOfSeptember() {
        // given a result formed on Wednesday 30 September 2026, before the 1–7 October holiday
        LocalDate formed = LocalDate.of(2026, 9, 30);

        // when / then: 8 and 9 October are working days, Saturday 10 October is a make-up working day (调休)
        assertThat(calendar.plusWorkingDays(formed, 1)).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(calendar.plusWorkingDays(formed, 3)).isEqualTo(LocalDate.of(2026, 10, 10));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
    }

    @Test
    void shouldPutTheTwentyWorkingDayDeadlineLaterThanWeekdaysAloneWhenMidAutumnAndNationalDayIntervene() {
        // given a result formed on Friday 18 September 2026
        LocalDate formed = LocalDate.of(2026, 9, 18);

        // when
        LocalDate deadline = calendar.plusWorkingDays(formed, 20);

        // then: Sunday 20 Sep and Saturday 10 Oct are worked, 25 Sep and 1–7 Oct are not
        assertThat(deadline).isEqualTo(LocalDate.of(2026, 10, 22));
        assertThat(weekdaysOnly.plusWorkingDays(formed, 20)).isEqualTo(LocalDate.of(2026, 10, 16));
    }

    @Test
    void shouldCountSpringFestivalMakeUpDaysWhenCountingFromBeforeTheHoliday() {
        // given Friday 13 February 2026, the day before the make-up Saturday and the 15–23 February holiday
        LocalDate friday = LocalDate.of(2026, 2, 13);

        // when / then
        assertThat(calendar.plusWorkingDays(friday, 1)).isEqualTo(LocalDate.of(2026, 2, 14));
        assertThat(calendar.plusWorkingDays(friday, 2)).isEqualTo(LocalDate.of(2026, 2, 24));
    }

    @Test
    void shouldEndAPeriodOnTheNextWorkingDayWhenItsLastDayIsARestDay() {
        // a weekday stays; a Sunday moves to Monday; the Spring Festival's last holiday moves to the day after;
        // a make-up Saturday (调休) is a working day and stays
        assertThat(calendar.onOrAfter(LocalDate.of(2026, 8, 14))).isEqualTo(LocalDate.of(2026, 8, 14));
        assertThat(calendar.onOrAfter(LocalDate.of(2026, 8, 16))).isEqualTo(LocalDate.of(2026, 8, 17));
        assertThat(calendar.onOrAfter(LocalDate.of(2026, 2, 23))).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(calendar.onOrAfter(LocalDate.of(2026, 5, 4))).isEqualTo(LocalDate.of(2026, 5, 6));
        assertThat(calendar.onOrAfter(LocalDate.of(2026, 10, 10))).isEqualTo(LocalDate.of(2026, 10, 10));
    }

    @Test
    void shouldRefuseADayThatIsBothHolidayAndMakeUpDayWhenBuildingTheCalendar() {
        // when / then
        assertThatThrownBy(() -> new WorkingCalendar(List.of(LocalDate.of(2026, 10, 10)), List.of(LocalDate.of(2026, 10, 10))))
                .hasMessage("2026-10-10 is listed both as a holiday and as a make-up working day");
    }
}
