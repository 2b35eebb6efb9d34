package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharebus.consumers.profile.Events.ENTERPRISE;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sharebus.consumers.visibility.ProfileVisibility;
import org.sharebus.event.CreditExamples;
import org.sharebus.event.CustomsExamples;
import org.sharebus.event.EventExamples;
import org.sharebus.event.MarketExamples;
import org.sharebus.event.TaxExamples;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.credit.CreditRepaired;
import org.sharebus.event.credit.RepairedRecordType;
import org.sharebus.event.credit.SeriousDishonestListType;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsCreditClass;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.market.InspectionResultCode;
import org.sharebus.event.market.MarketEvent;
import org.sharebus.event.market.PenaltyType;
import org.sharebus.profile.AnnualReportStatus;
import org.sharebus.profile.CreditRepair;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.EnterpriseStatus;
import org.sharebus.profile.Penalty;
import org.sharebus.profile.RiskClass;
import org.sharebus.profile.RiskFactor;
import org.sharebus.profile.TimelineEntry;
import org.sharebus.uscc.Uscc;

/** The profile topology, fact by fact, through the real serde in a TopologyTestDriver. */
class ProfileTopologyTest {

    private static final Instant AUGUST = EventExamples.at(2026, 8, 1, 9, 0);
    private static final String XIXI = ENTERPRISE.uscc().value();

    private ProfileDriver driver;

    private ProfileDriver start(Instant wallClock) {
        driver = new ProfileDriver(wallClock);
        return driver;
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    // --- facts ---

    @Test
    void shouldBuildIdentityWithDistrictAndPublishProfileWhenEnterpriseRegistered() {
        // given
        start(AUGUST);
        String uscc = EventExamples.BINJIANG_CLOUD.uscc().value();

        // when
        driver.pipe(MarketExamples.companyRegistered());

        // then
        EnterpriseProfile profile = driver.profile(uscc);
        assertThat(profile.getName()).isEqualTo("杭州滨江云服务有限公司");
        assertThat(profile.getIdentity().getStatus()).isEqualTo(EnterpriseStatus.ACTIVE);
        assertThat(profile.getIdentity().getDistrict()).isEqualTo("滨江区");
        assertThat(profile.getIdentity().getEntityType()).isEqualTo("LIMITED_LIABILITY_COMPANY");
        assertThat(profile.getIdentity().getEstablishedOn()).isEqualTo(LocalDate.of(2019, 6, 18));
        assertThat(profile.getIdentity().getOrigin().getSource()).isEqualTo(Department.MARKET);
        assertThat(profile.getIdentity().getOrigin().getAsOf()).isEqualTo(EventExamples.at(2019, 6, 18, 15, 20));
        assertThat(driver.published()).singleElement().satisfies(p -> assertThat(p.getUscc()).isEqualTo(uscc));
    }

    @Test
    void shouldKeepTheNewestNameAndDistrictWhenRegistrationsAndChangesArriveOutOfOrder() {
        // given an enterprise first seen through a tax event under Xihu
        start(AUGUST);
        driver.pipe(Events.taxLevel(2025, org.sharebus.event.tax.TaxCreditLevel.B, LocalDate.of(2026, 4, 1)));

        // when it moves to Binjiang and is renamed (June 2026), and then older news arrives: its registration
        // (2020) and an earlier rename (2025)
        MarketEvent moved = change(LocalDate.of(2026, 6, 1), "330108", "名称", "杭州滨江数字科技有限公司");
        MarketEvent registered = Events.registered(LocalDate.of(2020, 3, 1));
        MarketEvent renamedBefore = change(LocalDate.of(2025, 6, 1), "330106", "名称", "杭州西溪数据有限公司");
        driver.pipe(moved, registered, renamedBefore);

        // then the newest registered details stand
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getName()).isEqualTo("杭州滨江数字科技有限公司");
        assertThat(profile.getIdentity().getRegionCode()).isEqualTo("330108");
        assertThat(profile.getIdentity().getDistrict()).isEqualTo("滨江区");
        assertThat(profile.getIdentity().getEstablishedOn()).isEqualTo(LocalDate.of(2020, 3, 1));
        assertThat(profile.getIdentity().getRegisteredAsOf()).isEqualTo(Events.noon(LocalDate.of(2026, 6, 1)));
    }

    private static MarketEvent change(LocalDate on, String region, String item, String after) {
        MarketEvent event = Events.market(on, org.sharebus.event.market.EnterpriseChanged.newBuilder().setChangeItems(List.of(
                org.sharebus.event.market.ChangeItem.newBuilder().setItem(item).setBefore(null).setAfter(after).build()))
                .setChangedOn(on).build(), null);
        event.getHeader().setRegionCode(region);
        return event;
    }

    @Test
    void shouldKeepHistoryWhenEnterpriseIsDeregistered() {
        // given a court debtor with a joint restriction
        start(AUGUST);
        driver.pipe(CreditExamples.courtDebtorListed(), CreditExamples.procurementRestricted());

        // when
        driver.pipe(MarketExamples.simplifiedDeregistration());

        // then
        EnterpriseProfile profile = driver.profile(EventExamples.SHANGCHENG_CATERING.uscc().value());
        assertThat(profile.getIdentity().getStatus()).isEqualTo(EnterpriseStatus.DEREGISTERED);
        assertThat(profile.getIdentity().getStatusSince()).isEqualTo(LocalDate.of(2026, 4, 20));
        assertThat(profile.getSeriousListings()).singleElement().satisfies(l -> {
            assertThat(l.getList()).isEqualTo("COURT_DEBTOR");
            assertThat(l.getExitOn()).isEqualTo(LocalDate.of(2028, 1, 20));
        });
        assertThat(profile.getJointMeasures()).singleElement().satisfies(m -> assertThat(m.getInForce()).isTrue());
        assertThat(profile.getTimeline()).extracting(TimelineEntry::getEventType)
                .containsExactly("EnterpriseDeregistered", "JointMeasureApplied", "SeriousDishonestSubjectListed");
    }

    @Test
    void shouldRecordEveryDepartmentsFactsWithSourceAndAsOfWhenExamplesArrive() {
        // given
        start(AUGUST);

        // when every example of the schemas' contract arrives
        EventExamples.all().forEach(example -> driver.pipe(example.event()));

        // then each fact is in the profile of its enterprise
        EnterpriseProfile trader = driver.profile(EventExamples.XIAOSHAN_TRADING.uscc().value());
        assertThat(trader.getCustoms().getCustomsCode()).isEqualTo("3318960527");
        assertThat(trader.getCustoms().getCreditClass()).isEqualTo("DISHONEST");
        assertThat(trader.getPenalties()).singleElement().satisfies(p -> {
            assertThat(p.getKind()).isEqualTo("SMUGGLING");
            assertThat(p.getPublicityEndsOn()).isEqualTo(LocalDate.of(2031, 5, 13));
            assertThat(p.getOrigin().getSource()).isEqualTo(Department.CUSTOMS);
        });
        EnterpriseProfile machinery = driver.profile(EventExamples.QIANTANG_MACHINERY.uscc().value());
        assertThat(machinery.getAnnualReports()).singleElement().satisfies(r -> {
            assertThat(r.getYear()).isEqualTo(2025);
            assertThat(r.getStatus()).isEqualTo(AnnualReportStatus.LATE);
        });
        assertThat(machinery.getTechContracts()).singleElement().satisfies(c -> assertThat(c.getContractNo()).isEqualTo("QTJX-DE-2026-003"));
        assertThat(machinery.getInspections()).singleElement().satisfies(i -> assertThat(i.getResultCode()).isEqualTo("CORRECTION_ORDERED"));
        EnterpriseProfile cloud = driver.profile(EventExamples.BINJIANG_CLOUD.uscc().value());
        assertThat(cloud.getServiceTrade().getTotalExportUsd()).isEqualByComparingTo("1850000.00");
        assertThat(cloud.getServiceTrade().getPeriods()).singleElement().satisfies(p -> assertThat(p.getPeriod()).isEqualTo("2026-Q1"));
        assertThat(cloud.getTaxCredit().getLevel()).isEqualTo("A");
        assertThat(cloud.getName()).isEqualTo("杭州滨江云服务有限公司");
        EnterpriseProfile xixi = driver.profile(XIXI);
        assertThat(xixi.getIdentity().getStatus()).isEqualTo(EnterpriseStatus.REVOKED);
        assertThat(xixi.getAbnormalTaxpayer().getReason()).isEqualTo("未按期申报且实地核查查无下落");
        assertThat(xixi.getAbnormalListings()).singleElement().satisfies(l -> {
            assertThat(l.getRemovedOn()).isEqualTo(LocalDate.of(2026, 3, 5));
            assertThat(l.getEscalationDueOn()).isEqualTo(LocalDate.of(2029, 2, 11));
        });
        EnterpriseProfile foods = driver.profile(EventExamples.GONGSHU_FOODS.uscc().value());
        assertThat(foods.getSeriousListings()).singleElement().satisfies(l -> {
            assertThat(l.getEarlyExitFrom()).isEqualTo(LocalDate.of(2027, 4, 29));
            assertThat(l.getExitOn()).isEqualTo(LocalDate.of(2029, 4, 29));
        });
        // the repair of the food penalty (2027) already removed it
        assertThat(foods.getPenalties()).isEmpty();
        assertThat(foods.getCreditRepairs()).singleElement().satisfies(r -> assertThat(r.getRecordType()).isEqualTo("ADMINISTRATIVE_PENALTY"));
        // the removal of an earlier listing the bus never saw waits for it
        assertThat(foods.getPendingRemovals()).singleElement().satisfies(r -> assertThat(r.getListingDecisionNo()).isEqualTo("杭拱市监列严〔2023〕5号"));
        assertThat(driver.counter("sharebus.profile.updates", "cause", "event")).isEqualTo(EventExamples.all().size());
    }

