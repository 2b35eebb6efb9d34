package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharebus.consumers.profile.Events.ENTERPRISE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharebus.event.EventExamples;
import org.sharebus.event.common.Department;
import org.sharebus.event.credit.CreditEvent;
import org.sharebus.event.credit.CreditRepaired;
import org.sharebus.event.credit.RepairedRecordType;
import org.sharebus.event.credit.SeriousDishonestListType;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsCreditClass;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.market.CancelType;
import org.sharebus.event.market.ChangeItem;
import org.sharebus.event.market.EnterpriseChanged;
import org.sharebus.event.market.EnterpriseDeregistered;
import org.sharebus.event.market.EnterpriseRevoked;
import org.sharebus.event.market.MarketEvent;
import org.sharebus.event.market.PenaltyType;
import org.sharebus.event.tax.AbnormalTaxpayerListed;
import org.sharebus.event.tax.TaxCreditLevel;
import org.sharebus.notice.NoticeClosed;
import org.sharebus.notice.NoticeEvent;
import org.sharebus.notice.NoticeRaised;

/**
 * The notice rules inside the profile topology (TopologyTestDriver, real serde): which event
 * tells which departments what, once, and never the department the fact came from; history
 * (older than the rules table's cutoff) tells no one.
 */
class NoticeRoutingTest {

    private static final Instant AUGUST = EventExamples.at(2026, 8, 1, 9, 0);
    private static final String XIXI = ENTERPRISE.uscc().value();
    private static final String NAME = ENTERPRISE.name();
    /** Three weeks before {@link #AUGUST}: news, within the rules table's history cutoff. */
    private static final LocalDate JULY = LocalDate.of(2026, 7, 10);
    private static final String SMUGGLING_NO = "杭关缉违字〔2026〕0099号";

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

