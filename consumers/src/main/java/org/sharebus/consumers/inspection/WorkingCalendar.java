package org.sharebus.consumers.inspection;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

/**
 * Working days (工作日) as the State Council's yearly holiday notice makes them: Monday to Friday,
 * minus the public holidays, plus the weekend days worked in their place (调休). The lists come
 * from the rules table ({@code sharebus.rules.inspection.calendar}); a year not entered there
 * counts Monday to Friday only (its schedule is not known; {@link CalendarCoverage} warns ahead of it).
 */
public final class WorkingCalendar {

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpWorkingDays;

    public WorkingCalendar(Collection<LocalDate> holidays, Collection<LocalDate> makeUpWorkingDays) {
        this.holidays = Set.copyOf(holidays);
        this.makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
        for (LocalDate day : this.makeUpWorkingDays) {
            if (this.holidays.contains(day)) {
                throw new IllegalArgumentException(day + " is listed both as a holiday and as a make-up working day");
            }
        }
    }

    public static WorkingCalendar of(InspectionRules.Calendar calendar) {
        return new WorkingCalendar(calendar.holidays(), calendar.makeUpWorkingDays());
    }

    public boolean isWorkingDay(LocalDate date) {
        if (makeUpWorkingDays.contains(date)) {
            return true;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /**
     * {@code date} when it is a working day, else the first working day after it: a period that ends
     * on a rest day ends on the next working day (民法典第二百零三条).
     */
    public LocalDate onOrAfter(LocalDate date) {
        LocalDate day = date;
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /**
     * The {@code n}-th working day after {@code date} (n ≥ 1): the last day of a deadline of n
     * working days counted from the day after the event, as Chinese administrative deadlines are.
     */
    public LocalDate plusWorkingDays(LocalDate date, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        LocalDate day = date;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }
}
