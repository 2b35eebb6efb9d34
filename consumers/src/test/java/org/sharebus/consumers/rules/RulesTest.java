package org.sharebus.consumers.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.io.ClassPathResource;

/** The rules table as the application binds it. */
class RulesTest {

    @Test
    void shouldBindEveryPeriodWithItsLegalSourceWhenRulesTableIsLoaded() {
        // when
        Rules rules = TestRules.standard();

        // then
        assertThat(rules.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(rules.publicity().minorPenalty().length()).isEqualTo(Period.ofMonths(3));
        assertThat(rules.publicity().otherPenalty().length()).isEqualTo(Period.ofYears(3));
        assertThat(rules.publicity().customsPenalty().length()).isEqualTo(Period.ofYears(5));
        assertThat(rules.publicity().otherPenalty().source()).contains("市场监管总局令第45号");
        assertThat(rules.listings().abnormalEscalation().length()).isEqualTo(Period.ofYears(3));
        assertThat(rules.listings().seriousEarlyExit().length()).isEqualTo(Period.ofYears(1));
        assertThat(rules.listings().seriousAutoExit().source()).contains("市场监管总局令第44号");
        assertThat(rules.listings().courtListing().length()).isEqualTo(Period.ofYears(2));
        assertThat(rules.annualReports().deadline(2025)).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(rules.risk().classes().d()).isGreaterThan(rules.risk().classes().c());
        assertThat(rules.risk().rules().values()).allSatisfy(rule -> {
            assertThat(rule.source()).isNotBlank();
            assertThat(rule.zh()).isNotBlank();
            assertThat(rule.en()).isNotBlank();
        });
    }

    @Test
    void shouldNameMissingPropertyWhenTableLacksAPeriod() {
        // when / then
        assertThatThrownBy(() -> TestRules.bind(new ClassPathResource("rules-without-court-listing.yml")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("sharebus.rules.listings.court-listing is missing from the rules table (rules.yml)");
    }

    @Test
    void shouldNameMissingRuleWhenScoringRuleIsLookedUp() {
        // given
        Rules rules = TestRules.standard();

        // when / then
        assertThatThrownBy(() -> rules.risk().rule("NO_SUCH_RULE"))
                .hasMessage("sharebus.rules.risk.rules.NO_SUCH_RULE is missing from the rules table");
    }
}
