package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharebus.consumers.profile.Events.ENTERPRISE;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharebus.event.EventExamples;
import org.sharebus.event.market.PenaltyType;
import org.sharebus.event.market.SeriousDishonestyBasis;
import org.sharebus.event.market.SeriousDishonestyListed;
import org.sharebus.profile.AnnualReport;
import org.sharebus.profile.AnnualReportStatus;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.RiskFactor;

/**
 * Periods counted as the Civil Code counts them (民法典 Arts. 201, 202): the first day is not counted,
 * the last is the corresponding day, or the month's end where there is none; and the 30 June
 * deadline of an annual report applied to the day it was filed. Each test is on the last day of a
 * period and then on the day after.
 */
class LegalPeriodsTest {

    private static final String USCC = ENTERPRISE.uscc().value();

    @Test
    void shouldKeepASmallFinePublishedOnTheLastDayOfItsThreeMonthsAndEndItTheDayAfter() {
        // given a 5,000 yuan fine decided on 15 January (SAMR Order 45: a small fine is published for 3 months)
        try (ProfileDriver driver = new ProfileDriver(EventExamples.at(2026, 4, 15, 9, 0))) {
            driver.pipe(Events.penalty("杭西市监罚〔2026〕1号", LocalDate.of(2026, 1, 15), new BigDecimal("5000.00"), PenaltyType.FINE));

            // then on 15 April, its last day, it is published and scores; from 16 April it is not
            assertThat(driver.profile(USCC).getPenalties().get(0).getPublicityEndsOn()).isEqualTo(LocalDate.of(2026, 4, 16));
            assertThat(factors(driver.profile(USCC))).contains("MARKET_PENALTY");
            driver.advance(Duration.ofDays(1));
            assertThat(factors(driver.profile(USCC))).doesNotContain("MARKET_PENALTY");
        }
    }

    @Test
    void shouldPublishAPracticeRestrictionLongerThanThreeYearsForAsLongAsItLasts() {
        // given two decisions of 1 March 2026: practice restricted to 28 February 2031 (5 years), and a 2-year restriction
        try (ProfileDriver driver = new ProfileDriver(EventExamples.at(2026, 3, 2, 9, 0))) {
            LocalDate decided = LocalDate.of(2026, 3, 1);
            driver.pipe(restriction("杭西市监罚〔2026〕8号", decided, LocalDate.of(2031, 2, 28)),
                    restriction("杭西市监罚〔2026〕9号", decided, LocalDate.of(2028, 2, 29)));

            // then the first is published until the restriction's last day (SAMR Order 45 Art. 13), the second for the 3 years
            assertThat(driver.profile(USCC).getPenalties()).extracting(p -> p.getDecisionNo() + " " + p.getPublicityEndsOn())
                    .containsExactlyInAnyOrder("杭西市监罚〔2026〕8号 2031-03-01", "杭西市监罚〔2026〕9号 2029-03-02");
        }
    }

    private static org.sharebus.event.market.MarketEvent restriction(String decisionNo, LocalDate decided, LocalDate until) {
        return Events.market(decided, org.sharebus.event.market.AdministrativePenaltyDecided.newBuilder().setDecisionNo(decisionNo)
                .setViolationType("生产销售不合格特种设备").setPenaltyTypes(List.of(PenaltyType.FINE, PenaltyType.PRACTICE_RESTRICTED))
                .setFineAmount(new BigDecimal("200000.00")).setSector(org.sharebus.event.market.PenaltySector.SPECIAL_EQUIPMENT)
                .setProcedure(org.sharebus.event.market.PenaltyProcedure.GENERAL).setDecidedOn(decided).setRestrictedUntil(until).build(),
                decisionNo);
    }

