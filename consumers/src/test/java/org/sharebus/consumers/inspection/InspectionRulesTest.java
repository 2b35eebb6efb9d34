package org.sharebus.consumers.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.inspection.InspectionItems;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

class InspectionRulesTest {

    /** The production rules table's inspection section, bound as the application binds it. */
    static InspectionRules standard() {
        return TestRules.section("inspection", InspectionRules.class);
    }

    @Test
    void shouldGiveEveryClassARatioWithSourcesAndTheLegalMinimumsWhenBindingTheRulesTable() {
        // when
        InspectionRules rules = standard();

        // then
        assertThat(rules.ratios().general().percent()).containsOnlyKeys(InspectionRules.RISK_CLASSES);
        assertThat(rules.ratios().key().d()).isEqualByComparingTo("100");
        assertThat(rules.ratios().general().source()).contains("the bus's own");
        assertThat(rules.inspectorsPerTask().count()).isEqualTo(2);
        assertThat(rules.inspectorsPerTask().source()).contains("第四十二条");
        assertThat(rules.disclosure().workingDays()).isEqualTo(20);
        assertThat(rules.disclosure().source()).contains("国发〔2019〕5号");
        assertThat(rules.publicInformation().minPercent()).isEqualByComparingTo("3");
        assertThat(rules.calendar().source()).contains("国务院办公厅关于2026年部分节假日安排的通知", "checked on 2026-11-30");
        assertThat(rules.calendar().holidays()).hasSize(33);
        // the notice's 调休 working days: 1 Jan's Sunday, two Saturdays around 春节, 9 May, 20 September and 10 October
        assertThat(rules.calendar().makeUpWorkingDays()).extracting(java.time.LocalDate::toString)
                .containsExactly("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
        assertThat(List.of("A", "B", "C", "D", "UNKNOWN")).extracting(rules.yearlyCap()::of).containsExactly(1, 1, 2, 0, 1);
        assertThat(rules.yearlyCap().of(null)).isEqualTo(1);
        assertThat(rules.yearlyCap().source()).contains("国办发〔2024〕54号");
    }

    @Test
    void shouldRaiseAPublicInformationCheckToThreePercentWhenTheClassRatioIsLower() {
        // given general class A at 1 %
        InspectionRules rules = bind(Map.of("ratios.general.A", "1"));

        // when
        BigDecimal publicInformation = rules.ratioPercent(InspectionItems.find("MKT-01").orElseThrow(), "A");
        BigDecimal registration = rules.ratioPercent(InspectionItems.find("MKT-02").orElseThrow(), "A");

        // then
        assertThat(publicInformation).isEqualByComparingTo("3");
        assertThat(registration).isEqualByComparingTo("1");
    }

    @Test
    void shouldNameTheRatioWhenAGeneralRatioExceedsTheCap() {
        // when / then
        assertThatThrownBy(() -> bind(Map.of("ratios.general.D", "35")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessage("sharebus.rules.inspection.ratios.general.D is 35 %, above general-max-percent 20 %"
                        + " (一般检查事项的抽查比例应严格控制)");
    }

    @Test
    void shouldRefuseARatioOfZeroWhenBinding() {
        // when / then: a class never sampled would be exempt from checks
        assertThatThrownBy(() -> bind(Map.of("ratios.key.A", "0")))
                .rootCause().hasMessage("sharebus.rules.inspection.ratios: a ratio is a percent above 0 and at most 100"
                        + " (no risk class is exempt from random inspections, 国市监信发〔2022〕6号), got 0");
    }

    @Test
    void shouldRefuseFewerThanTwoInspectorsPerTaskWhenBinding() {
        // when / then
        assertThatThrownBy(() -> bind(Map.of("inspectors-per-task.count", "1")))
                .rootCause().hasMessageContaining("inspectors-per-task.count must be at least 2 (行政处罚法第四十二条), got 1");
    }

    @Test
    void shouldNameTheRatioWhenItHasMoreThanTwoDecimalsWhenBinding() {
        // when / then: a plan records ratios with two decimals, so every draw of the item would fail
        assertThatThrownBy(() -> bind(Map.of("ratios.key.B", "10.125")))
                .rootCause().hasMessage("sharebus.rules.inspection.ratios.key.B is 10.125 %: a ratio has at most two decimals");
        assertThatThrownBy(() -> bind(Map.of("public-information.min-percent", "3.001")))
                .rootCause().hasMessageContaining("public-information.min-percent is 3.001 %");
        assertThat(bind(Map.of("ratios.general.A", "2.50")).ratios().general().a()).isEqualByComparingTo("2.5");
    }

    @Test
    void shouldSayWhichYearsTheCalendarCoversAndRefuseADayOfAnotherYearWhenBinding() {
        // when
        InspectionRules rules = standard();

        // then
        assertThat(rules.calendar().years()).containsExactly(2026);
        assertThat(rules.calendar().coveredUntil()).isEqualTo(java.time.LocalDate.of(2026, 12, 31));
        assertThatThrownBy(() -> bind(Map.of("calendar.years[0]", "2025")))
                .rootCause().hasMessageContaining("calendar lists 2026-01-01, but calendar.years [2025] does not include 2026");
    }

    /** The production table with some entries replaced (keys relative to sharebus.rules.inspection). */
    static InspectionRules bind(Map<String, String> overrides) {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("rules", new ClassPathResource("rules.yml"));
            Map<String, String> prefixed = new java.util.HashMap<>();
            overrides.forEach((key, value) -> prefixed.put("sharebus.rules.inspection." + key, value));
            List<org.springframework.boot.context.properties.source.ConfigurationPropertySource> all = new java.util.ArrayList<>();
            all.add(new MapConfigurationPropertySource(prefixed));
            ConfigurationPropertySources.from(sources).forEach(all::add);
            return new Binder(all).bind("sharebus.rules.inspection", InspectionRules.class).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
