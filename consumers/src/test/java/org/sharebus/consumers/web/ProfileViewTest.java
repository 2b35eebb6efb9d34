package org.sharebus.consumers.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sharebus.event.common.Department;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the profile page shows each department, from the profile as the API gives it to the page
 * (everything, JSON): the page filters for the member of staff itself, so this is where a fact
 * kept INTERNAL by its department could reach another's screen.
 */
class ProfileViewTest {

    private static final StaffMember MARKET = new StaffMember("market-staff", Department.MARKET);
    private static final StaffMember CUSTOMS = new StaffMember("customs-staff", Department.CUSTOMS);

    /** A market penalty published PUBLIC, a customs penalty customs kept INTERNAL, and their timeline entries. */
    private static final String PROFILE = """
            {"uscc": "91330106MA2B2C3D4E", "name": "杭州西溪数字科技有限公司",
             "identity": {"regionCode": "330106", "district": "西湖区", "status": "ACTIVE",
                          "origin": {"source": "MARKET", "eventId": "e-0", "asOf": "2026-05-01T02:00:00Z"}},
             "penalties": [
               {"decisionNo": "杭西市监罚〔2026〕1号", "kind": "ADMINISTRATIVE", "penaltyTypes": ["FINE"], "fineAmount": "50000.00",
                "decidedOn": "2026-05-01", "publicityEndsOn": "2029-05-01",
                "origin": {"source": "MARKET", "eventId": "e-1", "asOf": "2026-05-01T02:00:00Z"}},
               {"decisionNo": "杭关缉违字〔2026〕9号", "kind": "SMUGGLING", "penaltyTypes": [], "fineAmount": "80000.00",
                "decidedOn": "2026-05-02", "publicityEndsOn": null,
                "origin": {"source": "CUSTOMS", "eventId": "e-2", "asOf": "2026-05-02T02:00:00Z", "visibility": "INTERNAL"}}],
             "risk": {"riskClass": "B", "score": 15, "explanation": "B because: penalty +15", "explanationZh": "B 类，因为：处罚 +15",
                      "evaluatedAt": "2026-05-02T02:00:00Z",
                      "factors": [{"ruleId": "MARKET_PENALTY", "points": 15, "descriptionZh": "处罚", "descriptionEn": "penalty",
                                   "legalSource": "s", "since": "2026-05-01"}]},
             "timeline": [
               {"eventId": "e-2", "eventType": "CustomsPenaltyDecided", "source": "CUSTOMS", "occurredAt": "2026-05-02T02:00:00Z",
                "publishedAt": "2026-05-02T02:00:01Z", "summary": "海关处罚 杭关缉违字〔2026〕9号", "docNo": "杭关缉违字〔2026〕9号",
                "visibility": "INTERNAL"},
               {"eventId": "e-1", "eventType": "AdministrativePenaltyDecided", "source": "MARKET", "occurredAt": "2026-05-01T02:00:00Z",
                "publishedAt": "2026-05-01T02:00:01Z", "summary": "行政处罚 杭西市监罚〔2026〕1号", "docNo": "杭西市监罚〔2026〕1号"}]}
            """;

    @Test
    void shouldKeepCustomsInternalPenaltyFromMarketStaffWhenCustomsMarkedItInternal() {
        // when
        ProfileView view = ProfileView.of(profile(), MARKET, Department.MARKET);

        // then market staff see their own penalty, the class (theirs) and nothing of the customs one
        assertThat(decisionNos(view)).containsExactly("杭西市监罚〔2026〕1号");
        assertThat(view.departments()).extracting(ProfileView.DepartmentFacts::department).containsExactly("MARKET");
        assertThat(view.timeline()).extracting(f -> f.value("eventType")).containsExactly("AdministrativePenaltyDecided");
        assertThat(view.risk().riskClass()).isEqualTo("B");
        assertThat(view.riskHidden()).isFalse();
    }