    @Test
    void shouldEscalateAnAbnormalListingOnlyTheDayAfterItsThirdAnniversary() {
        // given a listing of 1 May 2023 (still listed after 3 years: the serious list is due), on 1 May 2026
        try (ProfileDriver driver = new ProfileDriver(EventExamples.at(2026, 5, 1, 9, 0))) {
            driver.pipe(Events.abnormalListed("杭西市监异〔2023〕7号", LocalDate.of(2023, 5, 1)));

            // then it is not overdue on the anniversary, its last day, and is the day after
            assertThat(factors(driver.profile(USCC))).doesNotContain("ABNORMAL_LIST_OVERDUE");
            driver.advance(Duration.ofDays(1));
            assertThat(factors(driver.profile(USCC))).contains("ABNORMAL_LIST_OVERDUE");
        }
    }

    @Test
    void shouldEndThreeYearsOfALeapDayListingWithTheLastDayOfFebruary() {
        // given a listing of 29 February 2024: 2027 has no 29 February, so 28 February is the period's last day
        try (ProfileDriver driver = new ProfileDriver(EventExamples.at(2027, 2, 28, 9, 0))) {
            driver.pipe(Events.abnormalListed("杭西市监异〔2024〕9号", LocalDate.of(2024, 2, 29)));

            // then it is overdue from 1 March, not on 28 February
            assertThat(factors(driver.profile(USCC))).doesNotContain("ABNORMAL_LIST_OVERDUE");
            assertThat(driver.profile(USCC).getAbnormalListings().get(0).getEscalationDueOn()).isEqualTo(LocalDate.of(2027, 3, 1));
            driver.advance(Duration.ofDays(1));
            assertThat(factors(driver.profile(USCC))).contains("ABNORMAL_LIST_OVERDUE");
        }
    }

    @Test
    void shouldKeepASeriousListingInForceOnItsThirdAnniversary() {
        // given a SAMR serious listing of 1 May 2023 (removed after 3 years, SAMR Order 44), on 1 May 2026
        LocalDate listed = LocalDate.of(2023, 5, 1);
        try (ProfileDriver driver = new ProfileDriver(EventExamples.at(2026, 5, 1, 9, 0))) {
            driver.pipe(Events.market(listed, SeriousDishonestyListed.newBuilder().setBasis(SeriousDishonestyBasis.HEAVY_PENALTY)
                    .setGrounds("虚假宣传情节严重").setDecisionNo("杭西市监严〔2023〕1号").setDecidedOn(listed).build(), "杭西市监严〔2023〕1号"));

            // then it is in force and scores on its last day, and not from the day after
            assertThat(factors(driver.profile(USCC))).contains("SERIOUS_LIST_MARKET");
            driver.advance(Duration.ofDays(1));
            assertThat(factors(driver.profile(USCC))).doesNotContain("SERIOUS_LIST_MARKET");
        }
    }

    @Test
    void shouldCountAReportFiledAfterThirtiethOfJuneAsLateWhateverItsFlagSays() {
        // given an enterprise of 2020, on 1 August 2026
        try (ProfileDriver driver = new ProfileDriver(EventExamples.at(2026, 8, 1, 9, 0))) {
            driver.pipe(Events.registered(LocalDate.of(2020, 3, 1)));

            // when its 2025 report filed on 5 July comes with late=false, and its 2024 report filed on 30 June 2025 with late=true
            driver.pipe(Events.annualReport(2025, LocalDate.of(2026, 7, 5), false), Events.annualReport(2024, LocalDate.of(2025, 6, 30), true));

            // then 2025 is LATE and scores as late, 2024 is FILED on time
            List<AnnualReport> reports = driver.profile(USCC).getAnnualReports();
            assertThat(reports).filteredOn(r -> r.getYear() == 2025).singleElement().extracting(AnnualReport::getStatus)
                    .isEqualTo(AnnualReportStatus.LATE);
            assertThat(reports).filteredOn(r -> r.getYear() == 2024).singleElement().extracting(AnnualReport::getStatus)
                    .isEqualTo(AnnualReportStatus.FILED);
            assertThat(driver.profile(USCC).getRisk().getFactors()).filteredOn(f -> f.getRuleId().equals("ANNUAL_REPORT_LATE"))
                    .hasSize(1);
        }
    }

    private static List<String> factors(EnterpriseProfile profile) {
        return profile.getRisk().getFactors().stream().map(RiskFactor::getRuleId).toList();
    }
}
