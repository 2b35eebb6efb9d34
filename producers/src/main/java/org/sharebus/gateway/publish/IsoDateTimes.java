package org.sharebus.gateway.publish;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * ISO-8601 dates and instants with an offset, as {@link LocalDate#parse} and
 * {@link OffsetDateTime#parse} read them, with a hand-written path for the shapes senders use:
 * {@code 2025-03-14}, {@code 2025-03-14T09:30:00+08:00}, {@code 2025-03-14T01:30:00.123Z}.
 *
 * <p>Why: the JDK's parsers took a seventh of a batch request's CPU in the gateway (JFR,
 * docs/benchmarks.md); this path does the same work for the common shapes with a few comparisons.
 * Anything else (lower-case {@code t} or {@code z}, no seconds, an offset with seconds, a date that
 * does not exist) goes to the JDK's parser, which either reads it or throws the error.
 */
final class IsoDateTimes {

    private IsoDateTimes() {
    }

    /** The date of {@code text}; throws {@link DateTimeException} as {@code LocalDate.parse} does. */
    static LocalDate parseDate(String text) {
        LocalDate common = text.length() == 10 ? commonDate(text) : null;
        return common != null ? common : LocalDate.parse(text);
    }

    /** The instant of {@code text}; throws {@link DateTimeException} as {@code OffsetDateTime.parse} does. */
    static Instant parseInstant(String text) {
        Instant common = commonInstant(text);
        return common != null ? common : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm)}, or null for anything else. */
    static Instant commonInstant(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        LocalDate date = commonDate(s);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (s.charAt(at) == '.') {
            int start = ++at;
            while (at < n && at - start < 9 && isDigit(s.charAt(at))) {
                nanos = nanos * 10 + (s.charAt(at++) - '0');
            }
            int fractionDigits = at - start;
            if (fractionDigits == 0 || (at < n && isDigit(s.charAt(at)))) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at == n - 1 && s.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
            int offsetHours = digits(s, at + 1, 2);
            int offsetMinutes = digits(s, at + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59
                    || (offsetHours == 18 && offsetMinutes > 0)) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (s.charAt(at) == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochSecond = date.toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** {@code yyyy-MM-dd} at the start of {@code s}, or null when it is not there or not a date. */
    static LocalDate commonDate(String s) {
        if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31
                || (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth())) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** The value of {@code count} decimal digits from {@code from}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