    @Test
    void shouldShowCustomsItsOwnInternalPenaltyAndHideTheRiskClassWhenCustomsReads() {
        // when
        ProfileView view = ProfileView.of(profile(), CUSTOMS, Department.MARKET);

        // then customs sees both penalties and both entries, but not market's class
        assertThat(decisionNos(view)).containsExactlyInAnyOrder("杭西市监罚〔2026〕1号", "杭关缉违字〔2026〕9号");
        assertThat(view.timeline()).extracting(f -> f.value("eventType"))
                .containsExactly("CustomsPenaltyDecided", "AdministrativePenaltyDecided");
        assertThat(view.risk()).isNull();
        assertThat(view.riskHidden()).isTrue();
    }

    @Test
    void shouldShowNeitherStatusNorSourceOfAnIdentityMarketKeptToItselfWhenCustomsReads() {
        // given the enterprise's revocation, which market supervision published INTERNAL
        String revoked = PROFILE.replace("\"status\": \"ACTIVE\",", "\"status\": \"REVOKED\",")
                .replace("\"eventId\": \"e-0\", \"asOf\": \"2026-05-01T02:00:00Z\"}",
                        "\"eventId\": \"e-0\", \"asOf\": \"2026-05-01T02:00:00Z\", \"visibility\": \"INTERNAL\"}");
        assertThat(revoked).contains("REVOKED", "\"e-0\", \"asOf\": \"2026-05-01T02:00:00Z\", \"visibility\": \"INTERNAL\"");

        // when customs staff and market staff read it
        ProfileView customs = ProfileView.of(profile(revoked), CUSTOMS, Department.MARKET);
        ProfileView market = ProfileView.of(profile(revoked), MARKET, Department.MARKET);

        // then customs sees no status, no rows and no source or time of it; market sees its own
        assertThat(customs.status()).isNull();
        assertThat(customs.identity()).isEmpty();
        assertThat(customs.identitySource()).isNull();
        assertThat(customs.identityAsOf()).isNull();
        assertThat(market.status()).isEqualTo("REVOKED");
        assertThat(market.identitySource()).isEqualTo("MARKET");
    }

    @Test
    void shouldShowCustomsTheTaxCreditLevelTheyKnewAndTaxItsOwnWhenTaxKeptTheNewerOneToItself() {
        // given the 2026 level, which tax kept to itself, over the 2025 one every department was told of
        String kept = PROFILE.replace("\"risk\":", """
                "taxCredit": {"year": 2026, "level": "C",
                              "origin": {"source": "TAX", "eventId": "e-4", "asOf": "2026-05-04T02:00:00Z", "visibility": "INTERNAL"}},
                "shared": {"name": "杭州西溪数字科技有限公司",
                           "identity": {"regionCode": "330106", "district": "西湖区", "status": "ACTIVE",
                                        "origin": {"source": "MARKET", "eventId": "e-0", "asOf": "2026-05-01T02:00:00Z"}},
                           "taxCredit": {"year": 2025, "level": "A",
                                         "origin": {"source": "TAX", "eventId": "e-3", "asOf": "2026-04-20T02:00:00Z", "visibility": "SHARED"}},
                           "keptBy": [{"fact": "taxCredit", "source": "TAX"}]},
                "risk":""");
        StaffMember tax = new StaffMember("tax-staff", Department.TAX);

        // when customs staff and tax staff read it
        ProfileView customs = ProfileView.of(profile(kept), CUSTOMS, Department.MARKET);
        ProfileView own = ProfileView.of(profile(kept), tax, Department.MARKET);

        // then customs sees 2025's A; tax sees its 2026 C; neither sees the bookkeeping as a section
        assertThat(taxCredit(customs)).extracting(f -> f.value("year"), f -> f.value("level"), ProfileView.Fact::asOf)
                .containsExactly("2025", "A", "2026-04-20 10:00");
        assertThat(taxCredit(own)).extracting(f -> f.value("year"), f -> f.value("level")).containsExactly("2026", "C");
        assertThat(customs.departments()).flatExtracting(ProfileView.DepartmentFacts::sections).extracting(ProfileView.Section::section)
                .doesNotContain("shared");
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> profile() {
        return profile(PROFILE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> profile(String json) {
        return JsonMapper.builder().build().readValue(json, Map.class);
    }
}
