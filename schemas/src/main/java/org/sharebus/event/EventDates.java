package org.sharebus.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The days an event's dates and instants may fall on, Beijing time: from 1 January 1949, the first year
 * the contract's report and tax years take (their schema {@code minimum}), to 31 December 9999, the last
 * day with a four-digit year, which department systems write for "no end" (长期). Rule {@link #RULE}.
 *
 * <p>Why: an ISO date of year 0026 (typed for 2026) or +999999999 is well-formed, and the Avro contract
 * holds days and milliseconds far beyond any enterprise's history. Such a date stopped the profile
 * builder (a latency metric overflowed), was written wrapped round into another date, or kept an
 * enterprise out of the search read model (PostgreSQL's timestamps end at 4713 BC). The gateway
 * refuses it; a consumer reading a record sent straight to Kafka dead-letters it.
 */
public final class EventDates {

    public static final String RULE = "range";
    public static final LocalDate FIRST = LocalDate.of(1949, 1, 1);
    public static final LocalDate LAST = LocalDate.of(9999, 12, 31);
    /** Where an instant's day is counted: Beijing time, as every date of the contract. */
    public static final ZoneId ZONE = ReportYear.ZONE;

    private EventDates() {
    }

    /** Why {@code date} cannot be an event's date; empty when it can. */
    public static Optional<String> problem(LocalDate date) {
        if (date == null || (!date.isBefore(FIRST) && !date.isAfter(LAST))) {
            return Optional.empty();
        }
        return Optional.of("must be a date from " + FIRST + " to " + LAST + ", got " + date);
    }

    /** Why {@code instant} cannot be an event's time; empty when it can. */
    public static Optional<String> problem(Instant instant) {
        if (instant == null) {
            return Optional.empty();
        }
        // Compared by epoch second: an instant too far out for a LocalDate (Instant.MIN) must not throw here.
        long second = instant.getEpochSecond();
        if (second >= FIRST.atStartOfDay(ZONE).toEpochSecond() && second < LAST.plusDays(1).atStartOfDay(ZONE).toEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of("must be a time from " + FIRST + " to " + LAST + " (Beijing time), got " + instant);
    }
}