    @ParameterizedTest(name = "record cache of {0} bytes")
    @ValueSource(longs = {0, 1})
    void shouldBuildSameProfilesWhenEveryChangeIsWrittenAtOnceInsteadOfAtCommit(long cacheBytes) {
        // given one driver as deployed (changed profiles written when the commit flushes the record
        // cache) and one whose changes are written at once: with no cache at all, or with a cache
        // that is full at every entry (as when a full cache flushes between commits)
        start(AUGUST);
        try (ProfileDriver uncached = ProfileDriver.withCacheBytes(AUGUST, cacheBytes)) {
            // when every example arrives at both, and later a year passes
            EventExamples.all().forEach(example -> {
                driver.pipe(example.event());
                uncached.pipe(example.event());
            });
            List<EnterpriseProfile> publishedByEvents = driver.published();
            List<EnterpriseProfile> publishedByEventsUncached = uncached.published();
            driver.advance(Duration.ofDays(365));
            uncached.advance(Duration.ofDays(365));

            // then both published the same profiles, and hold the same ones
            assertThat(publishedByEvents).hasSize(EventExamples.all().size());
            assertThat(publishedByEventsUncached.toString()).isEqualTo(publishedByEvents.toString());
            assertThat(uncached.published().toString()).isEqualTo(driver.published().toString());
            for (EventExamples.Example example : EventExamples.all()) {
                EventHeader header = (EventHeader) ((SpecificRecordBase) example.event()).get("header");
                String uscc = Uscc.of(header.getUscc()).value();
                assertThat(uncached.profile(uscc).toString()).isEqualTo(driver.profile(uscc).toString());
            }
        }
    }