    @Test
    void shouldTellMarketCreditTaxAndCommerceButNotCustomsWhenCustomsDecidesSmugglingPenalty() {
        // given
        start(AUGUST);
        CustomsEvent penalty = Events.customsPenalty(SMUGGLING_NO, CustomsCaseType.SMUGGLING, JULY);

        // when
        driver.pipe(penalty);

        // then
        List<TestRecord<String, NoticeEvent>> notices = driver.notices();
        assertThat(notices).extracting(r -> raised(r.value()).getTargetDepartment())
                .containsExactlyInAnyOrder(Department.MARKET, Department.CREDIT, Department.TAX, Department.COMMERCE);
        assertThat(notices).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(XIXI);
            NoticeEvent notice = r.value();
            NoticeRaised raised = raised(notice);
            assertThat(notice.getEventType()).isEqualTo("NoticeRaised");
            assertThat(raised.getRuleCode()).isEqualTo("CUSTOMS_SMUGGLING_PENALTY");
            assertThat(raised.getSourceDepartment()).isEqualTo(Department.CUSTOMS);
            assertThat(raised.getSourceEventId()).isEqualTo(penalty.getHeader().getEventId().toString());
            assertThat(raised.getSourceEventType()).isEqualTo("CustomsPenaltyDecided");
            assertThat(raised.getSourcePublishedAt()).isEqualTo(penalty.getHeader().getPublishedAt());
            assertThat(raised.getSourceDocNo()).isEqualTo(SMUGGLING_NO);
            assertThat(raised.getEnterpriseName()).isEqualTo(NAME);
            assertThat(raised.getSummaryZh()).isEqualTo(NAME + "受海关走私行政处罚（" + SMUGGLING_NO + "）");
            assertThat(raised.getSummaryEn()).isEqualTo(NAME + ": customs penalty for smuggling (" + SMUGGLING_NO + ")");
            assertThat(raised.getSuggestedActionZh()).startsWith("提高信用风险分类或开展定向检查");
            assertThat(raised.getSuggestedActionEn()).startsWith("Raise the risk class or run a targeted check");
            assertThat(raised.getRaisedAt()).isEqualTo(AUGUST);
            // ten days on is Sunday 16 August: the period ends on the next working day
            assertThat(raised.getDueOn()).isEqualTo(LocalDate.of(2026, 8, 17));
            assertThat(raised.getBasis()).contains("海关总署令第251号");
        });
        assertThat(notices).extracting(r -> r.value().getNoticeId()).doesNotHaveDuplicates();
        assertThat(driver.counter("sharebus.notices.raised", "department", "TAX", "rule", "CUSTOMS_SMUGGLING_PENALTY")).isEqualTo(1);
        assertThat(driver.counter("sharebus.notices.raised", "department", "CUSTOMS", "rule", "CUSTOMS_SMUGGLING_PENALTY")).isZero();
    }

    @Test
    void shouldTellNoOtherDepartmentWhenCustomsMarksItsSmugglingPenaltyInternal() {
        // given customs publishes the smuggling penalty for its own staff only
        start(AUGUST);
        CustomsEvent penalty = Events.customsPenalty(SMUGGLING_NO, CustomsCaseType.SMUGGLING, JULY);
        CustomsEvent internal = CustomsEvent.newBuilder(penalty).setHeader(org.sharebus.event.common.EventHeader.newBuilder(penalty.getHeader())
                .setVisibility(org.sharebus.event.common.Visibility.INTERNAL).build()).build();

        // when
        driver.pipe(internal);

        // then no department is told (a notice would share what customs kept to itself), and the fact is in the profile
        assertThat(driver.notices()).isEmpty();
        assertThat(driver.profile(XIXI).getPenalties()).extracting(p -> p.getDecisionNo()).contains(SMUGGLING_NO);
    }

    @Test
    void shouldRaiseNothingAgainWhenEventIsResentOrDecisionResentUnderNewEventId() {
        // given a smuggling penalty already notified
        start(AUGUST);
        CustomsEvent penalty = Events.customsPenalty(SMUGGLING_NO, CustomsCaseType.SMUGGLING, JULY);
        driver.pipe(penalty);
        assertThat(driver.notices()).hasSize(4);

        // when the same event comes again, and the same decision under another event id
        driver.pipe(penalty);
        CustomsEvent resent = CustomsEvent.newBuilder(penalty)
                .setHeader(org.sharebus.event.common.EventHeader.newBuilder(penalty.getHeader()).setEventId(UUID.randomUUID()).build())
                .build();
        driver.pipe(resent);

        // then
        assertThat(driver.notices()).isEmpty();
    }

    @Test
    void shouldRaiseNothingWhenLaterUnrelatedEventsArrive() {
        // given an enterprise downgraded to dishonest by customs
        start(AUGUST);
        driver.pipe(Events.customsClass(CustomsCreditClass.DISHONEST, JULY));
        assertThat(driver.notices()).extracting(r -> raised(r.value()).getRuleCode()).containsOnly("CUSTOMS_DISHONEST").hasSize(4);

        // when other facts follow: a minor penalty, a tax level B, a customs penalty that is not smuggling,
        // and customs confirms the same class again
        driver.pipe(Events.penalty("西市监罚〔2026〕77号", JULY.plusDays(3), null, PenaltyType.WARNING),
                Events.taxLevel(2025, TaxCreditLevel.B, JULY.plusDays(4)),
                Events.customsPenalty("杭关违字〔2026〕0100号", CustomsCaseType.REGULATORY_VIOLATION, JULY.plusDays(5)),
                Events.customsClass(CustomsCreditClass.DISHONEST, JULY.plusDays(6)));

        // then
        assertThat(driver.notices()).isEmpty();
    }

    @Test
    void shouldTellTheOthersAndCloseTheDishonestNoticesWhenCustomsRepairsTheEnterprisesClass() {
        // given an enterprise downgraded to dishonest by customs, notified to four departments, then a customs filing
        start(AUGUST);
        driver.pipe(Events.customsClass(CustomsCreditClass.DISHONEST, JULY));
        List<TestRecord<String, NoticeEvent>> downgraded = driver.notices();
        driver.pipe(Events.customs(JULY.plusDays(2), org.sharebus.event.customs.CustomsFilingRegistered.newBuilder()
                .setCustomsCode("3301960001").setRegisteredCustoms("杭州海关").setBusinessCategory("进出口货物收发货人")
                .setRegisteredOn(JULY.plusDays(2)).build()));
        assertThat(driver.notices()).isEmpty();

        // when customs repairs its credit (海关信用修复): the class is REGULAR again
        driver.pipe(Events.customsClass(CustomsCreditClass.REGULAR, JULY.plusDays(20)));

        // then the four are told the dishonest class is gone, and its four notices are closed
        List<TestRecord<String, NoticeEvent>> repaired = driver.notices();
        assertThat(raisedIn(repaired)).allSatisfy(n -> {
            assertThat(n.getRuleCode()).isEqualTo("CREDIT_REPAIRED");
            assertThat(n.getSourceDepartment()).isEqualTo(Department.CUSTOMS);
            assertThat(n.getSummaryZh()).isEqualTo(NAME + "信用修复或移出名单（海关失信企业）");
            assertThat(n.getSummaryEn()).isEqualTo(NAME + ": credit repaired or removed from a list (customs dishonest enterprise)");
            assertThat(n.getSourceDocNo()).as("a document number, not a class code").isNull();
        }).extracting(NoticeRaised::getTargetDepartment)
                .containsExactlyInAnyOrder(Department.MARKET, Department.CREDIT, Department.TAX, Department.COMMERCE);
        assertThat(closedIn(repaired)).extracting(r -> r.value().getNoticeId())
                .containsExactlyInAnyOrderElementsOf(downgraded.stream().map(r -> r.value().getNoticeId()).toList());
    }

    @Test
    void shouldTellNobodyThatADishonestClassCustomsKeptToItselfEnded() {
        // given customs classed the enterprise DISHONEST for its own staff only: nobody was told
        start(AUGUST);
        driver.pipe(Events.internal(Events.customsClass(CustomsCreditClass.DISHONEST, JULY)));
        assertThat(driver.notices()).isEmpty();

        // when it publishes the class REGULAR again
        driver.pipe(Events.customsClass(CustomsCreditClass.REGULAR, JULY.plusDays(20)));

        // then no department hears of a class it was never told of
        assertThat(raisedIn(driver.notices())).isEmpty();
    }

    @Test
    void shouldTellTheOthersOfAPublicDishonestClassThatFollowsTheSameClassCustomsKeptToItself() {
        // given the class REGULAR, published; then DISHONEST, which customs kept to itself: nobody was told
        start(AUGUST);
        driver.pipe(Events.customsClass(CustomsCreditClass.REGULAR, JULY.minusDays(5)));
        driver.pipe(Events.internal(Events.customsClass(CustomsCreditClass.DISHONEST, JULY)));
        assertThat(raisedIn(driver.notices())).isEmpty();

        // when customs publishes DISHONEST for everyone
        driver.pipe(Events.customsClass(CustomsCreditClass.DISHONEST, JULY.plusDays(3)));

        // then the four hear of it now: to them the enterprise went from REGULAR to DISHONEST
        assertThat(raisedIn(driver.notices())).extracting(NoticeRaised::getRuleCode).containsOnly("CUSTOMS_DISHONEST");
    }

    @Test
    void shouldNeitherTellNorCloseAnythingWhenCustomsKeepsAClassChangeToItselfAndNameTheEnterpriseAsTheOthersKnowIt() {
        // given a DISHONEST class everyone was told of, and a change of name market supervision kept to itself
        start(AUGUST);
        driver.pipe(Events.customsClass(CustomsCreditClass.DISHONEST, JULY));
        assertThat(raisedIn(driver.notices())).hasSize(4);
        driver.pipe(Events.internal(Events.market(JULY.plusDays(1), EnterpriseChanged.newBuilder()
                .setChangeItems(List.of(new ChangeItem("名称", NAME, "杭州西溪保密新名称有限公司")))
                .setChangedOn(JULY.plusDays(1)).build(), null)));

        // when customs repairs the class for its own staff only
        driver.pipe(Events.internal(Events.customsClass(CustomsCreditClass.REGULAR, JULY.plusDays(2))));

        // then the others' DISHONEST notices stay open: closing them would tell of the change
        assertThat(driver.notices()).isEmpty();

        // and a smuggling penalty after it names the enterprise as the others know it
        driver.pipe(Events.customsPenalty(SMUGGLING_NO, CustomsCaseType.SMUGGLING, JULY.plusDays(4)));
        assertThat(raisedIn(driver.notices())).isNotEmpty().allSatisfy(n -> {
            assertThat(n.getEnterpriseName()).isEqualTo(NAME);
            assertThat(n.getSummaryZh()).doesNotContain("保密新名称");
        });
    }

    @Test
    void shouldTellNobodyThatAnAbnormalListingMarketKeptToItselfWasRemoved() {
        // given market supervision listed the enterprise for its own staff only: nobody was told
        start(AUGUST);
        driver.pipe(Events.internal(Events.abnormalListed("西市监异〔2026〕12号", JULY)));
        assertThat(driver.notices()).isEmpty();

        // when it publishes the removal
        driver.pipe(Events.abnormalRemoved("西市监异〔2026〕12号", "西市监移〔2026〕3号", JULY.plusDays(7)));

        // then no department hears of a repair of a listing it was never told of
        assertThat(raisedIn(driver.notices())).isEmpty();
    }

    @Test
    void shouldTellAgainWhenCustomsClassWorsensToSeriousDishonest() {
        // given
        start(AUGUST);
        driver.pipe(Events.customsClass(CustomsCreditClass.DISHONEST, JULY));
        List<TestRecord<String, NoticeEvent>> dishonest = driver.notices();

        // when
        driver.pipe(Events.customsClass(CustomsCreditClass.SERIOUS_DISHONEST, JULY.plusDays(7)));

        // then the four are told again, and the DISHONEST notices give way to the new ones
        List<TestRecord<String, NoticeEvent>> serious = driver.notices();
        assertThat(raisedIn(serious))
                .allSatisfy(n -> assertThat(n.getSummaryZh()).isEqualTo(NAME + "海关信用等级调整为严重失信企业"))
                .extracting(NoticeRaised::getTargetDepartment)
                .containsExactlyInAnyOrder(Department.MARKET, Department.CREDIT, Department.TAX, Department.COMMERCE);
        assertThat(closedIn(serious)).extracting(r -> r.value().getNoticeId())
                .containsExactlyInAnyOrderElementsOf(dishonest.stream().map(r -> r.value().getNoticeId()).toList());

        // and when customs repairs the class, the SERIOUS_DISHONEST notices are closed too
        driver.pipe(Events.customsClass(CustomsCreditClass.REGULAR, JULY.plusDays(20)));
        assertThat(closedIn(driver.notices())).extracting(r -> r.value().getNoticeId())
                .containsExactlyInAnyOrderElementsOf(raisedInIds(serious));
    }

    private static List<UUID> raisedInIds(List<TestRecord<String, NoticeEvent>> notices) {
        return notices.stream().filter(r -> r.value().getPayload() instanceof NoticeRaised).map(r -> r.value().getNoticeId()).toList();
    }

    @Test
    void shouldTellCustomsTaxAndCommerceWhenListedAbnormalAndEveryoneElseWhenRemoved() {
        // given
        start(AUGUST);

        // when market supervision lists the enterprise
        driver.pipe(Events.abnormalListed("西市监异〔2026〕12号", JULY));

        // then
        List<TestRecord<String, NoticeEvent>> listed = driver.notices();
        assertThat(listed).extracting(r -> raised(r.value())).allSatisfy(n -> {
            assertThat(n.getRuleCode()).isEqualTo("ABNORMAL_OPERATIONS_LISTED");
            assertThat(n.getSummaryZh()).isEqualTo(NAME + "被列入经营异常名录（原因 通过登记的住所或者经营场所无法联系，西市监异〔2026〕12号）");
        }).extracting(NoticeRaised::getTargetDepartment)
                .containsExactlyInAnyOrder(Department.CUSTOMS, Department.TAX, Department.COMMERCE);

        // and when it removes the listing, every other department is told to lift its measures
        driver.pipe(Events.abnormalRemoved("西市监异〔2026〕12号", "西市监移〔2026〕3号", JULY.plusDays(7)));
        List<TestRecord<String, NoticeEvent>> removed = driver.notices();
        assertThat(raisedIn(removed)).allSatisfy(n -> {
            assertThat(n.getRuleCode()).isEqualTo("CREDIT_REPAIRED");
            assertThat(n.getSuggestedActionZh()).contains("一处修复、处处修复");
        }).extracting(NoticeRaised::getTargetDepartment)
                .containsExactlyInAnyOrder(Department.CUSTOMS, Department.TAX, Department.COMMERCE, Department.CREDIT);
        // and the listing's notices are closed by the bus: nobody goes on acting on a listing that is gone
        assertThat(closedIn(removed)).extracting(r -> r.value().getNoticeId())
                .containsExactlyInAnyOrderElementsOf(listed.stream().map(r -> r.value().getNoticeId()).toList());
        assertThat(closedIn(removed)).extracting(r -> (NoticeClosed) r.value().getPayload()).allSatisfy(c -> {
            assertThat(c.getClosedBy()).isEqualTo("sharebus");
            assertThat(c.getOutcome()).startsWith("信用已修复");
        });
    }

    @Test
    void shouldRaiseTheSameNoticesOfSamrsSeriousListingWhicheverOfItsTwoEventsIsReadFirst() {
        // given SAMR's serious listing as market supervision publishes it and as the credit office relays it (a day later)
        MarketEvent samr = Events.market(JULY, org.sharebus.event.market.SeriousDishonestyListed.newBuilder()
                .setBasis(org.sharebus.event.market.SeriousDishonestyBasis.HEAVY_PENALTY).setGrounds("g").setDecisionNo("杭西市监列严〔2026〕5号")
                .setDecidedOn(JULY).build(), "杭西市监列严〔2026〕5号");
        CreditEvent relay = Events.creditListed(SeriousDishonestListType.MARKET_SERIOUS, JULY.plusDays(1), "杭西市监列严[2026]第5号");

        // when one bus reads market's first and another (a rebuild reading the topics out of step) the relay first
        start(AUGUST);
        driver.pipe(samr);
        driver.pipe(relay);
        List<TestRecord<String, NoticeEvent>> marketFirst = driver.notices();
        driver.close();
        start(AUGUST);
        driver.pipe(relay);
        driver.pipe(samr);
        List<TestRecord<String, NoticeEvent>> relayFirst = driver.notices();

        // then both raise the same notices, to everyone but market supervision, whose list it is
        assertThat(raisedInIds(relayFirst)).hasSize(4).containsExactlyInAnyOrderElementsOf(raisedInIds(marketFirst));
        assertThat(raisedIn(relayFirst)).extracting(NoticeRaised::getTargetDepartment)
                .containsExactlyInAnyOrder(Department.CUSTOMS, Department.COMMERCE, Department.CREDIT, Department.TAX);

        // and market's removal closes those four (and those a bus before 2026-11-30 named after the listing's event)
        driver.pipe(Events.market(JULY.plusDays(5), org.sharebus.event.market.SeriousDishonestyRemoved.newBuilder()
                .setExitType(org.sharebus.event.market.SeriousDishonestyExitType.EARLY_EXIT).setListingDecisionNo("杭西市监列严〔2026〕5号")
                .setDecisionNo("杭西市监移严〔2026〕1号").setDecidedOn(JULY.plusDays(5)).build(), "杭西市监移严〔2026〕1号"));
        assertThat(closedIn(driver.notices())).extracting(r -> r.value().getNoticeId())
                .containsAll(raisedInIds(relayFirst));
    }

    @Test
    void shouldCloseTheNoticesOfSamrsSeriousListingRaisedBeforeTheirNamingByDecisionNumber() {
        // given SAMR's serious listing, whose notices a bus before 2026-11-30 named after market's event, by list, number and start
        MarketEvent samr = Events.market(JULY, org.sharebus.event.market.SeriousDishonestyListed.newBuilder()
                .setBasis(org.sharebus.event.market.SeriousDishonestyBasis.HEAVY_PENALTY).setGrounds("g").setDecisionNo("杭西市监列严〔2026〕5号")
                .setDecidedOn(JULY).build(), "杭西市监列严〔2026〕5号");
        List<UUID> raisedBeforeTheUpgrade = java.util.stream.Stream.of(Department.CUSTOMS, Department.COMMERCE, Department.CREDIT, Department.TAX)
                .map(target -> UUID.nameUUIDFromBytes((samr.getHeader().getEventId() + "|MARKET_SERIOUS|杭西市监列严〔2026〕5号|" + JULY
                        + "|SERIOUS_DISHONESTY_LISTED|" + target).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .toList();
        start(AUGUST);
        driver.pipe(samr);
        driver.notices();

        // when market supervision removes it after the upgrade
        driver.pipe(Events.market(JULY.plusDays(5), org.sharebus.event.market.SeriousDishonestyRemoved.newBuilder()
                .setExitType(org.sharebus.event.market.SeriousDishonestyExitType.EARLY_EXIT).setListingDecisionNo("杭西市监列严〔2026〕5号")
                .setDecisionNo("杭西市监移严〔2026〕1号").setDecidedOn(JULY.plusDays(5)).build(), "杭西市监移严〔2026〕1号"));

        // then the departments' notices raised before the upgrade are closed too, not left open and overdue
        assertThat(closedIn(driver.notices())).extracting(r -> r.value().getNoticeId()).containsAll(raisedBeforeTheUpgrade);
    }

    @Test
    void shouldTellOfEachOfTwoRelaysOfSamrsListThatNameNoDecisionNumber() {
        // given the credit office relaying two listings on SAMR's list, five days apart, neither naming its decision number
        // (the envelope's docNo is optional: a file import leaves it out)
        start(AUGUST);
        driver.pipe(Events.creditListed(SeriousDishonestListType.MARKET_SERIOUS, JULY, null));
        List<TestRecord<String, NoticeEvent>> first = driver.notices();

        // when the second comes
        driver.pipe(Events.creditListed(SeriousDishonestListType.MARKET_SERIOUS, JULY.plusDays(5), null));

        // then it is told of too, as the first was: two listings, not one named "no number"
        assertThat(raisedIn(first)).hasSize(4);
        assertThat(raisedIn(driver.notices())).hasSize(4);
    }

    @Test
    void shouldTellEveryDepartmentButCreditWhenCreditOfficeListsCourtDebtorAndWhenItRepairs() {
        // given
        start(AUGUST);

        // when
        driver.pipe(Events.creditListed(SeriousDishonestListType.COURT_DEBTOR, JULY, "(2026)浙0106执123号"));

        // then
        List<TestRecord<String, NoticeEvent>> listed = driver.notices();
        assertThat(listed).extracting(r -> raised(r.value())).allSatisfy(n -> {
            assertThat(n.getRuleCode()).isEqualTo("SERIOUS_DISHONESTY_LISTED");
            assertThat(n.getSourceDepartment()).isEqualTo(Department.CREDIT);
            assertThat(n.getSummaryEn()).isEqualTo(NAME + ": on a serious-dishonesty list (court dishonest debtor) (2026)浙0106执123号");
        }).extracting(NoticeRaised::getTargetDepartment)
                .containsExactlyInAnyOrder(Department.MARKET, Department.CUSTOMS, Department.COMMERCE, Department.TAX);

        // and a credit repair goes to the same four
        driver.pipe(Events.repaired(RepairedRecordType.SERIOUS_DISHONEST_LISTING, "(2026)浙0106执123号", JULY.plusDays(14)));
        List<TestRecord<String, NoticeEvent>> repaired = driver.notices();
        assertThat(raisedIn(repaired))
                .allSatisfy(n -> assertThat(n.getRuleCode()).isEqualTo("CREDIT_REPAIRED"))
                .extracting(NoticeRaised::getTargetDepartment)
                .containsExactlyInAnyOrder(Department.MARKET, Department.CUSTOMS, Department.COMMERCE, Department.TAX);
        // and the listing's four notices are closed
        assertThat(closedIn(repaired)).extracting(r -> r.value().getNoticeId())
                .containsExactlyInAnyOrderElementsOf(listed.stream().map(r -> r.value().getNoticeId()).toList());
    }

    @Test
    void shouldTellTheOthersToLiftTheMeasuresAndCloseTheListingsNoticesWhenACourtListingsTermRunsOut() {
        // given a court listing of 10 July 2026, two years by the rules table (10 July 2028 the last day), notified to four departments
        start(AUGUST);
        driver.pipe(Events.creditListed(SeriousDishonestListType.COURT_DEBTOR, JULY, "(2026)浙0106执55号"));
        List<TestRecord<String, NoticeEvent>> listed = driver.notices();
        assertThat(listed).hasSize(4);

        // when 11 July 2028 comes and the review finds the term over
        driver.advance(Duration.between(AUGUST, EventExamples.at(2028, 7, 11, 9, 0)));

        // then the same four are told it ended (lift the measures), and the listing's four notices are closed
        List<TestRecord<String, NoticeEvent>> ended = driver.notices();
        assertThat(raisedIn(ended)).allSatisfy(n -> {
            assertThat(n.getRuleCode()).isEqualTo("CREDIT_REPAIRED");
            assertThat(n.getSourceDepartment()).isEqualTo(Department.CREDIT);
            assertThat(n.getSourceEventType()).isEqualTo("SeriousListingEnded");
            assertThat(n.getSourceDocNo()).isEqualTo("(2026)浙0106执55号");
        }).extracting(NoticeRaised::getTargetDepartment)
                .containsExactlyInAnyOrder(Department.MARKET, Department.CUSTOMS, Department.COMMERCE, Department.TAX);
        assertThat(closedIn(ended)).extracting(r -> r.value().getNoticeId())
                .containsExactlyInAnyOrderElementsOf(listed.stream().map(r -> r.value().getNoticeId()).toList());
        // and later reviews raise nothing more
        driver.advance(Duration.ofDays(40));
        assertThat(driver.notices()).isEmpty();
    }

    @Test
    void shouldTellOfAnEndedListingWhenAnEventOnTheDayIsCommittedBeforeTheReviewRuns() {
        // given a court listing whose two years end with 10 July 2028, at 23:30 that evening (reviews run hourly)
        start(EventExamples.at(2028, 7, 10, 23, 30));
        driver.pipe(Events.creditListed(SeriousDishonestListType.COURT_DEBTOR, JULY, "(2026)浙0106执56号"));
        driver.notices();

        // when, ten minutes past midnight and before the next review, a tax event for the enterprise is committed
        driver.advance(Duration.ofMinutes(40));
        driver.pipe(Events.taxLevel(2027, TaxCreditLevel.B, LocalDate.of(2028, 7, 10)));

        // then the commit, which moves the review on, tells the four of the listing's end
        assertThat(raisedIn(driver.notices())).extracting(NoticeRaised::getRuleCode, NoticeRaised::getTargetDepartment)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("CREDIT_REPAIRED", Department.MARKET),
                        org.assertj.core.groups.Tuple.tuple("CREDIT_REPAIRED", Department.CUSTOMS),
                        org.assertj.core.groups.Tuple.tuple("CREDIT_REPAIRED", Department.COMMERCE),
                        org.assertj.core.groups.Tuple.tuple("CREDIT_REPAIRED", Department.TAX));
        // and the review that follows tells nobody again
        driver.advance(Duration.ofHours(2));
        assertThat(raisedIn(driver.notices())).isEmpty();
    }

    @Test
    void shouldTellEveryOtherDepartmentWhenEnterpriseIsRevokedThenDeregistered() {
        // given a registered enterprise
        start(AUGUST);
        driver.pipe(Events.registered(LocalDate.of(2020, 3, 1)));
        driver.notices();

        // when its licence is revoked, and later it is deregistered
        driver.pipe(Events.market(JULY, EnterpriseRevoked.newBuilder().setRevokedOn(JULY).setDecisionNo("西市监吊〔2026〕5号")
                .setRevocationGrounds("成立后无正当理由超过六个月未开业").build(), "西市监吊〔2026〕5号"));
        List<NoticeRaised> revoked = driver.notices().stream().map(r -> raised(r.value())).toList();
        driver.pipe(Events.market(JULY.plusDays(14), EnterpriseDeregistered.newBuilder().setCancelType(CancelType.NORMAL)
                .setDeregisteredOn(JULY.plusDays(14)).build(), null));
        List<NoticeRaised> deregistered = driver.notices().stream().map(r -> raised(r.value())).toList();

        // then
        assertThat(revoked).allSatisfy(n -> assertThat(n.getSummaryZh()).isEqualTo(NAME + "被吊销营业执照（西市监吊〔2026〕5号）"))
                .extracting(NoticeRaised::getTargetDepartment)
                .containsExactlyInAnyOrder(Department.CUSTOMS, Department.COMMERCE, Department.CREDIT, Department.TAX);
        assertThat(deregistered).allSatisfy(n -> assertThat(n.getRuleCode()).isEqualTo("ENTERPRISE_DEREGISTERED"))
                .extracting(NoticeRaised::getTargetDepartment)
                .containsExactlyInAnyOrder(Department.CUSTOMS, Department.COMMERCE, Department.CREDIT, Department.TAX);
    }

    @Test
    void shouldNameTheRevocationDecisionWhenMarketGivesItOnlyInThePayload() {
        // given a registered enterprise
        start(AUGUST);
        driver.pipe(Events.registered(LocalDate.of(2020, 3, 1)));
        driver.notices();

        // when its licence is revoked by an event whose envelope has no docNo (optional there; a file import has none)
        driver.pipe(Events.market(JULY, EnterpriseRevoked.newBuilder().setRevokedOn(JULY).setDecisionNo("西市监吊〔2026〕7号")
                .setRevocationGrounds("成立后无正当理由超过六个月未开业").build(), null));

        // then each department reads which decision revoked it, not "被吊销营业执照（）"
        assertThat(driver.notices().stream().map(r -> raised(r.value())).toList()).hasSize(4).allSatisfy(n -> {
            assertThat(n.getSummaryZh()).isEqualTo(NAME + "被吊销营业执照（西市监吊〔2026〕7号）");
            assertThat(n.getSummaryEn()).isEqualTo(NAME + ": business licence revoked (西市监吊〔2026〕7号)");
            assertThat(n.getSourceDocNo()).isEqualTo("西市监吊〔2026〕7号");
        });
    }

    @Test
    void shouldTellMarketAndCommerceOfIncentivesOnceWhenAeoGrantedAndTaxLevelBecomesA() {
        // given
        start(AUGUST);

        // when customs grants AEO status and tax publishes level A for two years running
        driver.pipe(Events.customsClass(CustomsCreditClass.ADVANCED_CERTIFIED, JULY));
        List<NoticeRaised> aeo = driver.notices().stream().map(r -> raised(r.value())).toList();
        driver.pipe(Events.taxLevel(2024, TaxCreditLevel.A, JULY.plusDays(1)));
        List<NoticeRaised> taxA = driver.notices().stream().map(r -> raised(r.value())).toList();
        driver.pipe(Events.taxLevel(2025, TaxCreditLevel.A, JULY.plusDays(2)));

        // then
        assertThat(aeo).extracting(NoticeRaised::getRuleCode).containsOnly("AEO_GRANTED");
        assertThat(aeo).extracting(NoticeRaised::getTargetDepartment).containsExactlyInAnyOrder(Department.MARKET, Department.COMMERCE);
        assertThat(taxA).extracting(NoticeRaised::getSummaryZh).containsOnly(NAME + "评为纳税信用A级（2024年度）");
        assertThat(taxA).extracting(NoticeRaised::getTargetDepartment).containsExactlyInAnyOrder(Department.MARKET, Department.COMMERCE);
        assertThat(driver.notices()).isEmpty();
    }

    @Test
    void shouldTellMarketAndCustomsWhenTaxRecognisesAbnormalTaxpayer() {
        // given
        start(AUGUST);

        // when
        driver.pipe(Events.tax(JULY, AbnormalTaxpayerListed.newBuilder().setListedOn(JULY).setReason("逾期未申报且无法联系")
                .setTaxAuthority("国家税务总局杭州市西湖区税务局").build()));

        // then
        assertThat(driver.notices()).extracting(r -> raised(r.value())).allSatisfy(n -> {
            assertThat(n.getRuleCode()).isEqualTo("ABNORMAL_TAXPAYER");
            assertThat(n.getSourceDepartment()).isEqualTo(Department.TAX);
        }).extracting(NoticeRaised::getTargetDepartment).containsExactlyInAnyOrder(Department.MARKET, Department.CUSTOMS);
    }

    @Test
    void shouldTellCustomsAndCommerceWhenAnnualReportBecomesMissingAtReviewButNotForYearsLongPast() {
        // given an enterprise set up in 2023 that never filed, on the evening of 30 June 2026
        start(EventExamples.at(2026, 6, 30, 18, 0));
        driver.pipe(Events.registered(LocalDate.of(2023, 3, 1)));
        assertThat(driver.notices()).as("2023 and 2024 were missing long before").isEmpty();

        // when 1 July comes and the review finds 2025 missing
        driver.advance(Duration.ofHours(7));

        // then
        List<TestRecord<String, NoticeEvent>> notices = driver.notices();
        assertThat(notices).extracting(r -> raised(r.value())).allSatisfy(n -> {
            assertThat(n.getRuleCode()).isEqualTo("ANNUAL_REPORT_MISSING");
            assertThat(n.getSourceDepartment()).isEqualTo(Department.MARKET);
            assertThat(n.getSourceEventId()).isNull();
            assertThat(n.getSourceEventType()).isEqualTo("AnnualReportMissing");
            assertThat(n.getSummaryZh()).isEqualTo(NAME + "未在截止日前报送2025年度报告");
            // ten days on is Saturday 11 July: the period ends on the next working day
            assertThat(n.getDueOn()).isEqualTo(LocalDate.of(2026, 7, 13));
        }).extracting(NoticeRaised::getTargetDepartment).containsExactlyInAnyOrder(Department.CUSTOMS, Department.COMMERCE);

        // and the next reviews and events raise nothing more
        driver.advance(Duration.ofDays(2));
        driver.pipe(Events.taxLevel(2025, TaxCreditLevel.B, LocalDate.of(2026, 7, 2)));
        assertThat(driver.notices()).isEmpty();
    }

    @Test
    void shouldRaiseNoticeWithSameIdWhenSameEventIsRoutedInAFreshTopology() {
        // given the notices of one smuggling penalty
        start(AUGUST);
        CustomsEvent penalty = Events.customsPenalty(SMUGGLING_NO, CustomsCaseType.SMUGGLING, JULY);
        driver.pipe(penalty);
        List<UUID> first = driver.notices().stream().map(r -> r.value().getNoticeId()).sorted().toList();
        driver.close();

        // when a rebuilt profile builder reads the same event again, while it is still news
        start(AUGUST.plus(Duration.ofDays(5)));
        driver.pipe(penalty);

        // then the read model will recognise every notice
        assertThat(driver.notices().stream().map(r -> r.value().getNoticeId()).sorted().toList()).isEqualTo(first);
    }

    @Test
    void shouldRaiseNothingWhenEventsOlderThanTheHistoryCutoffArriveButTellOfARecentOne() {
        // given the bus on 1 August 2026, with the rules table's cutoff of 30 days
        start(AUGUST);
        LocalDate june = LocalDate.of(2026, 6, 1);

        // when a department back-fills facts of 1 June: each would raise notices were it news
        driver.pipe(Events.customsPenalty("杭关缉违字〔2026〕0077号", CustomsCaseType.SMUGGLING, june),
                Events.customsClass(CustomsCreditClass.DISHONEST, june.plusDays(1)),
                Events.abnormalListed("西市监异〔2026〕9号", june.plusDays(2)),
                Events.creditListed(SeriousDishonestListType.COURT_DEBTOR, june.plusDays(3), "(2026)浙0106执77号"),
                Events.taxLevel(2025, TaxCreditLevel.A, june.plusDays(4)),
                Events.tax(june.plusDays(5), AbnormalTaxpayerListed.newBuilder().setListedOn(june.plusDays(5)).setReason("走逃")
                        .setTaxAuthority("国家税务总局杭州市西湖区税务局").build()),
                Events.market(june.plusDays(6), EnterpriseRevoked.newBuilder().setRevokedOn(june.plusDays(6)).setDecisionNo("西市监吊〔2026〕2号")
                        .setRevocationGrounds("成立后无正当理由超过六个月未开业").build(), "西市监吊〔2026〕2号"),
                Events.repaired(RepairedRecordType.SERIOUS_DISHONEST_LISTING, "(2026)浙0106执77号", june.plusDays(7)));

        // then no department is told, and nothing is closed: the repaired listing was history too, it raised nothing
        assertThat(driver.notices()).isEmpty();

        // and when a smuggling penalty of 5 July (27 days before) follows, it is news
        driver.pipe(Events.customsPenalty(SMUGGLING_NO, CustomsCaseType.SMUGGLING, LocalDate.of(2026, 7, 5)));
        assertThat(driver.notices()).extracting(r -> raised(r.value()).getRuleCode()).containsOnly("CUSTOMS_SMUGGLING_PENALTY").hasSize(4);
    }

    @Test
    void shouldTellOfAReportYearMissedWithinTheHistoryCutoffWhenTheEnterpriseReachesTheBusLate() {
        // given 20 July 2026: the 2025 reports were due on 30 June, 20 days before (cutoff 30 days)
        start(EventExamples.at(2026, 7, 20, 9, 0));

        // when the registration of an enterprise set up in 2024 reaches the bus, with no 2025 report
        MarketEvent registration = Events.registered(LocalDate.of(2024, 3, 1));
        registration.getHeader().setPublishedAt(EventExamples.at(2026, 7, 20, 8, 59));
        driver.pipe(registration);

        // then customs and commerce are told of 2025, though the registration itself is history
        assertThat(driver.notices()).extracting(r -> raised(r.value())).allSatisfy(n -> {
            assertThat(n.getRuleCode()).isEqualTo("ANNUAL_REPORT_MISSING");
            assertThat(n.getSummaryZh()).isEqualTo(NAME + "未在截止日前报送2025年度报告");
            assertThat(n.getDueOn()).isEqualTo(LocalDate.of(2026, 7, 30));
        }).extracting(NoticeRaised::getTargetDepartment).containsExactlyInAnyOrder(Department.CUSTOMS, Department.COMMERCE);
    }

    @Test
    void shouldCloseAMissingReportYearsNoticesWhenTheReportIsFiledSince() {
        // given 20 July 2026: a registration reaching the bus late raised the 2025 report's notices
        start(EventExamples.at(2026, 7, 20, 9, 0));
        List<TestRecord<String, NoticeEvent>> missing = reportMissingFor2025Told();

        // when the 2025 report, filed late on 18 July, reaches the bus after it (a department's back-fill)
        driver.pipe(Events.annualReport(2025, LocalDate.of(2026, 7, 18), true));

        // then the bus closes those notices: the finding no longer holds
        List<TestRecord<String, NoticeEvent>> filed = driver.notices();
        assertThat(raisedIn(filed)).isEmpty();
        assertThat(closedIn(filed)).extracting(r -> r.value().getNoticeId())
                .containsExactlyInAnyOrderElementsOf(missing.stream().map(r -> r.value().getNoticeId()).toList());
        assertThat(closedIn(filed)).extracting(r -> (NoticeClosed) r.value().getPayload()).allSatisfy(c -> {
            assertThat(c.getClosedBy()).isEqualTo("sharebus");
            assertThat(c.getOutcome()).startsWith("2025年度报告已补报");
        }).extracting(NoticeClosed::getDepartment).containsExactlyInAnyOrder(Department.CUSTOMS, Department.COMMERCE);
    }

    @Test
    void shouldLeaveAMissingReportYearsNoticesOpenWhenMarketKeepsTheFilingToItself() {
        // given the 2025 report's notices
        start(EventExamples.at(2026, 7, 20, 9, 0));
        reportMissingFor2025Told();

        // when market publishes the filing for its own staff only
        driver.pipe(Events.internal(Events.annualReport(2025, LocalDate.of(2026, 7, 18), true)));

        // then nothing is closed: closing the others' notices would tell them of the filing
        assertThat(driver.notices()).isEmpty();
    }

    @Test
    void shouldCloseAMissingReportYearsNoticesWhenAFilingKeptInternalIsPublishedSince() {
        // given the 2025 report's notices, and market's filing first kept to its own staff
        start(EventExamples.at(2026, 7, 20, 9, 0));
        List<TestRecord<String, NoticeEvent>> missing = reportMissingFor2025Told();
        driver.pipe(Events.internal(Events.annualReport(2025, LocalDate.of(2026, 7, 18), true)));
        assertThat(driver.notices()).isEmpty();

        // when market then publishes the filing for everyone (a correction of its visibility, a resend as PUBLIC)
        driver.pipe(Events.annualReport(2025, LocalDate.of(2026, 7, 19), true));

        // then the others' notices close now that they may know of it
        assertThat(closedIn(driver.notices())).extracting(r -> r.value().getNoticeId())
                .containsExactlyInAnyOrderElementsOf(missing.stream().map(r -> r.value().getNoticeId()).toList());
    }

    @Test
    void shouldCloseAMissingReportYearsNoticesWhenTheEnterpriseTurnsOutDeregisteredBeforeItsDeadline() {
        // given the 2025 report's notices
        start(EventExamples.at(2026, 7, 20, 9, 0));
        reportMissingFor2025Told();

        // when its deregistration of 20 June, ten days before the deadline, reaches the bus
        driver.pipe(Events.market(LocalDate.of(2026, 6, 20), EnterpriseDeregistered.newBuilder().setCancelType(CancelType.NORMAL)
                .setDeregisteredOn(LocalDate.of(2026, 6, 20)).build(), null));

        // then no 2025 report was owed, and its notices are closed
        assertThat(closedIn(driver.notices())).extracting(r -> (NoticeClosed) r.value().getPayload())
                .extracting(NoticeClosed::getOutcome).hasSize(2).allSatisfy(outcome -> assertThat(outcome).startsWith("企业已注销"));
    }

    /** The registration of an enterprise set up in 2024, published a minute ago, with no 2025 report: customs and commerce told. */
    private List<TestRecord<String, NoticeEvent>> reportMissingFor2025Told() {
        MarketEvent registration = Events.registered(LocalDate.of(2024, 3, 1));
        registration.getHeader().setPublishedAt(EventExamples.at(2026, 7, 20, 8, 59));
        driver.pipe(registration);
        List<TestRecord<String, NoticeEvent>> missing = driver.notices();
        assertThat(raisedIn(missing)).extracting(NoticeRaised::getRuleCode).containsExactly("ANNUAL_REPORT_MISSING", "ANNUAL_REPORT_MISSING");
        return missing;
    }

    @Test
    void shouldTellNobodyOfAYearItFiledWhenARebuildReadsTheRegistrationBeforeTheFiling() {
        // given 20 July 2026, a rebuild reading an enterprise's events again: registered in 2023 (published then)
        start(EventExamples.at(2026, 7, 20, 9, 0));

        // when its registration is read, and only then its filings (published when filed)
        driver.pipe(Events.registered(LocalDate.of(2023, 3, 1)));
        driver.pipe(Events.annualReport(2023, LocalDate.of(2024, 5, 10), false), Events.annualReport(2024, LocalDate.of(2025, 5, 10), false),
                Events.annualReport(2025, LocalDate.of(2026, 5, 10), false));

        // then no notice: the registration is old news, and in between 2025 only looked missing
        assertThat(driver.notices()).isEmpty();
        assertThat(driver.profile(XIXI).getAnnualReports()).extracting(r -> r.getStatus().name()).containsOnly("FILED");
    }

    @Test
    void shouldTellOfTheYearsANewBusReadingHistoryFindsMissingAsTheyWentMissingAndOfNoYearFiledLater() {
        // given a bus that takes two years of history as news (the one-command bus loading its seed city), on 30 November 2026
        driver = ProfileDriver.withHistoryCutoff(EventExamples.at(2026, 11, 30, 9, 0), java.time.Period.parse("P2Y1M"));

        // when it reads an enterprise's events as they were published: registered in 2023, 2023 filed on time, 2024 not
        // filed by 30 June 2025 and listed, then filed late, 2025 never filed and listed
        driver.pipe(Events.registered(LocalDate.of(2023, 3, 1)), Events.annualReport(2023, LocalDate.of(2024, 5, 10), false),
                listedForNoReport(LocalDate.of(2025, 7, 8), "西市监异〔2025〕31号"),
                Events.annualReport(2024, LocalDate.of(2025, 9, 1), true),
                listedForNoReport(LocalDate.of(2026, 7, 9), "西市监异〔2026〕40号"));

        // then customs and commerce are told of 2024 and of 2025, each once, as a bus running then would have told them;
        // not of 2023, which only looked missing until its filing was read
        assertThat(missingReportsTold()).containsExactlyInAnyOrder(
                "CUSTOMS 未在截止日前报送2024年度报告", "COMMERCE 未在截止日前报送2024年度报告",
                "CUSTOMS 未在截止日前报送2025年度报告", "COMMERCE 未在截止日前报送2025年度报告");
    }

    @Test
    void shouldTellOfNoYearItFiledWhenABusReadingHistoryReadsAnotherDepartmentsTopicAheadOfTheFilings() {
        // given a bus that takes two years of history as news, on 30 November 2026
        driver = ProfileDriver.withHistoryCutoff(EventExamples.at(2026, 11, 30, 9, 0), java.time.Period.parse("P2Y1M"));

        // when it reads an enterprise's registration, then tax's level of April 2026 (tax's topic read ahead), then market
        // supervision's filings of 2023 and 2024 and the listing for 2025, never filed
        driver.pipe(Events.registered(LocalDate.of(2023, 3, 1)), Events.taxLevel(2025, TaxCreditLevel.B, LocalDate.of(2026, 4, 20)),
                Events.annualReport(2023, LocalDate.of(2024, 5, 10), false), Events.annualReport(2024, LocalDate.of(2025, 5, 10), false),
                listedForNoReport(LocalDate.of(2026, 7, 9), "西市监异〔2026〕41号"));

        // then customs and commerce are told of 2025 only: tax's event says nothing of the filings market supervision has not sent yet
        assertThat(missingReportsTold()).containsExactlyInAnyOrder(
                "CUSTOMS 未在截止日前报送2025年度报告", "COMMERCE 未在截止日前报送2025年度报告");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} tax events read ahead")
    @org.junit.jupiter.params.provider.ValueSource(ints = {5, 60})
    void shouldTellOfTheNeverFiledYearOnItsListingWhateverAnotherTopicReadAheadHolds(int taxEvents) {
        // given a bus taking two years of history as news, on 30 November 2026, that reads tax's topic first (60 events push
        // every market event out of the timeline's 50)
        driver = ProfileDriver.withHistoryCutoff(EventExamples.at(2026, 11, 30, 9, 0), java.time.Period.parse("P2Y1M"));
        driver.pipe(java.util.stream.IntStream.range(0, taxEvents)
                .mapToObj(d -> Events.taxLevel(2025, TaxCreditLevel.B, LocalDate.of(2026, 7, 10).plusDays(d)))
                .toArray(org.apache.avro.specific.SpecificRecord[]::new));
        driver.notices();

        // when it then reads market supervision's registration, the 2023 and 2024 filings and the listing for 2025, never filed
        driver.pipe(Events.registered(LocalDate.of(2023, 3, 1)), Events.annualReport(2023, LocalDate.of(2024, 5, 10), false),
                Events.annualReport(2024, LocalDate.of(2025, 5, 10), false),
                listedForNoReport(LocalDate.of(2026, 7, 9), "西市监异〔2026〕41号"));

        // then customs and commerce are told of 2025 (and of no year filed)
        assertThat(missingReportsTold()).containsExactlyInAnyOrder("CUSTOMS 未在截止日前报送2025年度报告", "COMMERCE 未在截止日前报送2025年度报告");
    }

    @Test
    void shouldTellOfAMissingYearOnceWhenABusReadingHistoryFindsNoMarketEventLeftInTheTimeline() {
        // given a bus reading history that told customs and commerce of 2025 on market supervision's listing
        driver = ProfileDriver.withHistoryCutoff(EventExamples.at(2026, 11, 30, 9, 0), java.time.Period.parse("P2Y1M"));
        driver.pipe(Events.registered(LocalDate.of(2023, 3, 1)), Events.annualReport(2023, LocalDate.of(2024, 5, 10), false),
                Events.annualReport(2024, LocalDate.of(2025, 5, 10), false),
                listedForNoReport(LocalDate.of(2026, 7, 9), "西市监异〔2026〕41号"));
        assertThat(driver.notices()).extracting(r -> r.value().getPayload()).filteredOn(NoticeRaised.class::isInstance)
                .map(NoticeRaised.class::cast).filteredOn(n -> n.getRuleCode().equals("ANNUAL_REPORT_MISSING"))
                .extracting(NoticeRaised::getTargetDepartment).containsExactlyInAnyOrder(Department.CUSTOMS, Department.COMMERCE);

        // when 60 of tax's events push every market event out of the timeline (it keeps 50), and then market sends another
        for (int day = 0; day < 60; day++) {
            driver.pipe(Events.taxLevel(2025, TaxCreditLevel.B, LocalDate.of(2026, 7, 10).plusDays(day)));
        }
        driver.pipe(Events.market(LocalDate.of(2026, 10, 9), org.sharebus.event.market.AbnormalOperationsListed.newBuilder()
                .setReason(org.sharebus.event.market.AbnormalOperationsReason.UNREACHABLE).setDecisionNo("西市监异〔2026〕77号")
                .setDecidedOn(LocalDate.of(2026, 10, 9)).build(), "西市监异〔2026〕77号"));

        // then 2025 is not told again
        assertThat(driver.notices()).extracting(r -> r.value().getPayload()).filteredOn(NoticeRaised.class::isInstance)
                .map(n -> ((NoticeRaised) n).getRuleCode()).doesNotContain("ANNUAL_REPORT_MISSING");
    }

    @Test
    void shouldRaiseNothingWhenACreditRepairIsResentUnderANewEventIdOrNamesNoRecord() {
        // given a court listing and its repair, notified once
        start(AUGUST);
        driver.pipe(Events.creditListed(SeriousDishonestListType.COURT_DEBTOR, JULY, "(2026)浙0106执123号"));
        driver.notices();
        CreditEvent repair = Events.repaired(RepairedRecordType.SERIOUS_DISHONEST_LISTING, "(2026)浙0106执123号", JULY.plusDays(14));
        driver.pipe(repair);
        List<TestRecord<String, NoticeEvent>> first = driver.notices();
        assertThat(raisedIn(first)).hasSize(4);
        assertThat(closedIn(first)).hasSize(4);

        // when the credit office resends the same repair under a new event id, and sends a repair that names no record
        driver.pipe(CreditEvent.newBuilder(repair)
                .setHeader(org.sharebus.event.common.EventHeader.newBuilder(repair.getHeader()).setEventId(UUID.randomUUID()).build())
                .build());
        driver.pipe(Events.credit(JULY.plusDays(15), CreditRepaired.newBuilder().setRepairedRecordType(RepairedRecordType.OTHER)
                .setRepairedOn(JULY.plusDays(15)).setAuthority("杭州市信用办").build(), null));

        // then no department is told again
        assertThat(driver.notices()).isEmpty();
    }

    @Test
    void shouldTellOnceWhenTheSameRepairIsSentAgainNamingTheRecordAnotherWay() {
        // given a court listing repaired by its decision number, notified once
        start(AUGUST);
        CreditEvent listing = Events.creditListed(SeriousDishonestListType.COURT_DEBTOR, JULY, "(2026)浙0106执124号");
        driver.pipe(listing);
        driver.notices();
        driver.pipe(Events.repaired(RepairedRecordType.SERIOUS_DISHONEST_LISTING, "(2026)浙0106执124号", JULY.plusDays(14)));
        assertThat(raisedIn(driver.notices())).hasSize(4);

        // when it comes again naming the listing's event as well, and again as OTHER with the number
        driver.pipe(Events.credit(JULY.plusDays(15), CreditRepaired.newBuilder().setRepairedRecordType(RepairedRecordType.SERIOUS_DISHONEST_LISTING)
                .setRepairedEventId(listing.getHeader().getEventId()).setRepairedDocNo("(2026)浙0106执124号")
                .setRepairedOn(JULY.plusDays(14)).setAuthority("杭州市信用办").build(), null));
        driver.pipe(Events.credit(JULY.plusDays(16), CreditRepaired.newBuilder().setRepairedRecordType(RepairedRecordType.OTHER)
                .setRepairedDocNo("(2026)浙0106执124号").setRepairedOn(JULY.plusDays(14)).setAuthority("杭州市信用办").build(), null));

        // then nobody is told again
        assertThat(driver.notices()).isEmpty();
    }

    @Test
    void shouldTellOnceWhenARepairByNumberIsSentAgainNamingOnlyTheRecordsEvent() {
        // given a smuggling penalty, repaired by the credit office by its decision number: told once
        start(AUGUST);
        CustomsEvent penalty = Events.customsPenalty(SMUGGLING_NO, CustomsCaseType.SMUGGLING, JULY);
        driver.pipe(penalty);
        driver.notices();
        driver.pipe(Events.repaired(RepairedRecordType.ADMINISTRATIVE_PENALTY, SMUGGLING_NO, JULY.plusDays(14)));
        assertThat(raisedIn(driver.notices())).hasSize(4);

        // when the same repair comes again naming only the penalty's event (the credit office's system resending it)
        driver.pipe(Events.credit(JULY.plusDays(15), CreditRepaired.newBuilder().setRepairedRecordType(RepairedRecordType.ADMINISTRATIVE_PENALTY)
                .setRepairedEventId(penalty.getHeader().getEventId()).setRepairedOn(JULY.plusDays(14)).setAuthority("杭州市信用办").build(), null));

        // then nobody is told again (a second CREDIT_REPAIRED per department, naming no record)
        assertThat(raisedIn(driver.notices())).isEmpty();
    }

    @Test
    void shouldTellOnceWhenAListingIsRemovedAndTheCreditOfficeThenRepairsIt() {
        // given an abnormal-operations listing, removed by market supervision: the removal is news once
        start(AUGUST);
        driver.pipe(Events.abnormalListed("杭西市监异〔2026〕7号", JULY));
        driver.notices();
        driver.pipe(Events.abnormalRemoved("杭西市监异〔2026〕7号", "杭西市监移〔2026〕3号", JULY.plusDays(10)));
        assertThat(raisedIn(driver.notices())).extracting(NoticeRaised::getRuleCode).isNotEmpty().containsOnly("CREDIT_REPAIRED");

        // when the credit office's repair of the same listing follows
        driver.pipe(Events.repaired(RepairedRecordType.ABNORMAL_OPERATIONS_LISTING, "杭西市监异〔2026〕7号", JULY.plusDays(12)));

        // then no department is told a second time
        assertThat(driver.notices()).isEmpty();
    }

    @Test
    void shouldCloseAListingsNoticesWhenARepairNamesOnlyTheEventThatListedIt() {
        // given an abnormal-operations listing, notified
        start(AUGUST);
        MarketEvent listing = Events.abnormalListed("杭西市监异〔2026〕9号", JULY);
        driver.pipe(listing);
        List<TestRecord<String, NoticeEvent>> listed = driver.notices();

        // when the credit office repairs it naming only the listing's event, as OTHER
        driver.pipe(Events.credit(JULY.plusDays(5), CreditRepaired.newBuilder().setRepairedRecordType(RepairedRecordType.OTHER)
                .setRepairedEventId(listing.getHeader().getEventId()).setRepairedOn(JULY.plusDays(5)).setAuthority("杭州市信用办").build(),
                null));

        // then the repair is told, and the listing's notices are closed
        List<TestRecord<String, NoticeEvent>> repaired = driver.notices();
        assertThat(raisedIn(repaired)).extracting(NoticeRaised::getRuleCode).isNotEmpty().containsOnly("CREDIT_REPAIRED");
        assertThat(closedIn(repaired)).extracting(r -> r.value().getNoticeId())
                .containsExactlyInAnyOrderElementsOf(listed.stream().map(r -> r.value().getNoticeId()).toList());
    }

    @Test
    void shouldRemoveTheListingAndCloseItsNoticesWhenARepairWritesItsNumberWithOtherBrackets() {
        // given an abnormal-operations listing, notified
        start(AUGUST);
        driver.pipe(Events.abnormalListed("杭西市监异〔2026〕7号", JULY));
        List<TestRecord<String, NoticeEvent>> listed = driver.notices();

        // when the credit office repairs it, its clerk typing the number with square brackets and 第
        driver.pipe(Events.repaired(RepairedRecordType.ABNORMAL_OPERATIONS_LISTING, "杭西市监异[2026]第7号", JULY.plusDays(5)));

        // then the listing is gone from the profile, the repair is told, and the listing's notices are closed
        assertThat(driver.profile(XIXI).getAbnormalListings()).isEmpty();
        List<TestRecord<String, NoticeEvent>> repaired = driver.notices();
        assertThat(raisedIn(repaired)).extracting(NoticeRaised::getRuleCode).isNotEmpty().containsOnly("CREDIT_REPAIRED");
        assertThat(closedIn(repaired)).extracting(r -> r.value().getNoticeId())
                .containsExactlyInAnyOrderElementsOf(listed.stream().map(r -> r.value().getNoticeId()).toList());

        // and the same repair in the official form, under a new event id, is no news
        driver.pipe(Events.repaired(RepairedRecordType.ABNORMAL_OPERATIONS_LISTING, "杭西市监异〔2026〕7号", JULY.plusDays(6)));
        assertThat(driver.notices()).isEmpty();
    }

    @Test
    void shouldNameARepairsNoticesAfterTheRecordRepairedNotTheEventCarryingIt() {
        // given the notices of a repair
        start(AUGUST);
        CreditEvent repair = Events.repaired(RepairedRecordType.ADMINISTRATIVE_PENALTY, "西市监罚〔2026〕12号", JULY);
        driver.pipe(repair);
        List<UUID> first = driver.notices().stream().map(r -> r.value().getNoticeId()).sorted().toList();
        driver.close();

        // when a rebuilt profile builder reads the same repair under another event id
        start(AUGUST);
        driver.pipe(CreditEvent.newBuilder(repair)
                .setHeader(org.sharebus.event.common.EventHeader.newBuilder(repair.getHeader()).setEventId(UUID.randomUUID()).build())
                .build());

        // then the read model will recognise every notice
        assertThat(first).hasSize(4);
        assertThat(driver.notices().stream().map(r -> r.value().getNoticeId()).sorted().toList()).isEqualTo(first);
    }

    private static List<NoticeRaised> raisedIn(List<TestRecord<String, NoticeEvent>> notices) {
        return notices.stream().filter(r -> r.value().getPayload() instanceof NoticeRaised).map(r -> raised(r.value())).toList();
    }

    private static List<TestRecord<String, NoticeEvent>> closedIn(List<TestRecord<String, NoticeEvent>> notices) {
        return notices.stream().filter(r -> r.value().getPayload() instanceof NoticeClosed).toList();
    }

    private static NoticeRaised raised(NoticeEvent notice) {
        return (NoticeRaised) notice.getPayload();
    }

    /** Market supervision's listing of the enterprise for a report not filed (经营异常名录, NO_ANNUAL_REPORT). */
    private static org.sharebus.event.market.MarketEvent listedForNoReport(LocalDate on, String decisionNo) {
        return Events.market(on, org.sharebus.event.market.AbnormalOperationsListed.newBuilder()
                .setReason(org.sharebus.event.market.AbnormalOperationsReason.NO_ANNUAL_REPORT).setDecisionNo(decisionNo)
                .setDecidedOn(on).build(), decisionNo);
    }

    /** The ANNUAL_REPORT_MISSING notices raised since the last look, as "TARGET summary" without the enterprise's name. */
    private List<String> missingReportsTold() {
        return driver.notices().stream().map(r -> r.value().getPayload()).filter(NoticeRaised.class::isInstance)
                .map(NoticeRaised.class::cast).filter(n -> n.getRuleCode().equals("ANNUAL_REPORT_MISSING"))
                .map(n -> n.getTargetDepartment() + " " + n.getSummaryZh().replace(NAME, "")).toList();
    }
}
