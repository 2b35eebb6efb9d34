package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written paths must read exactly what the JDK's parsers read, and leave the rest to them. */
class IsoDateTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-14", "2024-02-29", "0000-01-01", "9999-12-31", "2025-04-30"})
    void shouldReadCommonDatesAsLocalDateDoes(String text) {
        assertThat(IsoDateTimes.commonDate(text)).isNotNull();
        assertThat(IsoDateTimes.parseDate(text)).isEqualTo(LocalDate.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-03-00", "2025-3-14", "20250314",
            "2025/03/14", "2025-03-14T00:00", " 2025-03-14", "2025-03-1x", "12025-03-14", ""})
    void shouldRefuseDatesLocalDateRefuses(String text) {
        assertThatThrownBy(() -> LocalDate.parse(text)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> IsoDateTimes.parseDate(text)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void shouldAgreeWithLocalDateOnEveryDayOfFourHundredYearsAndOnImpossibleDays() {
        for (int year = 1800; year < 2200; year++) {
            for (int month = 1; month <= 12; month++) {
                for (int day = 1; day <= 31; day++) {
                    String text = String.format("%04d-%02d-%02d", year, month, day);
                    LocalDate expected;
                    try {
                        expected = LocalDate.parse(text);
                    } catch (DateTimeException e) {
                        assertThat(IsoDateTimes.commonDate(text)).as(text).isNull();
                        continue;
                    }
                    assertThat(IsoDateTimes.parseDate(text)).as(text).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2025-03-14T09:30:00+08:00", "2025-03-14T01:30:00Z", "2025-03-14T01:30:00.1Z", "2025-03-14T01:30:00.123+08:00",
            "2025-03-14T01:30:00.123456789-05:30", "2024-02-29T23:59:59+18:00", "2024-02-29T00:00:00-18:00",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2025-12-31T23:59:59+00:00"})
    void shouldReadTheCommonShapeAsOffsetDateTimeDoes(String text) {
        assertThat(IsoDateTimes.commonInstant(text)).as("the hand-written path takes %s", text).isNotNull();
        assertThat(IsoDateTimes.parseInstant(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2025-03-14t09:30:00+08:00", "2025-03-14T09:30:00z", "2025-03-14T09:30+08:00", "2025-03-14T09:30:00+08:00:00",
            "2025-03-14T09:30:00+08:00:30",
            "2025-03-14T09:30:00.Z"})
    void shouldLeaveOtherValidShapesToOffsetDateTime(String text) {
        assertThat(IsoDateTimes.commonInstant(text)).isNull();
        assertThat(IsoDateTimes.parseInstant(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2025-02-29T09:30:00+08:00", "2025-04-31T09:30:00Z", "2025-13-01T09:30:00Z", "2025-00-10T09:30:00Z",
            "2025-03-00T09:30:00Z", "2025-03-14T24:00:00Z", "2025-03-14T09:60:00Z", "2025-03-14T09:30:60Z",
            "2025-03-14T09:30:00+19:00", "2025-03-14T09:30:00+18:01", "2025-03-14T09:30:00+08:60", "2025-03-14T09:30:00",
            "2025-03-14T09:30:00.1234567891Z", "2025-03-14T09:30:00+0800", "2025-03-14 09:30:00Z",
            "2025-3-14T09:30:00Z", "20250314T093000Z", "2025-03-14T09:30:00Z ", " 2025-03-14T09:30:00Z",
            "2025-03-14T09:30:00ZZ", "2025-03-14T09:3a:00Z", "+2025-03-14T09:30:00Z", "", "yesterday"})
    void shouldRefuseWhatOffsetDateTimeRefuses(String text) {
        assertThat(IsoDateTimes.commonInstant(text)).isNull();
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> IsoDateTimes.parseInstant(text)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void shouldAgreeWithOffsetDateTimeOnManyRandomInstants() {
        Random random = new Random(20261127L);
        for (int i = 0; i < 20_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(10_000), 1 + random.nextInt(12),
                    1 + random.nextInt(31), random.nextInt(24), random.nextInt(60), random.nextInt(60), fraction(random),
                    offset(random));
            Instant expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                assertThat(IsoDateTimes.commonInstant(text)).as(text).isNull();
                continue;
            }
            assertThat(IsoDateTimes.parseInstant(text)).as(text).isEqualTo(expected);
        }
    }

    private static String fraction(Random random) {
        int digits = random.nextInt(10);
        if (digits == 0) {
            return "";
        }
        StringBuilder fraction = new StringBuilder(".");
        for (int i = 0; i < digits; i++) {
            fraction.append(random.nextInt(10));
        }
        return fraction.toString();
    }

    private static String offset(Random random) {
        if (random.nextInt(4) == 0) {
            return "Z";
        }
        return String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(19), random.nextInt(4) * 15);
    }
}
