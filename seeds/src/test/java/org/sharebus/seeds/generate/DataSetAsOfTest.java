package org.sharebus.seeds.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.sharebus.event.market.AbnormalOperationsListed;
import org.sharebus.event.market.AbnormalOperationsReason;
import org.sharebus.event.market.AnnualReportFiled;
import org.sharebus.event.market.EnterpriseDeregistered;
import org.sharebus.event.market.EnterpriseRevoked;

/**
 * The one-command bus's data set made on a given day ({@link SeedParameters#asOf}): every report
 * year a profile looks back over on that day is filed, or listed as not filed, so that no year is
 * MISSING only because the data set begins later; and nothing lies after the day.
 */
class DataSetAsOfTest {

    private static final ZoneId HANGZHOU = ZoneId.of("Asia/Shanghai");
    /** The risk evaluator's look-back (sharebus.profile.limits, annual-report years). */
    private static final int LOOK_BACK = 5;

    @Test
    void shouldEndTheWindowOnTheFirstDayOfTheMonthAndGiveTheSameParametersAllMonth() {
        // given the day the reviewer loaded the bus, and another day of that month
        SeedParameters late = SeedParameters.asOf(LocalDate.of(2026, 11, 30));
        SeedParameters early = SeedParameters.asOf(LocalDate.of(2026, 11, 1));

        // then the window is the two years up to 1 November, whichever day of November
        assertThat(late.windowStart()).isEqualTo(LocalDate.of(2024, 11, 1));
        assertThat(late.windowEnd()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(late).isEqualTo(early);
        assertThat(late.latestDueReportYear()).isEqualTo(2025);
        assertThat(late.firstHistoryReportYear()).isEqualTo(2021);

        // and the fixed data set of the tests is 2024–2025, whatever the day
        assertThat(SeedParameters.defaults().windowStart()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(SeedParameters.defaults().windowEnd()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(SeedParameters.asOf(LocalDate.of(2027, 6, 30)).latestDueReportYear()).isEqualTo(2025);
        assertThat(SeedParameters.asOf(LocalDate.of(2027, 7, 1)).latestDueReportYear()).isEqualTo(2026);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30", "2028-03-01"})
    void shouldFileOrListEveryReportYearAProfileLooksBackOverWhenMadeOnTheDayItIsLoaded(String day) {
        // given the data set made on the day, and the report years the risk evaluator looks back over that day
        LocalDate today = LocalDate.parse(day);
        SeedParameters parameters = SeedParameters.asOf(today).withEnterprises(3_000);
        int latestDue = today.isAfter(LocalDate.of(today.getYear(), 6, 30)) ? today.getYear() - 1 : today.getYear() - 2;
        Instant endOfData = today.withDayOfMonth(1).atStartOfDay(HANGZHOU).toInstant();

        // when each enterprise still in business is looked at, year by year
        int due = 0;
        int neverFiled = 0;
        int late = 0;
        List<String> gaps = new ArrayList<>();
        List<String> future = new ArrayList<>();
        for (EnterpriseEvents story : new SeedGenerator(parameters)) {
            story.events().stream().filter(e -> !e.header().getPublishedAt().isBefore(endOfData))
                    .forEach(e -> future.add(story.enterprise().uscc() + " " + e.eventType() + " " + e.header().getPublishedAt()));
            if (story.events().stream().anyMatch(e -> e.payload() instanceof EnterpriseDeregistered || e.payload() instanceof EnterpriseRevoked)) {
                continue;
            }
            int first = Math.max(latestDue - LOOK_BACK + 1, story.enterprise().establishedOn().getYear());
            for (int year = first; year <= latestDue; year++) {
                int reportYear = year;
                LocalDate deadline = LocalDate.of(year + 1, 6, 30);
                due++;
                List<AnnualReportFiled> filed = payloads(story, AnnualReportFiled.class).stream()
                        .filter(r -> r.getReportYear() == reportYear).toList();
                boolean listed = payloads(story, AbnormalOperationsListed.class).stream()
                        .anyMatch(l -> l.getReason() == AbnormalOperationsReason.NO_ANNUAL_REPORT && l.getDecidedOn().isAfter(deadline)
                                && l.getDecidedOn().isBefore(deadline.plusDays(20)));
                if (filed.isEmpty()) {
                    neverFiled++;
                    // the listing of a year's missing report may fall after the data's end only when its deadline is just before
                    if (!listed && deadline.plusDays(20).isBefore(parameters.windowEnd())) {
                        gaps.add(story.enterprise().uscc() + " " + year);
                    }
                } else if (filed.get(0).getLate()) {
                    late++;
                }
            }
        }

        // then every year is filed or listed, about 5 % never and 5 % late, and nothing is published after the data's end
        assertThat(gaps).as("report years neither filed nor listed").isEmpty();
        assertThat(future).as("events published on or after " + endOfData).isEmpty();
        assertThat(due).isGreaterThan(10_000);
        assertThat((double) neverFiled / due).isBetween(parameters.annualReportMissingShare() - 0.015,
                parameters.annualReportMissingShare() + 0.015);
        assertThat((double) late / due).isBetween(parameters.annualReportLateShare() - 0.015, parameters.annualReportLateShare() + 0.015);
    }

    private static <T> List<T> payloads(EnterpriseEvents story, Class<T> type) {
        return story.events().stream().map(SeedEvent::payload).filter(type::isInstance).map(type::cast).toList();
    }
}
