package org.sharebus.consumers.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.profile.Events;
import org.sharebus.consumers.profile.ProfileDriver;
import org.sharebus.consumers.visibility.ProfileVisibility;
import org.sharebus.event.EventExamples;
import org.sharebus.event.common.Department;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.market.CancelType;
import org.sharebus.event.market.EnterpriseDeregistered;
import org.sharebus.event.market.PenaltyType;
import org.sharebus.event.tax.TaxCreditLevel;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the profile page shows each department: a profile the real builder made from events, answered
 * as the API answers the page on the member of staff's department's behalf ({@link ProfileVisibility#json},
 * through JSON as {@link ProfileSource} reads it), arranged by {@link ProfileView}. This is where a fact
 * kept INTERNAL by its department could reach another's screen.
 */
class ProfileViewTest {

    private static final StaffMember MARKET = new StaffMember("market-staff", Department.MARKET);
    private static final StaffMember CUSTOMS = new StaffMember("customs-staff", Department.CUSTOMS);
    private static final StaffMember TAX = new StaffMember("tax-staff", Department.TAX);
    private static final String MARKET_PENALTY = "杭西市监罚〔2026〕1号";
    private static final String CUSTOMS_PENALTY = "杭关缉违字〔2026〕9号";
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final ProfileDriver driver = new ProfileDriver(EventExamples.at(2026, 8, 1, 9, 0));

    @AfterEach
    void close() {
        driver.close();
    }

    /** The registration and a market penalty, public; a customs penalty customs kept to itself. */
    private void penalties() {
        driver.pipe(Events.registered(LocalDate.of(2019, 3, 1)),
                Events.penalty(MARKET_PENALTY, LocalDate.of(2026, 5, 1), new BigDecimal("50000.00"), PenaltyType.FINE),
                Events.internal(Events.customsPenalty(CUSTOMS_PENALTY, CustomsCaseType.SMUGGLING, LocalDate.of(2026, 5, 2))));
    }

    @Test
    void shouldKeepCustomsInternalPenaltyFromMarketStaffWhenCustomsMarkedItInternal() {
        // given
        penalties();

        // when
        ProfileView view = view(MARKET);

        // then market staff see their own penalty, the class (theirs) and nothing of the customs one
        assertThat(decisionNos(view)).containsExactly(MARKET_PENALTY);
        assertThat(view.departments()).extracting(ProfileView.DepartmentFacts::department).doesNotContain("CUSTOMS");
        assertThat(view.timeline()).extracting(f -> f.value("eventType")).doesNotContain("CustomsPenaltyDecided")
                .contains("AdministrativePenaltyDecided");
        assertThat(view.risk()).isNotNull();
        assertThat(view.riskHidden()).isFalse();
    }

    @Test
    void shouldShowCustomsItsOwnInternalPenaltyAndHideTheRiskClassWhenCustomsReads() {
        // given
        penalties();

        // when
        ProfileView view = view(CUSTOMS);

        // then customs sees both penalties and both entries, but not market's class
        assertThat(decisionNos(view)).containsExactlyInAnyOrder(MARKET_PENALTY, CUSTOMS_PENALTY);
        assertThat(view.timeline()).extracting(f -> f.value("eventType")).contains("CustomsPenaltyDecided", "AdministrativePenaltyDecided");
        assertThat(view.risk()).isNull();
        assertThat(view.riskHidden()).isTrue();
    }

    @Test
    void shouldShowCustomsTheStatusItKnewAndMarketItsOwnWhenMarketKeptADeregistrationToItself() {
        // given the registration, public, then a deregistration market supervision kept to itself
        driver.pipe(Events.registered(LocalDate.of(2019, 3, 1)));
        driver.pipe(Events.internal(Events.market(LocalDate.of(2026, 7, 15), EnterpriseDeregistered.newBuilder()
                .setCancelType(CancelType.SIMPLIFIED).setDeregisteredOn(LocalDate.of(2026, 7, 15)).build(), null)));

        // when customs staff and market staff read it
        ProfileView customs = view(CUSTOMS);
        ProfileView market = view(MARKET);

        // then customs sees the status it was told of, from the public registration; market its own
        assertThat(customs.status()).isEqualTo("ACTIVE");
        assertThat(customs.identityAsOf()).isEqualTo("2019-03-01 10:00");
        assertThat(market.status()).isEqualTo("DEREGISTERED");
        assertThat(market.identityAsOf()).isEqualTo("2026-07-15 10:00");
        assertThat(customs.timeline()).extracting(f -> f.value("eventType")).doesNotContain("EnterpriseDeregistered");
    }

    @Test
    void shouldShowCustomsTheTaxCreditLevelTheyKnewAndTaxItsOwnWhenTaxKeptTheNewerOneToItself() {
        // given the 2026 level, which tax kept to itself, over the 2025 one every department was told of
        driver.pipe(Events.registered(LocalDate.of(2019, 3, 1)), Events.taxLevel(2025, TaxCreditLevel.A, LocalDate.of(2026, 4, 20)),
                Events.internal(Events.taxLevel(2026, TaxCreditLevel.C, LocalDate.of(2026, 5, 4))));

        // when customs staff and tax staff read it
        ProfileView customs = view(CUSTOMS);
        ProfileView own = view(TAX);

        // then customs sees 2025's A; tax sees its 2026 C; neither sees the bookkeeping as a section
        assertThat(taxCredit(customs)).extracting(f -> f.value("year"), f -> f.value("level"), ProfileView.Fact::asOf)
                .containsExactly("2025", "A", "2026-04-20 10:00");
        assertThat(taxCredit(own)).extracting(f -> f.value("year"), f -> f.value("level")).containsExactly("2026", "C");
        assertThat(customs.departments()).flatExtracting(ProfileView.DepartmentFacts::sections).extracting(ProfileView.Section::section)
                .doesNotContain("shared");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowNeitherStatusNorSourceOfAnIdentityWhenTheAnswerHasNone() {
        // given an answer without an identity (a profile written before the shared facts were kept, whose identity an
        // event another department kept to itself set)
        Map<String, Object> answer = JSON.readValue("""
                {"uscc": "91330106MA2B2C3D4E", "name": "杭州西溪数字科技有限公司", "penalties": [], "timeline": []}""", Map.class);

        // when
        ProfileView view = ProfileView.of(answer);

        // then no status, no rows and no source or time of it
        assertThat(view.status()).isNull();
        assertThat(view.identity()).isEmpty();
        assertThat(view.identitySource()).isNull();
        assertThat(view.identityAsOf()).isNull();
    }

    /** The page's view for the member of staff, of the enterprise's profile as the API answers their department. */
    @SuppressWarnings("unchecked")
    private ProfileView view(StaffMember staff) {
        Map<String, Object> answer = ProfileVisibility.json(driver.profile(Events.ENTERPRISE.uscc().value()), staff.department(),
                Department.MARKET);
        return ProfileView.of(JSON.readValue(JSON.writeValueAsString(answer), Map.class));
    }

    private static ProfileView.Fact taxCredit(ProfileView view) {
        return view.departments().stream().flatMap(d -> d.sections().stream()).filter(s -> s.section().equals("taxCredit"))
                .flatMap(s -> s.facts().stream()).findFirst().orElseThrow();
    }

    private static List<String> decisionNos(ProfileView view) {
        return view.departments().stream()
                .flatMap(d -> d.sections().stream())
                .filter(s -> s.section().equals("penalties"))
                .flatMap(s -> s.facts().stream())
                .map(f -> f.value("decisionNo"))
                .toList();
    }
}
