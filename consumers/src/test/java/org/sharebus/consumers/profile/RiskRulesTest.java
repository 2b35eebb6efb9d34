package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharebus.consumers.profile.Events.ENTERPRISE;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.event.EventExamples;
import org.sharebus.event.credit.SeriousDishonestListType;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsCreditClass;
import org.sharebus.event.market.EnterpriseRevoked;
import org.sharebus.event.market.InspectionResultCode;
import org.sharebus.event.market.PenaltyType;
import org.sharebus.event.market.SeriousDishonestyBasis;
import org.sharebus.event.market.SeriousDishonestyListed;
import org.sharebus.event.tax.AbnormalTaxpayerListed;
import org.sharebus.event.tax.TaxCreditLevel;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.RiskFactor;

/**
 * Each scoring rule of the rules table, alone: the fact that triggers it, the factor it adds with
 * the table's points, description and legal source, and the facts that must not trigger it.
 */
class RiskRulesTest {

    private static final Instant NOW = EventExamples.at(2026, 8, 1, 9, 0);
    private static final LocalDate MAY = LocalDate.of(2026, 5, 1);
    private static final Rules RULES = TestRules.standard();

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("SERIOUS_LIST_MARKET", "SAMR serious illegal and dishonest list since 2026-05-01", Events.market(MAY,
                        SeriousDishonestyListed.newBuilder().setBasis(SeriousDishonestyBasis.HEAVY_PENALTY).setGrounds("g")
                                .setDecisionNo("S-1").setDecidedOn(MAY).build(), "S-1")),
                rule("SERIOUS_LIST_COURT", "court dishonest-debtor list since 2026-05-01",
                        Events.creditListed(SeriousDishonestListType.COURT_DEBTOR, MAY, "(2026)浙0106执1号")),
                rule("SERIOUS_LIST_OTHER", "statutory serious-dishonesty list TAX_MAJOR_VIOLATION since 2026-05-01",
                        Events.creditListed(SeriousDishonestListType.TAX_MAJOR_VIOLATION, MAY, null)),
                rule("CUSTOMS_DISHONEST", "customs SERIOUS_DISHONEST", Events.customsClass(CustomsCreditClass.SERIOUS_DISHONEST, MAY)),
                rule("CUSTOMS_AEO", "customs AEO ADVANCED_CERTIFIED", Events.customsClass(CustomsCreditClass.ADVANCED_CERTIFIED, MAY)),
                rule("ABNORMAL_LIST", "abnormal list since 2026-05-01", Events.abnormalListed("L-1", MAY)),
                rule("ABNORMAL_LIST_OVERDUE", "abnormal list over three years, due for the serious list (since 2023-05-01)",
                        Events.abnormalListed("L-0", LocalDate.of(2023, 5, 1))),
                rule("MARKET_PENALTY", "penalty P-1 in publicity",
                        Events.penalty("P-1", MAY, new BigDecimal("50000.00"), PenaltyType.FINE)),
                rule("CUSTOMS_SMUGGLING_PENALTY", "customs smuggling penalty C-1",
                        Events.customsPenalty("C-1", CustomsCaseType.SMUGGLING, MAY)),
                rule("CUSTOMS_PENALTY", "customs penalty C-2", Events.customsPenalty("C-2", CustomsCaseType.REGULATORY_VIOLATION, MAY)),
                rule("LICENCE_REVOKED", "business licence revoked on 2026-05-01",
                        Events.market(MAY, EnterpriseRevoked.newBuilder().setRevokedOn(MAY).setDecisionNo("R-1").build(), "R-1")),
                rule("ANNUAL_REPORT_MISSING", "annual report 2025 missing", Events.registered(LocalDate.of(2025, 2, 1))),
                rule("ANNUAL_REPORT_LATE", "annual report 2025 filed late", Events.annualReport(2025, LocalDate.of(2026, 7, 3), true)),
                rule("TAX_CREDIT_D", "tax credit level D (2025)", Events.taxLevel(2025, TaxCreditLevel.D, MAY)),
                rule("TAX_CREDIT_C", "tax credit level C (2025)", Events.taxLevel(2025, TaxCreditLevel.C, MAY)),
                rule("TAX_CREDIT_A", "tax credit level A (2025)", Events.taxLevel(2025, TaxCreditLevel.A, MAY)),
                rule("ABNORMAL_TAXPAYER", "abnormal taxpayer since 2026-05-01", Events.tax(MAY,
                        AbnormalTaxpayerListed.newBuilder().setListedOn(MAY).setReason("查无下落").build())),
                rule("INSPECTION_PROBLEM", "latest inspection found a problem: UNREACHABLE_AT_REGISTERED_ADDRESS",
                        Events.inspection("T-1", MAY, InspectionResultCode.UNREACHABLE_AT_REGISTERED_ADDRESS)),
                rule("INSPECTION_REFUSED", "latest inspection: serious refusal to cooperate",
                        Events.inspection("T-2", MAY, InspectionResultCode.SERIOUS_REFUSAL_TO_COOPERATE)));
    }

    private static Arguments rule(String id, String description, SpecificRecord event) {
        return Arguments.of(id, description, event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void shouldAddFactorFromRulesTableWhenRuleApplies(String ruleId, String description, SpecificRecord event) {
        // given
        try (ProfileDriver driver = new ProfileDriver(NOW)) {

            // when
            driver.pipe(event);

            // then
            EnterpriseProfile profile = driver.profile(ENTERPRISE.uscc().value());
            Rules.RiskRule rule = RULES.risk().rule(ruleId);
            RiskFactor factor = profile.getRisk().getFactors().stream().filter(f -> f.getRuleId().equals(ruleId)).findFirst().orElseThrow();
            assertThat(factor.getPoints()).isEqualTo(rule.points());
            assertThat(factor.getDescriptionEn()).isEqualTo(description);
            assertThat(factor.getDescriptionZh()).doesNotContain("{since}", "{ref}");
            assertThat(factor.getLegalSource()).isEqualTo(rule.source());
            assertThat(profile.getRisk().getScore()).isEqualTo(profile.getRisk().getFactors().stream().mapToInt(RiskFactor::getPoints).sum());
        }
    }

    @Test
    void shouldCoverEveryRuleOfTheTableWhenScenariosAreListed() {
        // given
        List<Object> covered = rules().map(a -> a.get()[0]).toList();

        // then
        assertThat(covered).containsExactlyInAnyOrderElementsOf(RiskEvaluator.RULE_IDS);
        assertThat(RULES.risk().rules().keySet()).containsExactlyInAnyOrderElementsOf(RiskEvaluator.RULE_IDS);
    }

    static Stream<Arguments> harmless() {
        return Stream.of(
                Arguments.of("warning only (not published)", Events.penalty("P-W", MAY, null, PenaltyType.WARNING)),
                Arguments.of("customs REGULAR", Events.customsClass(CustomsCreditClass.REGULAR, MAY)),
                Arguments.of("tax level B", Events.taxLevel(2025, TaxCreditLevel.B, MAY)),
                Arguments.of("annual report on time", Events.annualReport(2025, LocalDate.of(2026, 3, 3), false)),
                Arguments.of("inspection found nothing", Events.inspection("T-3", MAY, InspectionResultCode.NO_PROBLEM_FOUND)),
                Arguments.of("court listing that ended", Events.creditListed(SeriousDishonestListType.COURT_DEBTOR,
                        LocalDate.of(2024, 7, 31), "(2024)浙0106执9号")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("harmless")
    void shouldAddNoFactorWhenFactCarriesNoRisk(String what, SpecificRecord event) {
        // given
        try (ProfileDriver driver = new ProfileDriver(NOW)) {

            // when
            driver.pipe(event);

            // then
            assertThat(driver.profile(ENTERPRISE.uscc().value()).getRisk().getExplanation()).isEqualTo("A: no risk factor");
        }
    }

    /** Facts of each other department that would score, each published INTERNAL by its department. */
    static Stream<Arguments> keptByAnotherDepartment() {
        return Stream.of(
                Arguments.of("customs smuggling penalty", Events.customsPenalty("C-9", CustomsCaseType.SMUGGLING, MAY)),
                Arguments.of("customs SERIOUS_DISHONEST", Events.customsClass(CustomsCreditClass.SERIOUS_DISHONEST, MAY)),
                Arguments.of("court listing", Events.creditListed(SeriousDishonestListType.COURT_DEBTOR, MAY, "(2026)浙0106执9号")),
                Arguments.of("tax level D", Events.taxLevel(2025, TaxCreditLevel.D, MAY)),
                Arguments.of("abnormal taxpayer", Events.tax(MAY, AbnormalTaxpayerListed.newBuilder().setListedOn(MAY).setReason("查无下落").build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keptByAnotherDepartment")
    void shouldScoreNothingWhenAnotherDepartmentKeepsItsFactInternal(String what, SpecificRecord event) {
        // given a fact that scores when shared, marked INTERNAL by a department other than the class's own (market)
        try (ProfileDriver driver = new ProfileDriver(NOW)) {

            // when
            driver.pipe(Events.internal(event));

            // then the fact is in the profile, for its own department, but the class market staff read shows nothing of it
            EnterpriseProfile profile = driver.profile(ENTERPRISE.uscc().value());
            assertThat(profile.getEventCount()).isZero();
            assertThat(profile.getInternalEvents()).singleElement().satisfies(own -> assertThat(own.getEventCount()).isEqualTo(1));
            assertThat(profile.getRisk().getFactors()).isEmpty();
            assertThat(profile.getRisk().getExplanation()).isEqualTo("A: no risk factor");
            assertThat(profile.getRisk().getExplanationZh()).isEqualTo("A 类：无风险因素");
        }
    }

    @Test
    void shouldScoreNothingOfAnInternalCustomsClassWhenAPublicCustomsFilingFollows() {
        // given customs keeps a SERIOUS_DISHONEST class to itself, then publishes the enterprise's filing
        try (ProfileDriver driver = new ProfileDriver(NOW)) {

            // when
            driver.pipe(Events.internal(Events.customsClass(CustomsCreditClass.SERIOUS_DISHONEST, MAY)));
            driver.pipe(Events.customs(MAY.plusDays(3), org.sharebus.event.customs.CustomsFilingRegistered.newBuilder()
                    .setCustomsCode("3301960001").setRegisteredCustoms("杭州海关").setBusinessCategory("进出口货物收发货人")
                    .setRegisteredOn(MAY.plusDays(3)).build()));

            // then the class still follows the event that set it: the later filing does not make it score
            assertThat(driver.profile(ENTERPRISE.uscc().value()).getRisk().getFactors()).isEmpty();
        }
    }

    @Test
    void shouldScoreMarketsOwnInternalFactWhenClassIsMarkets() {
        // given the risk department (market supervision) keeps a penalty to itself
        try (ProfileDriver driver = new ProfileDriver(NOW)) {

            // when
            driver.pipe(Events.internal(Events.penalty("P-I", MAY, new BigDecimal("50000.00"), PenaltyType.FINE)));

            // then it scores: the class and its factors are market's own INTERNAL fact
            assertThat(driver.profile(ENTERPRISE.uscc().value()).getRisk().getFactors()).extracting(RiskFactor::getRuleId)
                    .containsExactly("MARKET_PENALTY");
        }
    }

    @Test
    void shouldPublishReprimandForThreeMonthsAndHeavyFineForThreeYearsWhenPenaltiesAreDecided() {
        // given
        try (ProfileDriver driver = new ProfileDriver(NOW)) {

            // when
            driver.pipe(Events.penalty("P-R", MAY, null, PenaltyType.REPRIMAND),
                    Events.penalty("P-S", MAY, new BigDecimal("10000.00"), PenaltyType.FINE),
                    Events.penalty("P-H", MAY, new BigDecimal("10000.01"), PenaltyType.FINE),
                    Events.penalty("P-X", MAY, new BigDecimal("100.00"), PenaltyType.FINE, PenaltyType.CONFISCATION));

            // then each is published to the day three months or three years on, and off from the day after
            Map<String, LocalDate> ends = new java.util.HashMap<>();
            driver.profile(ENTERPRISE.uscc().value()).getPenalties().forEach(p -> ends.put(p.getDecisionNo(), p.getPublicityEndsOn()));
            assertThat(ends).containsEntry("P-R", LocalDate.of(2026, 8, 2)).containsEntry("P-S", LocalDate.of(2026, 8, 2))
                    .containsEntry("P-H", LocalDate.of(2029, 5, 2)).containsEntry("P-X", LocalDate.of(2029, 5, 2));
        }
    }
}
