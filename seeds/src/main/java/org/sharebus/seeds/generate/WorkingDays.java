package org.sharebus.seeds.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Working days (工作日) as Monday to Friday. Public holidays and the weekend days worked in their
 * place (调休) are left out: the deadlines the seeds keep (listing within 10 working days of
 * 30 June, removal within days of a cure) fall in July and ordinary weeks, where the two agree,
 * and elsewhere counting holidays as working days only makes a deadline stricter.
 */
public final class WorkingDays {

    private WorkingDays() {
    }

    public static boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    /** The date itself when it is a working day, else the next working day. */
    public static LocalDate onOrAfter(LocalDate date) {
        LocalDate day = date;
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** The {@code n}-th working day after {@code date} (n ≥ 1), e.g. the 10th after 30 June 2024 is 12 July 2024. */
    public static LocalDate plus(LocalDate date, int n) {
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

    /** Working days after {@code from} up to and including {@code to}; 0 when {@code to} is not after {@code from}. */
    public static int between(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }
}
