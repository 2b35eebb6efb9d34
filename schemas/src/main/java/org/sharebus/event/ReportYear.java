package org.sharebus.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The year an annual report (年度报告) is on: one that had ended when the report was filed, which is
 * from 1 January of the following year (企业信息公示暂行条例 Art. 8).
 *
 * <p>Why: the profile keeps each enterprise's latest five report years, newest first. A mistyped year
 * (2062 for 2026, 2100) would take the place of a real one and, where that year was missing, of its
 * risk points. The schema's bounds (1949 to 2100) cannot see the clock; this compares with the
 * filing, which every report carries. The gateway refuses such an event with the rule
 * {@link #RULE}; a consumer reading a record sent straight to Kafka dead-letters it.
 */
public final class ReportYear {

    public static final String RULE = "report-year";
    /** Where a filing's year is counted: Beijing time, as the deadline. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ReportYear() {
    }

    /** Why {@code reportYear} cannot be the year of a report filed at {@code filedAt}; empty when it can. */
    public static Optional<String> problem(int reportYear, Instant filedAt) {
        if (filedAt == null) {
            return Optional.empty();
        }
        int filedIn = LocalDate.ofInstant(filedAt, ZONE).getYear();
        if (reportYear < filedIn) {
            return Optional.empty();
        }
        return Optional.of("is " + reportYear + ", but the report was filed in " + filedIn + " (filedAt " + filedAt
                + "): a report is on a year that has ended, " + (filedIn - 1) + " or earlier");
    }
}
