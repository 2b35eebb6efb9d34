package org.sharebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sharebus.consumers.profile.ProfileDriver;
import org.sharebus.event.common.Department;
import org.sharebus.event.market.AbnormalOperationsListed;
import org.sharebus.event.market.AbnormalOperationsReason;
import org.sharebus.event.market.AnnualReportFiled;
import org.sharebus.notice.NoticeRaised;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.EnterpriseStatus;
import org.sharebus.seeds.generate.EnterpriseEvents;
import org.sharebus.seeds.generate.SeedEvent;
import org.sharebus.seeds.generate.SeedGenerator;
import org.sharebus.seeds.generate.SeedParameters;

/**
 * The seed city as {@code ./sharebus} loads it on a given day (the data set as of that day, the
 * demo's history cutoff) through the real profile topology, its wall clock on that day: the risk
 * classes are spread from A to D with A the most, and customs and commerce are told of the report
 * years the city's enterprises did not file on time, each once, and of no other. Also when the
 * builder reads the other departments' topics ahead of market supervision's (each topic is read in
 * order, but not the five together: the one-command bus's load showed it).
 *
 * <p>A measurement too: {@code -Dsharebus.test.city-enterprises=20000} runs the whole default
 * city (about 25 minutes a day here; 400 enterprises by default) and prints the counts
 * ({@code CITY …} in the test's output), as docs/seeds.md quotes them.
 */
class SeededCityProfilesTest {

    private static final ZoneId HANGZHOU = ZoneId.of("Asia/Shanghai");
    private static final int ENTERPRISES = Integer.getInteger("sharebus.test.city-enterprises", 400);
    /** DemoDefaults' history cutoff. */
    private static final Period DEMO_CUTOFF = Period.parse((String) DemoDefaults.DEMO.get("sharebus.rules.notices.history-cutoff"));
    private static final Pattern YEAR = Pattern.compile("annual report for (\\d{4}) not filed");

    @ParameterizedTest(name = "loaded on {0}, market supervision''s topic read last: {1}")
    @CsvSource({"2026-11-30, false", "2028-03-01, false", "2026-11-30, true"})
    void shouldSpreadTheClassesFromAToDAndTellOfEachReportYearNotFiledOnTimeWhenTheCityIsLoadedOn(String day, boolean marketLast) {
        // given the city made on the day it is loaded, read by the profile builder on that day
        LocalDate loadDay = LocalDate.parse(day);
        Instant now = loadDay.atTime(10, 0).atZone(HANGZHOU).toInstant();
        SeedParameters parameters = SeedParameters.asOf(loadDay).withEnterprises(ENTERPRISES);
        Map<String, Integer> classes = new TreeMap<>(Map.of("A", 0, "B", 0, "C", 0, "D", 0));
        Map<String, Integer> notices = new TreeMap<>();
        Set<String> notFiledOnTime = new HashSet<>();
        Set<String> listedWithinCutoff = new HashSet<>();
        Set<String> toldCustoms = new HashSet<>();
        Set<String> toldCommerce = new HashSet<>();
        int active = 0;

        // when every enterprise's events are read
        try (ProfileDriver driver = ProfileDriver.withHistoryCutoff(now, DEMO_CUTOFF)) {
            for (EnterpriseEvents story : new SeedGenerator(parameters)) {
                String uscc = story.enterprise().uscc().value();
                for (SeedEvent event : story.events()) {
                    if (!marketLast || event.department() != Department.MARKET) {
                        driver.pipe(event.value());
                    }
                }
                if (marketLast) {
                    story.events().stream().filter(event -> event.department() == Department.MARKET).forEach(event -> driver.pipe(event.value()));
                }
                yearsNotFiledOnTime(story, parameters, loadDay).forEach(year -> notFiledOnTime.add(uscc + " " + year));
                for (SeedEvent event : story.events()) {
                    if (event.payload() instanceof AbnormalOperationsListed listed && listed.getReason() == AbnormalOperationsReason.NO_ANNUAL_REPORT
                            && !listed.getDecidedOn().plus(DEMO_CUTOFF).isBefore(loadDay)) {
                        // listed within 10 working days of 30 June of the year after the report year
                        listedWithinCutoff.add(uscc + " " + (listed.getDecidedOn().getYear() - 1));
                    }
                }
                EnterpriseProfile profile = driver.profile(uscc);
                if (profile.getIdentity().getStatus() == EnterpriseStatus.ACTIVE) {
                    active++;
                    classes.merge(profile.getRisk().getRiskClass().name(), 1, Integer::sum);
                }
                for (var record : driver.notices()) {
                    if (record.value().getPayload() instanceof NoticeRaised raised) {
                        notices.merge(raised.getRuleCode() + "→" + raised.getTargetDepartment(), 1, Integer::sum);
                        Matcher year = YEAR.matcher(raised.getSummaryEn());
                        if (raised.getRuleCode().equals("ANNUAL_REPORT_MISSING") && year.find()) {
                            (raised.getTargetDepartment() == Department.CUSTOMS ? toldCustoms : toldCommerce)
                                    .add(uscc + " " + year.group(1));
                        }
                    }
                }
                driver.discardOutputs();
            }
        }
        System.out.printf("CITY %s%s: %,d enterprises (%,d active), classes of the active %s, notices raised %s%n", day,
                marketLast ? " (market last)" : "", ENTERPRISES, active, classes, notices);

        // then every class has enterprises, A the most, and far more than half
        assertThat(classes.values()).allMatch(count -> count > 0);
        assertThat(classes.get("A")).isGreaterThan(active / 2);
        // and customs and commerce are each told once of every year listed as not filed within the cutoff, of no year filed on time
        assertThat(toldCustoms).isEqualTo(toldCommerce).containsAll(listedWithinCutoff).isSubsetOf(notFiledOnTime);
        assertThat(notices.get("ANNUAL_REPORT_MISSING→CUSTOMS")).isEqualTo(toldCustoms.size());
    }

    /** The report years of the profile's look-back that had no filing by their deadline. */
    private static Set<Integer> yearsNotFiledOnTime(EnterpriseEvents story, SeedParameters parameters, LocalDate loadDay) {
        Set<Integer> years = new HashSet<>();
        for (int year = parameters.firstHistoryReportYear(); year <= parameters.latestDueReportYear(); year++) {
            int reportYear = year;
            boolean onTime = story.events().stream().map(SeedEvent::payload).filter(AnnualReportFiled.class::isInstance)
                    .map(AnnualReportFiled.class::cast).anyMatch(r -> r.getReportYear() == reportYear && !r.getLate());
            if (!onTime) {
                years.add(year);
            }
        }
        return years;
    }
}