    @Test
    void shouldRefuseToStartWhenProcessingErrorsWouldBeLoggedAndSkipped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path state) {
        // given Kafka Streams told to log a processing error and go on (a state directory of its own: the
        // refused driver is never closed)
        java.util.Properties settings = new java.util.Properties();
        settings.put(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG, state.toString());
        settings.put(org.apache.kafka.streams.StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler.class);
        settings.put(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG, "sharebus-profile-test-continue");

        // when the builder starts, then it refuses, naming the setting: a failed write would lose profiles
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProfileDriver.withSettings(AUGUST, settings).close())
                .hasStackTraceContaining("processing.exception.handler is "
                        + "org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler: the profile builder needs "
                        + "org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler");
    }

    // --- duplicates and order ---

    @Test
    void shouldIgnoreEventWhenItsIdWasAlreadyApplied() {
        // given
        start(AUGUST);
        driver.pipe(CustomsExamples.smugglingPenalty());
        driver.published();

        // when the department sends it again
        driver.pipe(CustomsExamples.smugglingPenalty());

        // then
        EnterpriseProfile profile = driver.profile(EventExamples.XIAOSHAN_TRADING.uscc().value());
        assertThat(profile.getEventCount()).isEqualTo(1);
        assertThat(profile.getPenalties()).hasSize(1);
        assertThat(profile.getTimeline()).hasSize(1);
        assertThat(driver.published()).isEmpty();
        assertThat(driver.counter("sharebus.profile.duplicates")).isEqualTo(1);
    }

    @Test
    void shouldIgnoreAResendThatComesMonthsLaterWithinTheRetention() {
        // given
        start(AUGUST);
        CustomsEvent penalty = CustomsExamples.smugglingPenalty();
        driver.pipe(penalty);
        driver.published();

        // when the department sends it again 399 days later (the retention is 400 days of record time)
        driver.pipe(resent(penalty, Duration.ofDays(399)));

        // then
        EnterpriseProfile profile = driver.profile(EventExamples.XIAOSHAN_TRADING.uscc().value());
        assertThat(profile.getEventCount()).isEqualTo(1);
        assertThat(driver.published()).isEmpty();
        assertThat(driver.counter("sharebus.profile.duplicates")).isEqualTo(1);
    }

    @Test
    void shouldApplyAnEventAgainWhenItIsResentAfterTheRetention() {
        // given
        start(AUGUST);
        CustomsEvent penalty = CustomsExamples.smugglingPenalty();
        driver.pipe(penalty);

        // when the department sends it again 401 days later: its id is no longer remembered
        driver.pipe(resent(penalty, Duration.ofDays(401)));

        // then it counts as an event again (its decision number still keeps the penalty single)
        EnterpriseProfile profile = driver.profile(EventExamples.XIAOSHAN_TRADING.uscc().value());
        assertThat(profile.getEventCount()).isEqualTo(2);
        assertThat(profile.getPenalties()).hasSize(1);
        assertThat(driver.counter("sharebus.profile.duplicates")).isZero();
    }

    @Test
    void shouldKeepTheAppliedEventIdsPerEnterpriseWithTheirRecordTimes() {
        // given
        start(AUGUST);
        CustomsEvent penalty = CustomsExamples.smugglingPenalty();
        MarketEvent listing = Events.abnormalListed("L-7", LocalDate.of(2026, 7, 1));

        // when
        driver.pipe(penalty, listing);

        // then the store holds each enterprise's ids under its USCC
        org.apache.kafka.streams.state.KeyValueStore<String, byte[]> store = driver.driver.getKeyValueStore(ProfileTopology.SEEN_STORE);
        SeenEvents xiaoshan = SeenEvents.decode(store.get(EventExamples.XIAOSHAN_TRADING.uscc().value()));
        assertThat(xiaoshan.size()).isEqualTo(1);
        assertThat(xiaoshan.contains(penalty.getHeader().getEventId(), penalty.getHeader().getPublishedAt().toEpochMilli(), 0)).isTrue();
        SeenEvents xixi = SeenEvents.decode(store.get(XIXI));
        assertThat(xixi.contains(listing.getHeader().getEventId(), listing.getHeader().getPublishedAt().toEpochMilli(), 0)).isTrue();
    }

    @Test
    void shouldApplyAResendWhoseOriginalIsMoreThanTheRetentionOlderThanTheEnterprisesNewestEvent() {
        // given a penalty, and 401 days later another event of the enterprise
        start(AUGUST);
        CustomsEvent penalty = CustomsExamples.smugglingPenalty();
        driver.pipe(penalty);
        CustomsEvent later = resent(CustomsExamples.downgradedToDishonest(), Duration.ofDays(401));
        driver.pipe(later);

        // when the penalty is resent with a record time one day after its first (records of several departments interleave)
        driver.pipe(resent(penalty, Duration.ofDays(1)));

        // then it is applied again: its id is past the retention before the newest (here each record is committed, so
        // the id was dropped; SeenEventsTest checks the same answer before a commit drops it)
        EnterpriseProfile profile = driver.profile(EventExamples.XIAOSHAN_TRADING.uscc().value());
        assertThat(profile.getEventCount()).isEqualTo(3);
        assertThat(driver.counter("sharebus.profile.duplicates")).isZero();
    }

    private static CustomsEvent resent(CustomsEvent event, Duration later) {
        EventHeader header = EventHeader.newBuilder(event.getHeader()).setPublishedAt(event.getHeader().getPublishedAt().plus(later)).build();
        return CustomsEvent.newBuilder(event).setHeader(header).build();
    }

    @Test
    void shouldNotCountPenaltyTwiceWhenDecisionIsResentUnderNewEventId() {
        // given
        start(AUGUST);
        driver.pipe(Events.penalty("杭西市监罚〔2026〕9号", LocalDate.of(2026, 7, 1), new BigDecimal("200000.00"), PenaltyType.FINE));

        // when the same decision comes again as a different event (another day, so another id)
        driver.pipe(Events.penalty("杭西市监罚〔2026〕9号", LocalDate.of(2026, 7, 2), new BigDecimal("200000.00"), PenaltyType.FINE));

        // then one penalty, scored once, and one timeline entry for it
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getPenalties()).hasSize(1);
        assertThat(profile.getRisk().getScore()).isEqualTo(10);
        assertThat(profile.getTimeline()).extracting(TimelineEntry::getEventType).containsExactly("AdministrativePenaltyDecided");
        assertThat(profile.getEventCount()).isEqualTo(2);
    }

    @Test
    void shouldHoldOneSeriousListingWhenTheCreditOfficeRelaysSamrsListingWithAnotherStartDate() {
        // given SAMR's serious listing under decision S-1 of 10 January
        start(AUGUST);
        driver.pipe(Events.market(LocalDate.of(2026, 1, 10), org.sharebus.event.market.SeriousDishonestyListed.newBuilder()
                .setBasis(org.sharebus.event.market.SeriousDishonestyBasis.HEAVY_PENALTY).setGrounds("g").setDecisionNo("S-1")
                .setDecidedOn(LocalDate.of(2026, 1, 10)).build(), "S-1"));

        // when the credit office relays it as MARKET_SERIOUS, decision S-1, from the 11th
        driver.pipe(Events.creditListed(SeriousDishonestListType.MARKET_SERIOUS, LocalDate.of(2026, 1, 11), "S-1"));

        // then one listing, scored once
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getSeriousListings()).singleElement().satisfies(l -> assertThat(l.getDecisionNo()).isEqualTo("S-1"));
        assertThat(profile.getRisk().getFactors()).extracting(RiskFactor::getRuleId).containsOnlyOnce("SERIOUS_LIST_MARKET");
    }

    @Test
    void shouldListAListingOnceInTheTimelineWhenItsDecisionIsResentUnderNewEventId() {
        // given
        start(AUGUST);
        driver.pipe(Events.abnormalListed("L-5", LocalDate.of(2026, 7, 1)));

        // when the same listing decision comes again as another event
        driver.pipe(Events.abnormalListed("L-5", LocalDate.of(2026, 7, 3)));

        // then
        assertThat(driver.profile(XIXI).getTimeline()).extracting(TimelineEntry::getEventType).containsExactly("AbnormalOperationsListed");
    }

    @Test
    void shouldKeepListingWhenRemovalOccurredBeforeIt() {
        // given an enterprise listed on 10 February
        start(AUGUST);
        driver.pipe(Events.abnormalListed("L-2", LocalDate.of(2026, 2, 10)));

        // when a removal decided in January (of an earlier listing, same reason) arrives late
        driver.pipe(Events.abnormalRemoved(null, "R-1", LocalDate.of(2026, 1, 5)));

        // then the February listing stands
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getAbnormalListings()).singleElement().satisfies(l -> assertThat(l.getRemovedOn()).isNull());
        assertThat(profile.getRisk().getFactors()).extracting(RiskFactor::getRuleId).containsExactly("ABNORMAL_LIST");
    }

    @Test
    void shouldKeepNoRemovalWaitingWhenItNamesARemovedListingWithOtherBrackets() {
        // given a listing, removed
        start(AUGUST);
        driver.pipe(Events.abnormalListed("杭西市监异〔2026〕7号", LocalDate.of(2026, 2, 10)));
        driver.pipe(Events.abnormalRemoved("杭西市监异〔2026〕7号", "杭西市监移〔2026〕3号", LocalDate.of(2026, 3, 5)));

        // when another removal names it as a clerk typed it
        driver.pipe(Events.abnormalRemoved("杭西市监异[2026]第7号", "杭西市监移〔2026〕4号", LocalDate.of(2026, 3, 9)));

        // then nothing waits for a listing that is already there
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getPendingRemovals()).isEmpty();
        assertThat(profile.getAbnormalListings()).singleElement()
                .satisfies(l -> assertThat(l.getRemovalDecisionNo()).isEqualTo("杭西市监移〔2026〕3号"));
    }

    @Test
    void shouldApplyRemovalWhenItArrivesBeforeItsListing() {
        // given a removal whose listing has not arrived yet
        start(AUGUST);
        driver.pipe(Events.abnormalRemoved("L-1", "R-1", LocalDate.of(2026, 3, 5)));
        assertThat(driver.profile(XIXI).getPendingRemovals()).hasSize(1);

        // when the listing arrives
        driver.pipe(Events.abnormalListed("L-1", LocalDate.of(2026, 2, 10)));

        // then
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getAbnormalListings()).singleElement().satisfies(l -> {
            assertThat(l.getRemovedOn()).isEqualTo(LocalDate.of(2026, 3, 5));
            assertThat(l.getRemovalDecisionNo()).isEqualTo("R-1");
        });
        assertThat(profile.getPendingRemovals()).isEmpty();
        assertThat(profile.getRisk().getRiskClass()).isEqualTo(RiskClass.A);
        assertThat(profile.getTimeline()).extracting(TimelineEntry::getEventType)
                .containsExactly("AbnormalOperationsRemoved", "AbnormalOperationsListed");
    }

    @Test
    void shouldKeepNewerCustomsClassWhenOlderChangeArrivesLate() {
        // given
        start(AUGUST);
        driver.pipe(Events.customsClass(CustomsCreditClass.DISHONEST, LocalDate.of(2026, 5, 20)));

        // when
        driver.pipe(Events.customsClass(CustomsCreditClass.ADVANCED_CERTIFIED, LocalDate.of(2024, 1, 8)));

        // then
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getCustoms().getCreditClass()).isEqualTo("DISHONEST");
        assertThat(profile.getTimeline()).extracting(TimelineEntry::getEventType)
                .containsExactly("CustomsCreditClassChanged", "CustomsCreditClassChanged");
        assertThat(profile.getTimeline().get(0).getOccurredAt()).isEqualTo(Events.noon(LocalDate.of(2026, 5, 20)));
    }

    @Test
    void shouldKeepTheLaterDecisionWhenTwoCustomsClassChangesTakeEffectTheSameDayAndArriveInReverse() {
        // given two changes effective 1 April: REGULAR decided on 20 March, ADVANCED_CERTIFIED on 25 March
        start(AUGUST);
        org.sharebus.event.customs.CustomsEvent regular = Events.customs(LocalDate.of(2026, 3, 20),
                org.sharebus.event.customs.CustomsCreditClassChanged.newBuilder().setNewClass(CustomsCreditClass.REGULAR)
                        .setEffectiveDate(LocalDate.of(2026, 4, 1)).build());
        org.sharebus.event.customs.CustomsEvent certified = Events.customs(LocalDate.of(2026, 3, 25),
                org.sharebus.event.customs.CustomsCreditClassChanged.newBuilder().setNewClass(CustomsCreditClass.ADVANCED_CERTIFIED)
                        .setEffectiveDate(LocalDate.of(2026, 4, 1)).build());

        // when the later decision arrives first
        driver.pipe(certified, regular);

        // then it stands
        assertThat(driver.profile(XIXI).getCustoms().getCreditClass()).isEqualTo("ADVANCED_CERTIFIED");
    }

    @Test
    void shouldKeepDeregisteredWhenOlderRevocationArrivesLate() {
        // given
        start(AUGUST);
        driver.pipe(Events.registered(LocalDate.of(2020, 3, 1)), Events.market(LocalDate.of(2026, 4, 20),
                org.sharebus.event.market.EnterpriseDeregistered.newBuilder()
                        .setCancelType(org.sharebus.event.market.CancelType.NORMAL).setDeregisteredOn(LocalDate.of(2026, 4, 20)).build(), null));

        // when a revocation that happened earlier arrives
        driver.pipe(Events.market(LocalDate.of(2025, 1, 1), org.sharebus.event.market.EnterpriseRevoked.newBuilder()
                .setRevokedOn(LocalDate.of(2025, 1, 1)).setDecisionNo("R").build(), "R"));

        // then
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getIdentity().getStatus()).isEqualTo(EnterpriseStatus.DEREGISTERED);
        assertThat(profile.getIdentity().getStatusSince()).isEqualTo(LocalDate.of(2026, 4, 20));
        assertThat(profile.getTimeline()).hasSize(3);
    }

    @Test
    void shouldReplaceOneYearsReportAndKeepOthersWhenReportsArriveForSeveralYears() {
        // given reports for three years, the middle one first filed late
        start(AUGUST);
        driver.pipe(Events.registered(LocalDate.of(2020, 1, 6)),
                Events.annualReport(2023, LocalDate.of(2024, 4, 1), false),
                Events.annualReport(2024, LocalDate.of(2025, 7, 9), true),
                Events.annualReport(2025, LocalDate.of(2026, 5, 1), false));

        // when a correction of 2024 comes later
        driver.pipe(Events.annualReport(2024, LocalDate.of(2025, 8, 1), true));

        // then each year appears once, newest first, and the missing years before are MISSING
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getAnnualReports()).extracting(r -> r.getYear() + " " + r.getStatus())
                .containsExactly("2025 FILED", "2024 LATE", "2023 FILED", "2022 MISSING", "2021 MISSING");
        assertThat(profile.getAnnualReports().get(1).getFiledAt()).isEqualTo(Events.noon(LocalDate.of(2025, 8, 1)));
    }

    @Test
    void shouldKeepOnlyLatestFiftyEventsInTimelineWhenManyArrive() {
        // given
        start(AUGUST);

        // when 55 inspections arrive
        LocalDate first = LocalDate.of(2026, 1, 1);
        pipeInspections(55, first);

        // then
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getTimeline()).hasSize(50);
        assertThat(profile.getTimeline().get(0).getSummary()).isEqualTo("抽查检查结果 NO_PROBLEM_FOUND");
        assertThat(profile.getTimeline().get(0).getOccurredAt()).isEqualTo(Events.noon(first.plusDays(54)));
        assertThat(profile.getInspections()).hasSize(20);
        assertThat(profile.getEventCount()).isEqualTo(55);
    }

    @Test
    void shouldKeepTheEntriesOthersSeeWhenADepartmentsInternalEventsWouldPushThemOutOfABoundedList() {
        // given fifty public inspections and twenty public penalties: the timeline and the penalty list are full
        start(AUGUST);
        LocalDate first = LocalDate.of(2026, 1, 1);
        pipeInspections(50, first);
        for (int i = 1; i <= 20; i++) {
            driver.pipe(Events.penalty("杭西市监罚〔2026〕" + i + "号", first.plusDays(i), new BigDecimal("1000.00"), PenaltyType.WARNING));
        }
        EnterpriseProfile before = driver.profile(XIXI);
        Map<String, Object> taxBefore = ProfileVisibility.json(before, Department.TAX, Department.MARKET);

        // when customs records five newer penalties for its own staff only
        for (int i = 1; i <= 5; i++) {
            driver.pipe(Events.internal(Events.customsPenalty("杭关违字〔2026〕03" + i + "号", CustomsCaseType.REGULATORY_VIOLATION,
                    LocalDate.of(2026, 7, i))));
        }
        EnterpriseProfile after = driver.profile(XIXI);

        // then tax's timeline and penalties are those before, entry for entry
        Map<String, Object> taxAfter = ProfileVisibility.json(after, Department.TAX, Department.MARKET);
        assertThat(taxAfter.get("timeline")).isEqualTo(taxBefore.get("timeline"));
        assertThat(taxAfter.get("penalties")).isEqualTo(taxBefore.get("penalties"));
        assertThat((List<?>) taxAfter.get("timeline")).hasSize(50);
        // and customs sees its five beside them: each audience is bounded apart
        assertThat(after.getTimeline()).hasSize(55);
        assertThat(after.getPenalties()).hasSize(25);
        assertThat((List<?>) ProfileVisibility.json(after, Department.CUSTOMS, Department.MARKET).get("timeline")).hasSize(55);
    }

    /** Inspections that found no problem, a day apart from {@code first}, their task ids T-0, T-1, … */
    private void pipeInspections(int count, LocalDate first) {
        for (int i = 0; i < count; i++) {
            driver.pipe(Events.inspection("T-" + i, first.plusDays(i), InspectionResultCode.NO_PROBLEM_FOUND));
        }
    }

    // --- risk class and its explanation ---

    @Test
    void shouldExplainClassWithFactorsWhenSeveralRulesApply() {
        // given
        start(AUGUST);

        // when
        driver.pipe(Events.abnormalListed("杭西市监异〔2026〕第201号", LocalDate.of(2026, 7, 12)),
                Events.customsClass(CustomsCreditClass.DISHONEST, LocalDate.of(2026, 5, 20)));

        // then
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getRisk().getRiskClass()).isEqualTo(RiskClass.D);
        assertThat(profile.getRisk().getScore()).isEqualTo(65);
        assertThat(profile.getRisk().getExplanation())
                .isEqualTo("D because: customs DISHONEST +40; abnormal list since 2026-07-12 +25");
        assertThat(profile.getRisk().getExplanationZh())
                .isEqualTo("D 类，因为：海关信用等级 DISHONEST +40；列入经营异常名录（2026-07-12起） +25");
        assertThat(profile.getRisk().getFactors()).allSatisfy(f -> assertThat(f.getLegalSource()).isNotBlank());
    }

    @Test
    void shouldBeClassAWithoutFactorsWhenNothingIsKnownAgainstEnterprise() {
        // given
        start(AUGUST);

        // when
        driver.pipe(Events.inspection("T-1", LocalDate.of(2026, 5, 1), InspectionResultCode.NO_PROBLEM_FOUND));

        // then
        assertThat(driver.profile(XIXI).getRisk().getExplanation()).isEqualTo("A: no risk factor");
    }

    // --- time passing ---

    @Test
    void shouldLowerClassWhenSmallFinesPublicityEnds() {
        // given a small fine decided on 1 May: published 3 months, 1 August the last day (民法典 Art. 201, 202)
        start(EventExamples.at(2026, 8, 1, 23, 0));
        driver.pipe(Events.penalty("杭西市监罚〔2026〕3号", LocalDate.of(2026, 5, 1), new BigDecimal("5000.00"), PenaltyType.FINE));
        EnterpriseProfile before = driver.profile(XIXI);
        assertThat(before.getPenalties().get(0).getPublicityEndsOn()).isEqualTo(LocalDate.of(2026, 8, 2));
        assertThat(before.getRisk().getRiskClass()).isEqualTo(RiskClass.B);
        assertThat(before.getRisk().getNextReviewAt()).isEqualTo(EventExamples.at(2026, 8, 2, 0, 0));
        driver.published();

        // when the wall clock passes midnight
        driver.advance(ProfileDriver.REVIEW_INTERVAL);

        // then the profile is re-evaluated and published without a new event
        EnterpriseProfile after = driver.profile(XIXI);
        assertThat(after.getRisk().getRiskClass()).isEqualTo(RiskClass.A);
        assertThat(after.getRisk().getFactors()).isEmpty();
        assertThat(after.getPenalties()).hasSize(1);
        assertThat(driver.published()).singleElement().satisfies(p -> assertThat(p.getRisk().getRiskClass()).isEqualTo(RiskClass.A));
        assertThat(driver.counter("sharebus.profile.updates", "cause", "review")).isEqualTo(1);
        // and only the bus's write time moved: the class is market's INTERNAL fact, so nothing every department sees changed
        assertThat(after.getUpdatedAt()).isAfter(before.getUpdatedAt());
        assertThat(after.getChangedAt()).isEqualTo(before.getChangedAt());
    }

    @Test
    void shouldRaiseClassWhenAbnormalListingPassesThreeYears() {
        // given a listing of 1 August 2023: three years on 1 August 2026, its last day, due for escalation on the 2nd
        start(EventExamples.at(2026, 8, 1, 12, 0));
        driver.pipe(Events.abnormalListed("杭西市监异〔2023〕第7号", LocalDate.of(2023, 8, 1)));
        assertThat(driver.profile(XIXI).getRisk().getRiskClass()).isEqualTo(RiskClass.C);

        // when a day passes
        driver.advance(Duration.ofDays(1));

        // then
        EnterpriseProfile after = driver.profile(XIXI);
        assertThat(after.getRisk().getRiskClass()).isEqualTo(RiskClass.D);
        assertThat(after.getRisk().getFactors()).extracting(RiskFactor::getRuleId)
                .containsExactly("ABNORMAL_LIST", "ABNORMAL_LIST_OVERDUE");
    }

    @Test
    void shouldMarkAnnualReportMissingWhenThirtiethOfJunePasses() {
        // given an enterprise set up in 2025, on 30 June 2026 without its 2025 report
        start(EventExamples.at(2026, 6, 30, 18, 0));
        driver.pipe(Events.registered(LocalDate.of(2025, 3, 1)));
        assertThat(driver.profile(XIXI).getAnnualReports()).isEmpty();

        Instant registered = driver.profile(XIXI).getChangedAt();

        // when 1 July comes
        driver.advance(Duration.ofHours(7));

        // then
        EnterpriseProfile after = driver.profile(XIXI);
        assertThat(after.getAnnualReports()).singleElement().satisfies(r -> {
            assertThat(r.getYear()).isEqualTo(2025);
            assertThat(r.getStatus()).isEqualTo(AnnualReportStatus.MISSING);
        });
        // a missing report is every department's to see: the profile changed for all of them
        assertThat(after.getChangedAt()).isAfter(registered).isEqualTo(after.getUpdatedAt());
        assertThat(after.getRisk().getExplanation()).isEqualTo("B because: annual report 2025 missing +15");

        // and a late filing replaces MISSING with LATE
        driver.pipe(Events.annualReport(2025, LocalDate.of(2026, 7, 8), true));
        assertThat(driver.profile(XIXI).getAnnualReports()).singleElement()
                .satisfies(r -> assertThat(r.getStatus()).isEqualTo(AnnualReportStatus.LATE));
        assertThat(driver.profile(XIXI).getRisk().getExplanation()).isEqualTo("A because: annual report 2025 filed late +5");
    }

    @Test
    void shouldTakeBackAMissingYearWhenADeregistrationBeforeItsDeadlineArrivesAfterIt() {
        // given an enterprise set up in 2023, its 2025 report marked MISSING on 1 July 2026
        start(EventExamples.at(2026, 7, 3, 9, 0));
        driver.pipe(Events.registered(LocalDate.of(2023, 3, 1)), Events.annualReport(2023, LocalDate.of(2024, 5, 1), false),
                Events.annualReport(2024, LocalDate.of(2025, 5, 1), false));
        assertThat(driver.profile(XIXI).getAnnualReports()).extracting(r -> r.getYear() + " " + r.getStatus())
                .contains("2025 MISSING");

        // when its deregistration on 20 May 2026, before the 2025 report was due, arrives late
        driver.pipe(Events.market(LocalDate.of(2026, 5, 20), org.sharebus.event.market.EnterpriseDeregistered.newBuilder()
                .setCancelType(org.sharebus.event.market.CancelType.SIMPLIFIED).setDeregisteredOn(LocalDate.of(2026, 5, 20)).build(), null));

        // then it owed no 2025 report: the year is no longer missing, nor scored
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getIdentity().getStatus()).isEqualTo(EnterpriseStatus.DEREGISTERED);
        assertThat(profile.getAnnualReports()).extracting(r -> r.getYear() + " " + r.getStatus())
                .doesNotContain("2025 MISSING").contains("2024 FILED", "2023 FILED");
        assertThat(profile.getRisk().getFactors()).extracting(RiskFactor::getRuleId).doesNotContain("ANNUAL_REPORT_MISSING");
    }

    @Test
    void shouldPublishNothingButMoveReviewOnWhenDueDateChangesNothing() {
        // given an enterprise that filed its 2025 report on time, reviewed at the 2026 deadline
        start(EventExamples.at(2026, 6, 30, 18, 0));
        driver.pipe(Events.registered(LocalDate.of(2025, 3, 1)), Events.annualReport(2025, LocalDate.of(2026, 3, 3), false));
        assertThat(driver.profile(XIXI).getRisk().getNextReviewAt()).isEqualTo(EventExamples.at(2026, 7, 1, 0, 0));
        driver.published();

        // when the deadline passes
        driver.advance(Duration.ofHours(7));

        // then nothing is published, and the next review is the next deadline
        assertThat(driver.published()).isEmpty();
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getRisk().getNextReviewAt()).isEqualTo(EventExamples.at(2027, 7, 1, 0, 0));
        assertThat(profile.getAnnualReports()).singleElement().satisfies(r -> assertThat(r.getStatus()).isEqualTo(AnnualReportStatus.FILED));
        assertThat(driver.counter("sharebus.profile.updates", "cause", "review")).isZero();
    }

    @Test
    void shouldEndSeriousListingsEffectsWhenItsThreeYearsRunOut() {
        // given a SAMR serious listing of 5 August 2023 (its three years' last day 5 August 2026) and a joint restriction
        start(EventExamples.at(2026, 8, 5, 12, 0));
        driver.pipe(Events.market(LocalDate.of(2023, 8, 5), org.sharebus.event.market.SeriousDishonestyListed.newBuilder()
                .setBasis(org.sharebus.event.market.SeriousDishonestyBasis.HEAVY_PENALTY).setGrounds("虚假宣传情节严重")
                .setDecisionNo("S-1").setDecidedOn(LocalDate.of(2023, 8, 5)).build(), "S-1"));
        driver.pipe(Events.credit(LocalDate.of(2024, 1, 3), org.sharebus.event.credit.JointMeasureApplied.newBuilder()
                .setMeasureCode("A-01-03").setMeasureKind(org.sharebus.event.credit.JointMeasureKind.RESTRICTION)
                .setApplyingDepartment("杭州市财政局").setAppliedOn(LocalDate.of(2024, 1, 3)).setFeedback("限制投标").build(), null));
        assertThat(driver.profile(XIXI).getRisk().getRiskClass()).isEqualTo(RiskClass.D);

        // when the automatic exit day comes
        driver.advance(Duration.ofDays(1));

        // then
        EnterpriseProfile after = driver.profile(XIXI);
        assertThat(after.getRisk().getRiskClass()).isEqualTo(RiskClass.A);
        assertThat(after.getJointMeasures()).singleElement().satisfies(m -> assertThat(m.getInForce()).isFalse());
        assertThat(after.getSeriousListings()).hasSize(1);
    }

    // --- repair ---

    @Test
    void shouldRemoveRepairedPenaltyEverywhereWhenCreditIsRepaired() {
        // given
        start(AUGUST);
        String uscc = EventExamples.GONGSHU_FOODS.uscc().value();
        driver.pipe(MarketExamples.foodSafetyPenalty());
        assertThat(driver.profile(uscc).getRisk().getFactors()).extracting(RiskFactor::getRuleId).containsExactly("MARKET_PENALTY");

        // when
        driver.pipe(CreditExamples.foodPenaltyRepaired());

        // then the penalty is gone from facts, scoring and timeline; only the repair remains
        EnterpriseProfile profile = driver.profile(uscc);
        assertThat(profile.getPenalties()).isEmpty();
        assertThat(profile.getRisk().getFactors()).isEmpty();
        assertThat(profile.getTimeline()).extracting(TimelineEntry::getEventType).containsExactly("CreditRepaired");
        assertThat(profile.getTimeline().toString() + profile.getRisk() + profile.getPenalties())
                .doesNotContain(MarketExamples.FOOD_PENALTY_NO)
                .doesNotContain("生产经营致病性微生物超标的食品");
    }

    @Test
    void shouldRemoveAPenaltyWhoseNumberWasTypedInFullWidthWhenTheRepairWritesItsDigitsInAscii() {
        // given market supervision's penalty, its number typed in an input method's full-width mode
        start(AUGUST);
        String uscc = Events.ENTERPRISE.uscc().value();
        driver.pipe(Events.penalty("杭西市监罚〔２０２６〕１２号", LocalDate.of(2026, 7, 20), new BigDecimal("50000.00"), PenaltyType.FINE));
        assertThat(driver.profile(uscc).getRisk().getFactors()).extracting(RiskFactor::getRuleId).containsExactly("MARKET_PENALTY");

        // when the credit office repairs it, writing the same number with ASCII digits
        driver.pipe(Events.repaired(RepairedRecordType.ADMINISTRATIVE_PENALTY, "杭西市监罚〔2026〕12号", LocalDate.of(2026, 7, 30)));

        // then it is no longer published, nor scored (一处修复、处处修复)
        EnterpriseProfile profile = driver.profile(uscc);
        assertThat(profile.getPenalties()).isEmpty();
        assertThat(profile.getRisk().getFactors()).isEmpty();
    }

    @Test
    void shouldKeepTheRepairedRecordsNumberWhenARepairNamesOnlyItsEvent() {
        // given an abnormal-operations listing
        start(AUGUST);
        MarketEvent listing = Events.abnormalListed("杭西市监异〔2026〕21号", LocalDate.of(2026, 6, 1));
        driver.pipe(listing);

        // when the credit office repairs it naming only the event that listed it
        driver.pipe(Events.credit(LocalDate.of(2026, 7, 1), CreditRepaired.newBuilder().setRepairedRecordType(RepairedRecordType.OTHER)
                .setRepairedEventId(listing.getHeader().getEventId()).setRepairedOn(LocalDate.of(2026, 7, 1))
                .setAuthority("杭州市信用办").build(), null));

        // then the listing is gone and the repair carries its number, for what reads profiles (the public page)
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getAbnormalListings()).isEmpty();
        assertThat(profile.getCreditRepairs()).extracting(CreditRepair::getRepairedDocNo).containsExactly("杭西市监异〔2026〕21号");
    }

    @Test
    void shouldPointAtARepairedRecordNowhereWhenItsRemovalArrivesAfterTheRepairOrAnInspectionNamesIt() {
        // given a listing and an inspection whose follow-up penalty is P-7
        start(AUGUST);
        driver.pipe(Events.abnormalListed("L-7", LocalDate.of(2026, 3, 1)), Events.penalty("P-7", LocalDate.of(2026, 5, 1),
                new BigDecimal("50000.00"), PenaltyType.FINE));
        driver.pipe(Events.market(LocalDate.of(2026, 5, 2), org.sharebus.event.market.InspectionResultRecorded.newBuilder()
                .setTaskId("T-7").setItems(List.of("登记事项检查")).setInspectorIds(List.of("33010600123", "33010600456"))
                .setResultCode(InspectionResultCode.CORRECTION_ORDERED).setResultFormedOn(LocalDate.of(2026, 5, 2))
                .setFollowUpPenaltyRef("P-7").build(), null));

        // when both are repaired, and the listing's removal arrives afterwards, as does another inspection naming P-7
        driver.pipe(Events.repaired(RepairedRecordType.ABNORMAL_OPERATIONS_LISTING, "L-7", LocalDate.of(2026, 6, 1)),
                Events.repaired(RepairedRecordType.ADMINISTRATIVE_PENALTY, "P-7", LocalDate.of(2026, 6, 2)));
        driver.pipe(Events.abnormalRemoved("L-7", "R-7", LocalDate.of(2026, 6, 5)));
        driver.pipe(Events.market(LocalDate.of(2026, 6, 6), org.sharebus.event.market.InspectionResultRecorded.newBuilder()
                .setTaskId("T-8").setItems(List.of("登记事项检查")).setInspectorIds(List.of("33010600123", "33010600456"))
                .setResultCode(InspectionResultCode.CORRECTION_ORDERED).setResultFormedOn(LocalDate.of(2026, 6, 6))
                .setFollowUpPenaltyRef("P-7").build(), null));

        // then no timeline entry and no inspection names L-7 or P-7 any more
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getTimeline()).allSatisfy(t -> {
            assertThat(t.getConcernsDocNo()).isNotIn("L-7", "P-7");
            assertThat(t.getDocNo()).isNotIn("L-7", "P-7");
        });
        assertThat(profile.getTimeline()).extracting(TimelineEntry::getEventType).doesNotContain("AbnormalOperationsRemoved");
        assertThat(profile.getInspections()).hasSize(2).allSatisfy(i -> assertThat(i.getFollowUpPenaltyRef()).isNull());
    }

    @Test
    void shouldDropRepairedListingWhenItArrivesAfterItsRepair() {
        // given a repair of a listing the bus has not seen
        start(AUGUST);
        driver.pipe(Events.repaired(RepairedRecordType.ABNORMAL_OPERATIONS_LISTING, "L-9", LocalDate.of(2026, 6, 1)));

        // when the listing arrives
        driver.pipe(Events.abnormalListed("L-9", LocalDate.of(2026, 3, 1)));

        // then
        EnterpriseProfile profile = driver.profile(XIXI);
        assertThat(profile.getAbnormalListings()).isEmpty();
        assertThat(profile.getRisk().getRiskClass()).isEqualTo(RiskClass.A);
        assertThat(profile.getTimeline()).extracting(TimelineEntry::getEventType).containsExactly("CreditRepaired");
    }

    // --- unreadable records ---

    @Test
    void shouldDeadLetterAnEventDatedCenturiesBackAndGoOnWithTheNextOne() {
        // given a customs penalty whose year was typed 0026 for 2026, written straight to the topic (the gateway refuses it)
        start(AUGUST);
        CustomsEvent typo = Events.customsPenalty("杭关违字〔2026〕0026号", CustomsCaseType.REGULATORY_VIOLATION, LocalDate.of(26, 7, 1));
        typo.getHeader().setPublishedAt(AUGUST);
        driver.pipe(typo);

        // when the department's next event comes
        CustomsEvent next = Events.customsPenalty("杭关违字〔2026〕0027号", CustomsCaseType.REGULATORY_VIOLATION, LocalDate.of(2026, 7, 1));
        next.getHeader().setPublishedAt(AUGUST);
        driver.pipe(next);

        // then the first is a dead letter naming the field and the years taken, and the builder goes on with the next
        // (it stopped on the first: its latency overflowed the metrics' timer)
        assertThat(driver.deadLetters("customs.events.v1").readRecordsToList()).extracting(r -> header(r, EventDecoder.REASON))
                .singleElement().asString().startsWith("header.occurredAt must be a time from 1949-01-01 to 9999-12-31 (Beijing time), got 0026-07-01");
        assertThat(driver.profile(XIXI).getPenalties()).extracting(Penalty::getDecisionNo).containsExactly("杭关违字〔2026〕0027号");
        assertThat(driver.profile(XIXI).getEventCount()).isEqualTo(1);
    }

    @Test
    void shouldRecordALatencyOfAtMostACenturyForAFactDatedFurtherBack() {
        long now = AUGUST.toEpochMilli();
        assertThat(ProfileMetrics.latency(Instant.parse("0026-07-01T00:00:00Z"), now)).isEqualTo(ProfileMetrics.LONGEST_LATENCY);
        assertThat(ProfileMetrics.latency(AUGUST.minusSeconds(60), now)).isEqualTo(java.time.Duration.ofMinutes(1));
    }

    @Test
    void shouldDeadLetterEventInAnotherPartitionThanItsKeysAndContinueWhenWrittenStraightToKafka() {
        // given department topics of 12 partitions, where the Xiaoshan trader's USCC hashes to partition 8
        // and the Shangcheng caterer's to 0, and a producer that writes both to partition 0 (the driver's)
        driver = ProfileDriver.withDepartmentPartitions(AUGUST, 12);
        String trader = EventExamples.XIAOSHAN_TRADING.uscc().value();

        // when
        driver.pipe(CustomsExamples.tradingFiling());
        driver.pipe(MarketExamples.simplifiedDeregistration());

        // then the trader's event builds no second, partial profile in partition 0 but goes to the dead-letter topic
        assertThat(driver.profile(trader)).isNull();
        TestRecord<byte[], byte[]> dead = driver.deadLetters("customs.events.v1").readRecord();
        assertThat(dead.key()).isEqualTo(trader.getBytes(StandardCharsets.UTF_8));
        assertThat(header(dead, EventDecoder.PARTITION)).isEqualTo("0");
        assertThat(header(dead, EventDecoder.REASON)).isEqualTo("key '" + trader + "' belongs in partition 8 of customs.events.v1"
                + " (murmur2 of the key, of 12 partitions, as the gateway and Java's default partitioner place it), not in partition 0:"
                + " a librdkafka client needs partitioner=murmur2_random");
        assertThat(driver.counter("sharebus.dlt.records", "topic", "customs.events.v1")).isEqualTo(1);
        // and the caterer's event, in its own partition, is processed
        assertThat(driver.profile(EventExamples.SHANGCHENG_CATERING.uscc().value())).isNotNull();
        assertThat(driver.deadLetters("market.events.v1").isEmpty()).isTrue();
    }

    @Test
    void shouldSendGarbageToDeadLetterTopicWithReasonAndContinueWhenBytesAreNotAvro() {
        // given
        start(AUGUST);
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);

        // when
        driver.pipeRaw("customs.events.v1", XIXI.getBytes(StandardCharsets.UTF_8), garbage);
        driver.pipe(CustomsExamples.tradingFiling());

        // then the garbage is in customs.events.v1.DLT, unchanged, with the reason
        TestRecord<byte[], byte[]> dead = driver.deadLetters("customs.events.v1").readRecord();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(dead.key()).isEqualTo(XIXI.getBytes(StandardCharsets.UTF_8));
        assertThat(header(dead, EventDecoder.TOPIC)).isEqualTo("customs.events.v1");
        assertThat(header(dead, EventDecoder.PARTITION)).isEqualTo("0");
        assertThat(header(dead, EventDecoder.OFFSET)).isEqualTo("0");
        assertThat(header(dead, EventDecoder.REASON)).startsWith("unknown magic byte 0x6e at offset 0: not Confluent wire format");
        assertThat(driver.counter("sharebus.dlt.records", "topic", "customs.events.v1")).isEqualTo(1);
        // and the next record is processed
        assertThat(driver.profile(EventExamples.XIAOSHAN_TRADING.uscc().value())).isNotNull();
    }

    @Test
    void shouldDeadLetterAnEventWhoseIdIsNotAUuidWhenItIsWrittenStraightToATopic() {
        // given a tax event whose 36-character id is not a UUID (the gateway would refuse it; a producer need not ask it)
        start(AUGUST);
        org.sharebus.event.tax.TaxEvent event = TaxExamples.creditLevelA();
        String uscc = event.getHeader().getUscc();
        byte[] value = new org.sharebus.serde.ConfluentAvroSerializer<>(driver.registry, org.sharebus.event.tax.TaxEvent.class)
                .serialize("tax.events.v1", event);
        String id = event.getHeader().getEventId().toString();
        String text = new String(value, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(id);
        byte[] notAUuid = text.replace(id, "not-a-uuid-but-36-characters-long!!!").getBytes(StandardCharsets.ISO_8859_1);

        // when
        driver.pipeRaw("tax.events.v1", uscc.getBytes(StandardCharsets.UTF_8), notAUuid);

        // then it is a dead letter, and builds nothing: the builder remembers ids as UUIDs
        TestRecord<byte[], byte[]> dead = driver.deadLetters("tax.events.v1").readRecord();
        assertThat(dead.value()).isEqualTo(notAUuid);
        assertThat(header(dead, EventDecoder.REASON)).contains("not-a-uuid-but-36-characters-long!!!");
        assertThat(driver.profile(uscc)).isNull();
    }

    @Test
    void shouldDeadLetterEventWhenKeyIsNotItsUscc() {
        // given
        start(AUGUST);
        ProfileDriver d = driver;
        byte[] value = new org.sharebus.serde.ConfluentAvroSerializer<>(d.registry, org.sharebus.event.tax.TaxEvent.class)
                .serialize("tax.events.v1", TaxExamples.creditLevelA());

        // when
        d.pipeRaw("tax.events.v1", XIXI.getBytes(StandardCharsets.UTF_8), value);

        // then
        TestRecord<byte[], byte[]> dead = d.deadLetters("tax.events.v1").readRecord();
        assertThat(header(dead, EventDecoder.REASON))
                .isEqualTo("key '" + XIXI + "' differs from header.uscc '91330108457964854H'");
        assertThat(d.profile(XIXI)).isNull();
        assertThat(d.profile("91330108457964854H")).isNull();
    }

    @Test
    void shouldDeadLetterAnEventClaimingAnotherDepartmentWhenItIsWrittenStraightToATopic() {
        // given a tax event whose header says customs sent it, written to the tax topic without the gateway
        start(AUGUST);
        org.sharebus.event.tax.TaxEvent event = TaxExamples.creditLevelA();
        event.getHeader().setSourceDepartment(org.sharebus.event.common.Department.CUSTOMS);
        String uscc = event.getHeader().getUscc();

        // when
        pipeStraightToTheTaxTopic(event);

        // then it is a dead letter naming the header field, counted, and builds nothing (customs would see it as its own)
        TestRecord<byte[], byte[]> dead = driver.deadLetters("tax.events.v1").readRecord();
        assertThat(header(dead, EventDecoder.REASON))
                .isEqualTo("header.sourceDepartment is CUSTOMS; tax.events.v1 carries TAX's events only");
        assertThat(driver.counter("sharebus.dlt.records", "topic", "tax.events.v1")).isEqualTo(1);
        assertThat(driver.profile(uscc)).isNull();
    }

    @Test
    void shouldDeadLetterAnEventWhoseHeaderNamesAnotherTypeThanItsPayloadWhenItIsWrittenStraightToATopic() {
        // given a tax credit level whose header calls it another tax event type
        start(AUGUST);
        org.sharebus.event.tax.TaxEvent event = TaxExamples.creditLevelA();
        event.getHeader().setEventType("AbnormalTaxpayerListed");
        String uscc = event.getHeader().getUscc();

        // when
        pipeStraightToTheTaxTopic(event);

        // then
        TestRecord<byte[], byte[]> dead = driver.deadLetters("tax.events.v1").readRecord();
        assertThat(header(dead, EventDecoder.REASON))
                .isEqualTo("header.eventType is AbnormalTaxpayerListed but the payload is a " + event.getPayload().getClass().getSimpleName());
        assertThat(driver.profile(uscc)).isNull();
    }

    @Test
    void shouldDeadLetterAnEventHoldingANulWhenItIsWrittenStraightToATopic() {
        // given a tax event whose enterprise name holds U+0000, which no PostgreSQL text column can store
        start(AUGUST);
        org.sharebus.event.tax.TaxEvent event = TaxExamples.creditLevelA();
        event.getHeader().setEnterpriseName("杭州西溪\u0000数字科技有限公司");
        String uscc = event.getHeader().getUscc();

        // when
        pipeStraightToTheTaxTopic(event);

        // then it is a dead letter naming the field and the character, and builds nothing the read models could not write
        TestRecord<byte[], byte[]> dead = driver.deadLetters("tax.events.v1").readRecord();
        assertThat(header(dead, EventDecoder.REASON)).isEqualTo("header.enterpriseName holds the control character U+0000 at character 5;"
                + " only tab, line feed and carriage return are allowed");
        assertThat(driver.profile(uscc)).isNull();
        assertThat(driver.notices()).isEmpty();
    }

    @Test
    void shouldDeadLetterAnEventWithAStringLongerThanTheGatewayTakesWhenItIsWrittenStraightToATopic() {
        // given tax events with a name of 201 characters (the envelope's limit is 200), and a payload string past the default 4,000
        start(AUGUST);
        org.sharebus.event.tax.TaxEvent longName = TaxExamples.creditLevelA();
        longName.getHeader().setEnterpriseName("杭".repeat(201));
        LocalDate july = LocalDate.of(2026, 7, 10);
        org.sharebus.event.tax.TaxEvent longPayload = Events.tax(july, org.sharebus.event.tax.AbnormalTaxpayerListed.newBuilder().setListedOn(july)
                .setReason("走".repeat(4_001)).setTaxAuthority("国家税务总局杭州市西湖区税务局").build());

        // when
        pipeStraightToTheTaxTopic(longName);
        pipeStraightToTheTaxTopic(longPayload);

        // then both are dead letters naming the field and the limit: a notice repeating such a string could outgrow a Kafka record
        assertThat(driver.deadLetters("tax.events.v1").readRecordsToList()).extracting(r -> header(r, EventDecoder.REASON)).containsExactly(
                "header.enterpriseName has 201 characters, at most 200 are allowed (the gateway's limit)",
                "payload.reason has 4001 characters, at most 4000 are allowed (the gateway's limit)");
        assertThat(driver.profile(longName.getHeader().getUscc())).isNull();
        assertThat(driver.profile(longPayload.getHeader().getUscc())).isNull();
    }

    @Test
    void shouldDeadLetterAnEventWithAWholeNumberOutsideItsBoundsWhenItIsWrittenStraightToATopic() {
        // given tax credit levels of year 1900 and with a score of 101 (the schema's bounds: 1949 to 2100, 0 to 100)
        start(AUGUST);
        org.sharebus.event.tax.TaxEvent oldYear = TaxExamples.creditLevelA();
        ((org.sharebus.event.tax.TaxCreditLevelPublished) oldYear.getPayload()).setYear(1900);
        org.sharebus.event.tax.TaxEvent highScore = TaxExamples.creditLevelA();
        highScore.getHeader().setEventId(java.util.UUID.randomUUID());
        ((org.sharebus.event.tax.TaxCreditLevelPublished) highScore.getPayload()).setScore(101);

        // when
        pipeStraightToTheTaxTopic(oldYear);
        pipeStraightToTheTaxTopic(highScore);

        // then both are dead letters naming the field and the bound, as the gateway's refusal would
        assertThat(driver.deadLetters("tax.events.v1").readRecordsToList()).extracting(r -> header(r, EventDecoder.REASON)).containsExactly(
                "payload.year must be at least 1949, got 1900", "payload.score must be at most 100, got 101");
        assertThat(driver.profile(oldYear.getHeader().getUscc())).isNull();
    }

    /** As a department's own producer would write it, keyed by its header's USCC: no gateway between. */
    private void pipeStraightToTheTaxTopic(org.sharebus.event.tax.TaxEvent event) {
        byte[] value = new org.sharebus.serde.ConfluentAvroSerializer<>(driver.registry, org.sharebus.event.tax.TaxEvent.class)
                .serialize("tax.events.v1", event);
        driver.pipeRaw("tax.events.v1", event.getHeader().getUscc().getBytes(StandardCharsets.UTF_8), value);
    }

    @Test
    void shouldDeadLetterAServiceTradeLineThatWouldCarryTheTotalsPastWhatAProfileHoldsAndBuildTheNextEnterprise() {
        // given an enterprise whose service-trade export total has the 16 digits before the point a profile holds
        start(AUGUST);
        driver.pipe(Events.commerce(LocalDate.of(2026, 4, 8), serviceTrade("2026-Q1", "9999999999999999.99")));
        String uscc = Events.ENTERPRISE.uscc().value();

        // when a second line would carry it past them, and then another enterprise's event comes
        driver.pipe(Events.commerce(LocalDate.of(2026, 7, 8), serviceTrade("2026-Q2", "1.00")));
        driver.pipe(TaxExamples.creditLevelA());

        // then the line is a dead letter with the reason, counted; the profile keeps the first; the other enterprise is built
        TestRecord<byte[], byte[]> dead = driver.deadLetters("commerce.events.v1").readRecord();
        assertThat(header(dead, EventDecoder.REASON))
                .isEqualTo("the line would carry the enterprise's service-trade totals past the 16 digits before the point a profile holds");
        assertThat(header(dead, EventDecoder.TOPIC)).isEqualTo("commerce.events.v1");
        assertThat(driver.counter("sharebus.dlt.records", "topic", "commerce.events.v1")).isEqualTo(1);
        assertThat(driver.profile(uscc).getServiceTrade().getLines()).isEqualTo(1);
        assertThat(driver.profile(uscc).getServiceTrade().getTotalExportUsd()).isEqualByComparingTo("9999999999999999.99");
        assertThat(driver.profile(TaxExamples.creditLevelA().getHeader().getUscc()).getTaxCredit().getLevel()).isEqualTo("A");
    }

    @Test
    void shouldDeadLetterAnAnnualReportOnAYearThatHadNotEndedWhenItWasFiledAndKeepTheRealYears() {
        // given an enterprise whose 2025 report is filed (written straight to the topic: the gateway refuses the next one)
        start(AUGUST);
        driver.pipe(Events.registered(LocalDate.of(2020, 3, 1)), Events.annualReport(2025, LocalDate.of(2026, 5, 10), false));
        String uscc = Events.ENTERPRISE.uscc().value();

        // when a report on 2062, a mistyped 2026, filed in 2026 comes
        driver.pipe(Events.annualReport(2062, LocalDate.of(2026, 7, 1), true));

        // then it is a dead letter naming the field and the years, and the profile keeps its real years
        TestRecord<byte[], byte[]> dead = driver.deadLetters("market.events.v1").readRecord();
        assertThat(header(dead, EventDecoder.REASON)).startsWith("payload.reportYear is 2062, but the report was filed in 2026")
                .endsWith("2025 or earlier");
        assertThat(driver.profile(uscc).getAnnualReports()).extracting(r -> r.getYear()).contains(2025).doesNotContain(2062);
    }

    private static org.sharebus.event.commerce.ServiceTradeReportSubmitted serviceTrade(String period, String exportUsd) {
        return org.sharebus.event.commerce.ServiceTradeReportSubmitted.newBuilder().setPeriod(period).setServiceCategory("SI")
                .setExportAmountUsd(new java.math.BigDecimal(exportUsd)).setImportAmountUsd(new java.math.BigDecimal("0.00"))
                .setDigitalService(true).setPartnerCountry("SG").setLate(false).build();
    }

    @Test
    void shouldKeepAnOldPenaltyStillPublishedBeyondTheListsTwentyAndFindItsNumberForARepairNamingOnlyItsEvent() {
        // given an old fine (published for 3 years) and an old reprimand (3 months), then twenty newer penalties
        start(AUGUST);
        MarketEvent oldFine = Events.penalty("杭西市监罚〔2025〕1号", LocalDate.of(2025, 9, 1), new BigDecimal("50000.00"), PenaltyType.FINE);
        driver.pipe(oldFine);
        driver.pipe(Events.penalty("杭西市监罚〔2025〕2号", LocalDate.of(2025, 9, 2), null, PenaltyType.REPRIMAND));
        for (int i = 1; i <= 20; i++) {
            driver.pipe(Events.penalty("杭西市监罚〔2026〕" + i + "号", LocalDate.of(2026, 1, 1).plusDays(i), new BigDecimal("1000.00"),
                    PenaltyType.FINE));
        }
        String uscc = Events.ENTERPRISE.uscc().value();

        // then the profile keeps the twenty newest and the fine still published, not the reprimand whose publicity ended
        List<String> numbers = driver.profile(uscc).getPenalties().stream().map(Penalty::getDecisionNo).toList();
        assertThat(numbers).hasSize(21).contains("杭西市监罚〔2025〕1号").doesNotContain("杭西市监罚〔2025〕2号");

        // and a repair naming only the fine's event knows its number (what the public page leaves out by)
        driver.pipe(Events.credit(LocalDate.of(2026, 7, 1), CreditRepaired.newBuilder()
                .setRepairedRecordType(RepairedRecordType.ADMINISTRATIVE_PENALTY).setRepairedEventId(oldFine.getHeader().getEventId())
                .setRepairedOn(LocalDate.of(2026, 7, 1)).setAuthority("杭州市西湖区市场监督管理局").build(), null));
        assertThat(driver.profile(uscc).getCreditRepairs()).extracting(CreditRepair::getRepairedDocNo).contains("杭西市监罚〔2025〕1号");
        assertThat(driver.profile(uscc).getPenalties()).extracting(Penalty::getDecisionNo).doesNotContain("杭西市监罚〔2025〕1号");
    }

    @Test
    void shouldBuildProfileUnderKeyWhenHeaderWritesSameUsccInLowerCase() {
        // given an event whose header.uscc is the key's USCC written in lower case
        start(AUGUST);
        org.sharebus.event.tax.TaxEvent event = TaxExamples.creditLevelA();
        String uscc = event.getHeader().getUscc();
        event.getHeader().setUscc(uscc.toLowerCase(java.util.Locale.ROOT));
        byte[] value = new org.sharebus.serde.ConfluentAvroSerializer<>(driver.registry, org.sharebus.event.tax.TaxEvent.class)
                .serialize("tax.events.v1", event);

        // when
        driver.pipeRaw("tax.events.v1", uscc.getBytes(StandardCharsets.UTF_8), value);

        // then it is the same enterprise: the profile is under the key
        assertThat(driver.deadLetters("tax.events.v1").isEmpty()).isTrue();
        assertThat(driver.profile(uscc).getTaxCredit().getLevel()).isEqualTo("A");
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
