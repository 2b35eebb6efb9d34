package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.visibility.AvroJson;
import org.sharebus.consumers.visibility.ProfileVisibility;
import org.sharebus.event.EventExamples;
import org.sharebus.event.commerce.ServiceTradeReportSubmitted;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsCreditClass;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.customs.CustomsFilingRegistered;
import org.sharebus.event.market.CancelType;
import org.sharebus.event.market.ChangeItem;
import org.sharebus.event.market.EnterpriseChanged;
import org.sharebus.event.market.EnterpriseDeregistered;
import org.sharebus.event.tax.TaxCreditLevel;
import org.sharebus.profile.EnterpriseProfile;

/**
 * What each department gets of a profile through the API: the schema's data classes, the fact's
 * source. The food company of the examples has a credit repair (CREDIT's, with INTERNAL references
 * to the repaired record), a pending removal (derived, INTERNAL) and a risk class (MARKET's).
 */
class ProfileVisibilityTest {

    private ProfileDriver driver;
    private EnterpriseProfile foods;

    @BeforeEach
    void build() {
        driver = new ProfileDriver(EventExamples.at(2026, 8, 1, 9, 0));
        EventExamples.all().forEach(example -> driver.pipe(example.event()));
        foods = driver.profile(EventExamples.GONGSHU_FOODS.uscc().value());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldHideRiskAndOthersInternalFieldsWhenCustomsAsks() {
        // when
        Map<String, Object> customs = ProfileVisibility.json(foods, Department.CUSTOMS, Department.MARKET);

        // then the risk class, the repair's references and the derived bookkeeping are gone
        assertThat(customs).doesNotContainKey("risk");
        assertThat(list(customs, "creditRepairs")).singleElement().satisfies(repair -> {
            assertThat(repair).containsEntry("recordType", "ADMINISTRATIVE_PENALTY").containsKey("origin")
                    .doesNotContainKeys("repairedEventId", "repairedDocNo");
        });
        assertThat(list(customs, "pendingRemovals")).isEmpty();
        // and what is PUBLIC or SHARED is there as the whole profile has it
        Map<String, Object> whole = AvroJson.of(foods);
        for (String shown : List.of("uscc", "name", "identity", "seriousListings", "timeline", "eventCount", "jointMeasures")) {
            assertThat(customs.get(shown)).as(shown).isEqualTo(whole.get(shown));
        }
        assertThat(list(whole, "pendingRemovals")).isNotEmpty();
    }

    @Test
    void shouldKeepACustomsClassKeptInternalFromOthersWhenALaterFilingIsPublic() {
        // given customs classed the enterprise DISHONEST for its own staff only, then published its filing
        driver.pipe(Events.internal(Events.customsClass(CustomsCreditClass.DISHONEST, LocalDate.of(2026, 7, 1))));
        driver.pipe(Events.customs(LocalDate.of(2026, 7, 2), CustomsFilingRegistered.newBuilder().setCustomsCode("3301960001")
                .setRegisteredCustoms("杭州海关").setBusinessCategory("进出口货物收发货人").setRegisteredOn(LocalDate.of(2026, 7, 2)).build()));
        EnterpriseProfile xixi = driver.profile(Events.ENTERPRISE.uscc().value());

        // when tax and customs ask
        Map<String, Object> tax = ProfileVisibility.json(xixi, Department.TAX, Department.MARKET);
        Map<String, Object> customs = ProfileVisibility.json(xixi, Department.CUSTOMS, Department.MARKET);

        // then tax sees the filing as if no class had come (none, no date, no event behind it); customs sees all of it
        assertThat(map(tax, "customs")).containsEntry("customsCode", "3301960001").containsEntry("creditClass", null)
                .containsEntry("creditClassSince", null).containsEntry("aeoCode", null).containsEntry("creditClassOrigin", null);
        assertThat(map(customs, "customs")).containsEntry("customsCode", "3301960001").containsEntry("creditClass", "DISHONEST")
                .containsKey("creditClassOrigin");

        // and once customs publishes a class for everyone, everyone sees it
        driver.pipe(Events.customsClass(CustomsCreditClass.REGULAR, LocalDate.of(2026, 7, 20)));
        xixi = driver.profile(Events.ENTERPRISE.uscc().value());
        assertThat(map(ProfileVisibility.json(xixi, Department.TAX, Department.MARKET), "customs")).containsEntry("creditClass", "REGULAR");
    }

    @Test
    void shouldShowAPublicCustomsClassThatFollowsAnInternalOneWhenCustomsHasFiledNothing() {
        // given customs classed the enterprise for its own staff only, then published a class for everyone; no filing
        driver.pipe(Events.internal(Events.customsClass(CustomsCreditClass.REGULAR, LocalDate.of(2026, 7, 1))));
        driver.pipe(Events.customsClass(CustomsCreditClass.DISHONEST, LocalDate.of(2026, 7, 10)));
        EnterpriseProfile xixi = driver.profile(Events.ENTERPRISE.uscc().value());

        // then tax sees the public class (the departments told of it can read it on the profile)
        assertThat(map(ProfileVisibility.json(xixi, Department.TAX, Department.MARKET), "customs"))
                .containsEntry("creditClass", "DISHONEST");
    }

    @Test
    void shouldKeepServiceTradeSumsToCommerceWhenOneOfTheirLinesWasKeptInternal() {
        // given commerce kept one report line to itself, then shared another
        driver.pipe(Events.internal(Events.commerce(LocalDate.of(2026, 4, 8), serviceTrade("2026-Q1", "900000.00"))));
        driver.pipe(Events.commerce(LocalDate.of(2026, 7, 8), serviceTrade("2026-Q2", "100000.00")));
        EnterpriseProfile xixi = driver.profile(Events.ENTERPRISE.uscc().value());

        // then tax sees the sums of the shared line alone; commerce sees the sums with its internal line
        Map<String, Object> tax = map(ProfileVisibility.json(xixi, Department.TAX, Department.MARKET), "serviceTrade");
        assertThat(tax).containsEntry("totalExportUsd", new java.math.BigDecimal("100000.00"));
        assertThat(list(tax, "periods")).extracting(p -> p.get("period")).containsExactly("2026-Q2");
        assertThat(map(ProfileVisibility.json(xixi, Department.COMMERCE, Department.MARKET), "serviceTrade"))
                .containsEntry("totalExportUsd", new java.math.BigDecimal("1000000.00"));
    }

    @Test
    void shouldShowOthersTheTaxCreditLevelTheyKnewWhenTaxKeepsANewerOneToItself() {
        // given tax published the 2025 level for every department, then kept the 2026 one to itself (commerce's figures beside)
        driver.pipe(Events.commerce(LocalDate.of(2026, 4, 8), serviceTrade("2026-Q1", "120000.50")));
        driver.pipe(Events.taxLevel(2025, TaxCreditLevel.A, LocalDate.of(2026, 4, 20)));
        driver.pipe(Events.internal(Events.taxLevel(2026, TaxCreditLevel.C, LocalDate.of(2026, 7, 20))));
        // and a 2024 level for everyone came late: older than both, it changes nothing
        driver.pipe(Events.taxLevel(2024, TaxCreditLevel.B, LocalDate.of(2026, 7, 21)));
        EnterpriseProfile xixi = driver.profile(Events.ENTERPRISE.uscc().value());

        // then customs still sees 2025's A, with the event behind it; tax sees its 2026 C
        assertThat(map(ProfileVisibility.json(xixi, Department.CUSTOMS, Department.MARKET), "taxCredit"))
                .containsEntry("year", 2025).containsEntry("level", "A");
        assertThat(map(ProfileVisibility.json(xixi, Department.TAX, Department.MARKET), "taxCredit"))
                .containsEntry("year", 2026).containsEntry("level", "C");
        // and the other facts stay as they were for everyone
        assertThat(map(ProfileVisibility.json(xixi, Department.CUSTOMS, Department.MARKET), "serviceTrade"))
                .containsEntry("totalExportUsd", new java.math.BigDecimal("120000.50"));
        // and neither sees the bookkeeping that keeps the two apart
        assertThat(ProfileVisibility.json(xixi, Department.CUSTOMS, Department.MARKET)).doesNotContainKey("shared");
        assertThat(ProfileVisibility.json(xixi, Department.TAX, Department.MARKET)).doesNotContainKey("shared");

        // and market supervision's risk class still scores the level it knew, not the one tax kept to itself
        assertThat(xixi.getRisk().getFactors()).filteredOn(f -> f.getRuleId().startsWith("TAX_CREDIT"))
                .extracting(f -> f.getRuleId()).containsExactly("TAX_CREDIT_A");

        // when tax publishes the 2027 level for everyone
        driver.pipe(Events.taxLevel(2027, TaxCreditLevel.B, LocalDate.of(2026, 7, 30)));
        xixi = driver.profile(Events.ENTERPRISE.uscc().value());

        // then both see it, and the profile no longer keeps a value apart
        assertThat(map(ProfileVisibility.json(xixi, Department.CUSTOMS, Department.MARKET), "taxCredit")).containsEntry("year", 2027);
        assertThat(map(ProfileVisibility.json(xixi, Department.TAX, Department.MARKET), "taxCredit")).containsEntry("year", 2027);
        assertThat(xixi.getShared()).isNull();
    }

    @Test
    void shouldShowOthersTheNameAndStatusTheyKnewWhenMarketKeepsAChangeAndADeregistrationToItself() {
        // given the registration, public, then a change of name and a deregistration market supervision kept to itself
        driver.pipe(Events.registered(LocalDate.of(2019, 3, 1)));
        String before = driver.profile(Events.ENTERPRISE.uscc().value()).getName();
        Map<String, Object> taxBefore = ProfileVisibility.json(driver.profile(Events.ENTERPRISE.uscc().value()), Department.TAX, Department.MARKET);
        driver.pipe(Events.internal(Events.market(LocalDate.of(2026, 7, 1), EnterpriseChanged.newBuilder()
                .setChangeItems(List.of(new ChangeItem("名称", before, "杭州西溪新名称科技有限公司")))
                .setChangedOn(LocalDate.of(2026, 7, 1)).build(), null)));
        driver.pipe(Events.internal(Events.market(LocalDate.of(2026, 7, 15), EnterpriseDeregistered.newBuilder()
                .setCancelType(CancelType.SIMPLIFIED).setDeregisteredOn(LocalDate.of(2026, 7, 15)).build(), null)));
        EnterpriseProfile xixi = driver.profile(Events.ENTERPRISE.uscc().value());

        // when tax and market ask
        Map<String, Object> tax = ProfileVisibility.json(xixi, Department.TAX, Department.MARKET);
        Map<String, Object> market = ProfileVisibility.json(xixi, Department.MARKET, Department.MARKET);

        // then tax sees the name and identity it knew; market sees what it kept
        assertThat(tax).containsEntry("name", before);
        assertThat(tax.get("identity")).isEqualTo(taxBefore.get("identity"));
        assertThat(map(tax, "identity").get("status")).isNotEqualTo("DEREGISTERED");
        assertThat(market).containsEntry("name", "杭州西溪新名称科技有限公司");
        assertThat(map(market, "identity")).containsEntry("status", "DEREGISTERED");
    }

    private static ServiceTradeReportSubmitted serviceTrade(String period, String exportUsd) {
        return ServiceTradeReportSubmitted.newBuilder().setPeriod(period).setServiceCategory("SI")
                .setExportAmountUsd(new java.math.BigDecimal(exportUsd)).setImportAmountUsd(new java.math.BigDecimal("0.00"))
                .setDigitalService(true).setPartnerCountry("SG").setLate(false).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> json, String key) {
        return (Map<String, Object>) json.get(key);
    }

    @Test
    void shouldKeepAFactOfAnInternalEventToItsOwnDepartmentWhateverItsFieldsClasses() {
        // given customs publishes a penalty for its own staff only (visibility INTERNAL), beside public facts
        CustomsEvent penalty = Events.customsPenalty("杭关违字〔2026〕0200号", CustomsCaseType.REGULATORY_VIOLATION, LocalDate.of(2026, 7, 10));
        driver.pipe(CustomsEvent.newBuilder(penalty).setHeader(EventHeader.newBuilder(penalty.getHeader())
                .setVisibility(Visibility.INTERNAL).build()).build());
        EnterpriseProfile xixi = driver.profile(Events.ENTERPRISE.uscc().value());

        // when customs and tax ask
        Map<String, Object> customs = ProfileVisibility.json(xixi, Department.CUSTOMS, Department.MARKET);
        Map<String, Object> tax = ProfileVisibility.json(xixi, Department.TAX, Department.MARKET);

        // then the penalty (PUBLIC fields) and its timeline entry are customs' alone; the public facts stay for everyone
        assertThat(list(customs, "penalties")).anySatisfy(p -> assertThat(p).containsEntry("decisionNo", "杭关违字〔2026〕0200号"));
        assertThat(list(tax, "penalties")).noneSatisfy(p -> assertThat(p).containsEntry("decisionNo", "杭关违字〔2026〕0200号"));
        assertThat(list(customs, "timeline")).anySatisfy(e -> assertThat(e).containsEntry("docNo", "杭关违字〔2026〕0200号"));
        assertThat(list(tax, "timeline")).noneSatisfy(e -> assertThat(e).containsEntry("docNo", "杭关违字〔2026〕0200号")).isNotEmpty();
        assertThat(tax.get("identity")).isEqualTo(customs.get("identity")).isNotNull();
        // and the profile records the narrowing on the fact and the entry; a public event's origin has none
        assertThat(xixi.getPenalties()).filteredOn(p -> p.getDecisionNo().equals("杭关违字〔2026〕0200号")).singleElement()
                .satisfies(p -> assertThat(p.getOrigin().getVisibility()).isEqualTo(Visibility.INTERNAL));
        assertThat(xixi.getTimeline()).filteredOn(e -> "杭关违字〔2026〕0200号".equals(e.getDocNo())).singleElement()
                .satisfies(e -> assertThat(e.getVisibility()).isEqualTo(Visibility.INTERNAL));
        assertThat(xixi.getIdentity().getOrigin().getVisibility()).isNull();
    }

    @Test
    void shouldNeitherCountNorDateAnInternalEventForAnotherDepartment() {
        // given the enterprise's profile with a public customs filing, as tax sees it
        driver.pipe(Events.customs(LocalDate.of(2026, 7, 2), CustomsFilingRegistered.newBuilder().setCustomsCode("3301960001")
                .setRegisteredCustoms("杭州海关").setBusinessCategory("进出口货物收发货人").setRegisteredOn(LocalDate.of(2026, 7, 2)).build()));
        String xixi = Events.ENTERPRISE.uscc().value();
        Map<String, Object> before = ProfileVisibility.json(driver.profile(xixi), Department.TAX, Department.MARKET);

        // when, an hour later, customs records a penalty for its own staff only, dated after everything else
        driver.advance(java.time.Duration.ofHours(1));
        driver.pipe(Events.internal(Events.customsPenalty("杭关违字〔2026〕0201号", CustomsCaseType.REGULATORY_VIOLATION,
                LocalDate.of(2026, 7, 25))));
        EnterpriseProfile profile = driver.profile(xixi);
        Map<String, Object> tax = ProfileVisibility.json(profile, Department.TAX, Department.MARKET);
        Map<String, Object> customs = ProfileVisibility.json(profile, Department.CUSTOMS, Department.MARKET);

        // then tax's count and times are as before: nothing tells it an event arrived, or when
        for (String field : List.of("eventCount", "lastOccurredAt", "changedAt", "internalEvents")) {
            assertThat(tax.get(field)).as(field).isEqualTo(before.get(field));
        }
        assertThat(list(tax, "internalEvents")).isEmpty();
        assertThat(tax).doesNotContainKey("updatedAt");
        // and customs has its own tally, with the penalty's date and the hour it was applied
        assertThat(list(customs, "internalEvents")).singleElement().satisfies(own -> assertThat(own)
                .containsEntry("source", "CUSTOMS").containsEntry("eventCount", 1L)
                .containsEntry("lastOccurredAt", Events.noon(LocalDate.of(2026, 7, 25)).toString())
                .containsEntry("updatedAt", EventExamples.at(2026, 8, 1, 10, 0).toString()));
        // while the bus's own write time moved on, for the read models' ordering
        assertThat(profile.getUpdatedAt()).isEqualTo(EventExamples.at(2026, 8, 1, 10, 0));
        assertThat(profile.getChangedAt()).isEqualTo(EventExamples.at(2026, 8, 1, 9, 0));
    }

    @Test
    void shouldKnowOfAnEnterpriseOnlyInternalEventsToldOfForTheirDepartmentAlone() {
        // given an enterprise the bus has heard of from customs alone, in an event customs kept to itself (no examples this time)
        driver.close();
        driver = new ProfileDriver(EventExamples.at(2026, 8, 1, 9, 0));
        driver.pipe(Events.internal(Events.customsPenalty("杭关违字〔2026〕0202号", CustomsCaseType.REGULATORY_VIOLATION,
                LocalDate.of(2026, 7, 10))));
        EnterpriseProfile xixi = driver.profile(Events.ENTERPRISE.uscc().value());

        // then customs and the instance know of it, no other department does (nor its staff pages, which ask on its behalf)
        for (Department viewer : Department.values()) {
            assertThat(ProfileVisibility.knownTo(xixi, viewer)).as(viewer.name()).isEqualTo(viewer == Department.CUSTOMS);
        }
        assertThat(ProfileVisibility.knownTo(xixi, null)).isTrue();

        // and once an event everyone may know of comes, everyone does
        driver.pipe(Events.customs(LocalDate.of(2026, 7, 12), CustomsFilingRegistered.newBuilder().setCustomsCode("3301960001")
                .setRegisteredCustoms("杭州海关").setBusinessCategory("进出口货物收发货人").setRegisteredOn(LocalDate.of(2026, 7, 12)).build()));
        assertThat(ProfileVisibility.knownTo(driver.profile(Events.ENTERPRISE.uscc().value()), Department.TAX)).isTrue();
    }

    @Test
    void shouldShowRepairReferencesOnlyToCreditOffice() {
        // when
        Map<String, Object> credit = ProfileVisibility.json(foods, Department.CREDIT, Department.MARKET);

        // then the credit office sees the INTERNAL fields of its own fact, and still no risk class
        assertThat(list(credit, "creditRepairs")).singleElement().satisfies(repair ->
                assertThat(repair).containsKeys("repairedEventId", "repairedDocNo"));
        assertThat(credit).doesNotContainKey("risk");
    }

    @Test
    void shouldShowRiskOnlyToRiskDepartment() {
        // when
        Map<String, Object> market = ProfileVisibility.json(foods, Department.MARKET, Department.MARKET);
        Map<String, Object> tax = ProfileVisibility.json(foods, Department.TAX, Department.TAX);

        // then
        assertThat(market.get("risk")).isEqualTo(AvroJson.of(foods).get("risk"));
        assertThat(tax).containsKey("risk");
        assertThat(list(market, "creditRepairs")).singleElement().satisfies(repair ->
                assertThat(repair).doesNotContainKeys("repairedEventId", "repairedDocNo"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> json, String field) {
        return (List<Map<String, Object>>) json.get(field);
    }
}
