package org.sharebus.consumers.notice;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.sharebus.consumers.inspection.WorkingCalendar;
import org.sharebus.consumers.rules.DecisionNumbers;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.consumers.visibility.ProfileVisibility;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.credit.CreditRepaired;
import org.sharebus.event.market.EnterpriseRevoked;
import org.sharebus.notice.NoticeClosed;
import org.sharebus.notice.NoticeEvent;
import org.sharebus.notice.NoticeRaised;
import org.sharebus.profile.AbnormalListing;
import org.sharebus.profile.AbnormalTaxpayer;
import org.sharebus.profile.AnnualReport;
import org.sharebus.profile.AnnualReportStatus;
import org.sharebus.profile.CreditRepair;
import org.sharebus.profile.CustomsStanding;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.EnterpriseStatus;
import org.sharebus.profile.FactOrigin;
import org.sharebus.profile.Identity;
import org.sharebus.profile.Penalty;
import org.sharebus.profile.SeriousListing;
import org.sharebus.profile.TaxCredit;

/**
 * Decides which notices an event raises, from the profile as it was and as it becomes
 * (architecture.md, decision 5), with the texts, targets and periods of {@link NoticeRules}.
 *
 * <p>Rules fire on a change, not on a state: a customs class <em>becoming</em> DISHONEST, a
 * listing <em>appearing</em>, a report year <em>becoming</em> MISSING. So a later, unrelated
 * event raises nothing again, and a decision resent under a new event id (which the profile
 * counts once) raises nothing either. The profile builder has already dropped events whose id it
 * has seen. Notice ids are name-based on the source event (or, for a report the bus found
 * missing, on the enterprise and year; for a credit repair, on the record repaired), the rule and
 * the target, so a replay raises the same ids and the read model keeps the first.
 *
 * <p>History is not news ({@link NoticeRules#historyCutoff()}): an event that came about longer
 * ago than the cutoff when the bus first sees it (a department back-filling its archive, a late
 * registration) raises nothing, and neither does a report year whose deadline passed longer ago
 * than the cutoff. Otherwise a back-fill would raise thousands of notices due together.
 */
public final class NoticeRouter {

    static final String CUSTOMS_SMUGGLING_PENALTY = "CUSTOMS_SMUGGLING_PENALTY";
    static final String CUSTOMS_DISHONEST = "CUSTOMS_DISHONEST";
    static final String ABNORMAL_OPERATIONS_LISTED = "ABNORMAL_OPERATIONS_LISTED";
    static final String ANNUAL_REPORT_MISSING = "ANNUAL_REPORT_MISSING";
    static final String ENTERPRISE_DEREGISTERED = "ENTERPRISE_DEREGISTERED";
    static final String ENTERPRISE_REVOKED = "ENTERPRISE_REVOKED";
    static final String SERIOUS_DISHONESTY_LISTED = "SERIOUS_DISHONESTY_LISTED";
    static final String AEO_GRANTED = "AEO_GRANTED";
    static final String TAX_CREDIT_A = "TAX_CREDIT_A";
    static final String CREDIT_REPAIRED = "CREDIT_REPAIRED";
    /** Who closed a notice the bus closed itself: a repaired record's. */
    static final String CLOSED_BY = "sharebus";
    static final String ABNORMAL_TAXPAYER = "ABNORMAL_TAXPAYER";
    /** Every rule's code, as notices and the rules table name it. */
    public static final List<String> CODES = List.of(CUSTOMS_SMUGGLING_PENALTY, CUSTOMS_DISHONEST, ABNORMAL_OPERATIONS_LISTED,
            ANNUAL_REPORT_MISSING, ENTERPRISE_DEREGISTERED, ENTERPRISE_REVOKED, SERIOUS_DISHONESTY_LISTED, AEO_GRANTED,
            TAX_CREDIT_A, CREDIT_REPAIRED, ABNORMAL_TAXPAYER);

    /** The event type named as source when time passing, not an event, raised the notice. */
    static final String ANNUAL_REPORT_MISSING_SOURCE = "AnnualReportMissing";
    /**
     * What names, in place of an event, a notice the bus raised from the facts alone (a report year
     * gone missing): the same year raises it once, whatever event or review found it.
     */
    private static final String RAISED_BY_BUS = "bus";
    /** Whose events carry the annual reports, their listings and the enterprise's registration: market supervision's. */
    static final Department REPORT_DEPARTMENT = Department.MARKET;
    /** The event type named as source when a serious listing's term ran out. */
    static final String SERIOUS_LISTING_ENDED_SOURCE = "SeriousListingEnded";
    /** SAMR's own serious list, as listings name it ({@link #samrListing}). */
    private static final String SAMR_LIST = "MARKET_SERIOUS";
    private static final Set<String> DISHONEST_CLASSES = Set.of("DISHONEST", "SERIOUS_DISHONEST");
    private static final Set<String> AEO_CLASSES = Set.of("ADVANCED_CERTIFIED", "CERTIFIED");
    private static final String SMUGGLING = "SMUGGLING";

    private final NoticeRules rules;
    private final Rules legal;
    private final NoticeMetrics metrics;
    private final WorkingCalendar calendar;

    public NoticeRouter(NoticeRules rules, Rules legal, NoticeMetrics metrics, WorkingCalendar calendar) {
        this.rules = rules;
        this.legal = legal;
        this.metrics = metrics;
        this.calendar = calendar;
    }

    /**
     * What the notice rules read of a profile; {@code of(null)} is an enterprise the bus did not know.
     *
     * @param reportEventsSentAt when the latest event of market supervision (whose events carry the filings) the profile
     *                           read was sent (its timeline's publishedAt): how far the enterprise's filings are known
     * @param lastLookedAt       when the bus last applied an event to the profile or evaluated it (wall clock): when it last
     *                           marked the report years missing
     * @param lateInternalReportYears report years filed late in an event its department kept INTERNAL: missing still, as
     *                           the other departments know
     */
    public record Facts(String customsClass, Origin customsClassOrigin, EnterpriseStatus status, String taxLevel, Integer taxYear,
                        LocalDate abnormalTaxpayerSince, String abnormalTaxpayerReason, Set<Integer> missingReportYears, Map<String, Listing> abnormalListings,
                        Map<String, Listing> seriousListings, Map<String, Origin> smugglingPenalties, List<Repaired> repairs,
                        Instant reportEventsSentAt, Instant lastLookedAt, Set<Integer> lateInternalReportYears) {

        /** A credit repair as the profile keeps it: the record type, and the event and decision number it named (either may be null). */
        record Repaired(String recordType, String eventId, String docNo) {
        }

        /** A listing's detail (reason, list), its decision number and start, whether it has ended, and the event that listed it. */
        record Listing(String detail, String decisionNo, LocalDate listedOn, boolean removed, Origin origin) {
        }

        /**
         * The department and event a fact came from (they name the notices it raised), when it came about, and
         * whether its department kept it to itself (INTERNAL). Null fields when unknown.
         */
        record Origin(Department source, String eventId, Instant asOf, boolean internal) {
            static final Origin NONE = new Origin(null, null, null, false);

            static Origin of(FactOrigin origin) {
                return origin == null ? NONE : new Origin(origin.getSource(), origin.getEventId(), origin.getAsOf(),
                        origin.getVisibility() == Visibility.INTERNAL);
            }
        }

        public static Facts of(EnterpriseProfile p) {
            if (p == null) {
                return new Facts(null, Origin.NONE, EnterpriseStatus.UNKNOWN, null, null, null, null, Set.of(), Map.of(), Map.of(), Map.of(),
                        List.of(), null, null, Set.of());
            }
            Set<Integer> missing = new TreeSet<>();
            Set<Integer> lateInternal = new TreeSet<>();
            for (AnnualReport report : p.getAnnualReports()) {
                if (report.getStatus() == AnnualReportStatus.MISSING) {
                    missing.add(report.getYear());
                } else if (report.getStatus() == AnnualReportStatus.LATE && report.getOrigin() != null
                        && report.getOrigin().getVisibility() == Visibility.INTERNAL) {
                    lateInternal.add(report.getYear());
                }
            }
            Map<String, Listing> abnormal = new LinkedHashMap<>();
            for (AbnormalListing l : p.getAbnormalListings()) {
                abnormal.put(l.getDecisionNo(), new Listing(l.getReason(), l.getDecisionNo(), l.getListedOn(), l.getRemovedOn() != null,
                        Origin.of(l.getOrigin())));
            }
            Map<String, Listing> serious = new LinkedHashMap<>();
            for (SeriousListing l : p.getSeriousListings()) {
                serious.put(seriousKey(l),
                        new Listing(l.getList(), l.getDecisionNo(), l.getListedOn(), l.getRemovedOn() != null, Origin.of(l.getOrigin())));
            }
            Map<String, Origin> smuggling = new TreeMap<>();
            for (Penalty penalty : p.getPenalties()) {
                if (SMUGGLING.equals(penalty.getKind())) {
                    smuggling.put(penalty.getDecisionNo(), Origin.of(penalty.getOrigin()));
                }
            }
            List<Repaired> repairs = new ArrayList<>();
            for (CreditRepair repair : p.getCreditRepairs()) {
                repairs.add(new Repaired(repair.getRecordType(), repair.getRepairedEventId(), repair.getRepairedDocNo()));
            }
            // The facts that hold one value as the departments told of them know them: a change an INTERNAL event made is
            // neither news to them nor a reason to close what they were told.
            CustomsStanding customs = (CustomsStanding) ProfileVisibility.asEveryoneKnows(p, "customs");
            TaxCredit tax = (TaxCredit) ProfileVisibility.asEveryoneKnows(p, "taxCredit");
            AbnormalTaxpayer abnormalTaxpayer = (AbnormalTaxpayer) ProfileVisibility.asEveryoneKnows(p, "abnormalTaxpayer");
            return new Facts(customs == null ? null : customs.getCreditClass(),
                    Origin.of(customs == null ? null : customs.getCreditClassOrigin() != null ? customs.getCreditClassOrigin() : customs.getOrigin()),
                    ((Identity) ProfileVisibility.asEveryoneKnows(p, "identity")).getStatus(),
                    tax == null ? null : tax.getLevel(),
                    tax == null ? null : tax.getYear(),
                    abnormalTaxpayer == null ? null : abnormalTaxpayer.getListedOn(),
                    abnormalTaxpayer == null ? null : abnormalTaxpayer.getReason(),
                    missing, abnormal, serious, smuggling, repairs, reportEventsSentAt(p), lastLookedAt(p), lateInternal);
        }

        private static Instant reportEventsSentAt(EnterpriseProfile p) {
            Instant latest = null;
            for (org.sharebus.profile.TimelineEntry entry : p.getTimeline()) {
                if (entry.getSource() == REPORT_DEPARTMENT) {
                    latest = later(latest, entry.getPublishedAt());
                }
            }
            // The timeline keeps the newest 50 events, and another department's read ahead can push every market
            // event out of it: the facts market supervision's events made say how far they go as well (when each
            // came about, which is when it was sent unless a department sent it late).
            if (p.getIdentity() != null) {
                latest = laterFromMarket(latest, p.getIdentity().getOrigin());
            }
            for (AnnualReport report : p.getAnnualReports()) {
                latest = laterFromMarket(latest, report.getOrigin());
            }
            for (AbnormalListing listing : p.getAbnormalListings()) {
                latest = laterFromMarket(latest, listing.getOrigin());
            }
            for (SeriousListing listing : p.getSeriousListings()) {
                latest = laterFromMarket(latest, listing.getOrigin());
            }
            for (Penalty penalty : p.getPenalties()) {
                latest = laterFromMarket(latest, penalty.getOrigin());
            }
            return latest != null ? latest : lastOccurredAt(p);
        }

        private static Instant laterFromMarket(Instant latest, FactOrigin origin) {
            return origin == null || origin.getSource() != REPORT_DEPARTMENT ? latest : later(latest, origin.getAsOf());
        }

        private static Instant later(Instant a, Instant b) {
            return a == null || b != null && b.isAfter(a) ? b : a;
        }

        /** The latest event of any visibility the profile counted. */
        private static Instant lastOccurredAt(EnterpriseProfile p) {
            Instant latest = p.getLastOccurredAt();
            for (org.sharebus.profile.InternalEvents tally : p.getInternalEvents()) {
                if (latest == null || tally.getLastOccurredAt() != null && tally.getLastOccurredAt().isAfter(latest)) {
                    latest = tally.getLastOccurredAt();
                }
            }
            return latest;
        }

        private static Instant lastLookedAt(EnterpriseProfile p) {
            Instant evaluated = p.getRisk() == null ? null : p.getRisk().getEvaluatedAt();
            Instant updated = p.getUpdatedAt();
            return evaluated == null ? updated : updated == null || evaluated.isAfter(updated) ? evaluated : updated;
        }

        /**
         * Whether an earlier repair named the same record, however it named it: by event id or by decision
         * number (the builder keeps the record's number with a repair that named only its event), under its
         * record type or as OTHER.
         */
        boolean repaired(String recordType, String eventId, String docNo) {
            for (Repaired earlier : repairs) {
                boolean type = earlier.recordType().equals(recordType) || earlier.recordType().equals("OTHER") || recordType.equals("OTHER");
                boolean sameEvent = eventId != null && eventId.equals(earlier.eventId());
                boolean sameNumber = docNo != null && DecisionNumbers.same(docNo, earlier.docNo());
                if (type && (sameEvent || sameNumber)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * What names a serious listing's notices: its list, decision number and start. SAMR's own list by its number
         * alone ({@link #samrListing}): the listing market supervision publishes and the credit office relays is one,
         * with the start date of whichever event the builder read first. Not a relay that names no number (the envelope's
         * docNo is optional): the builder keeps each such one apart, and named "no number" a second one told nothing.
         */
        static String seriousKey(SeriousListing l) {
            if (samrListing(l.getList()) && l.getDecisionNo() != null) {
                return l.getList() + "|" + DecisionNumbers.canonical(l.getDecisionNo());
            }
            return l.getList() + "|" + l.getDecisionNo() + "|" + l.getListedOn();
        }

        /** The repaired record's identity; null for a repair that names no record. */
        static String repairKey(String recordType, String repairedEventId, String repairedDocNo) {
            if (repairedEventId == null && repairedDocNo == null) {
                return null;
            }
            // The number as decisions are written officially: the same repair typed with other brackets is the same record.
            return recordType + "|" + Objects.requireNonNullElse(repairedEventId, "") + "|"
                    + Objects.requireNonNullElse(DecisionNumbers.canonical(repairedDocNo), "");
        }
    }

    /**
     * One rule that fired, before it is addressed to its targets.
     *
     * @param idKey    what, besides the rule and target, names its notices
     * @param perEvent whether the source event's id is part of the name too
     */
    private record Trigger(String rule, String detail, String ref, String idKey, boolean perEvent, Department owner) {

        Trigger(String rule, String detail, String ref, String idKey) {
            this(rule, detail, ref, idKey, true, null);
        }

        Trigger(String rule, String detail, String ref, String idKey, boolean perEvent) {
            this(rule, detail, ref, idKey, perEvent, null);
        }

        /** A trigger about a listing on SAMR's own list: named by the bus, market supervision's fact whoever sent it. */
        static Trigger samr(String rule, String detail, String ref, String idKey) {
            return new Trigger(rule, detail, ref, idKey, false, Department.MARKET);
        }
    }

    /**
     * The notices a removed or repaired record raised, to close: named as {@link #address} named them
     * (the record's event, its key, the rule, the target), so they are found without reading the inbox.
     *
     * @param ref the record's decision number, for the outcome
     */
    private record Withdrawal(String rule, Facts.Origin origin, String idKey, String ref, String outcome, boolean perEvent, Department owner) {

        Withdrawal(String rule, Facts.Origin origin, String idKey, String ref) {
            this(rule, origin, idKey, ref, REPAIRED_OUTCOME, true, null);
        }

        Withdrawal(String rule, Facts.Origin origin, String idKey, String ref, String outcome) {
            this(rule, origin, idKey, ref, outcome, true, null);
        }

        /**
         * A serious listing's notices to close, named as {@link #address} named them ({@link Trigger#samr} for SAMR's list).
         * For SAMR's list also as they were named before 2026-11-30 (after its listing event, by list, number and start):
         * those raised before the upgrade are open still, and no removal, repair or term end closed them otherwise.
         */
        static List<Withdrawal> serious(Facts.Listing listing, String key) {
            Withdrawal asRaised = new Withdrawal(SERIOUS_DISHONESTY_LISTED, listing.origin(), key, listing.decisionNo());
            if (!samrListing(listing.detail())) {
                return List.of(asRaised);
            }
            String before = listing.detail() + "|" + listing.decisionNo() + "|" + listing.listedOn();
            return List.of(new Withdrawal(SERIOUS_DISHONESTY_LISTED, listing.origin(), key, listing.decisionNo(), REPAIRED_OUTCOME, false, Department.MARKET),
                    new Withdrawal(SERIOUS_DISHONESTY_LISTED, listing.origin(), before, listing.decisionNo()));
        }
    }

    /**
     * SAMR's serious illegal and dishonest list (市场监管严重违法失信名单), which market supervision publishes and the
     * credit office relays under SAMR's decision number: one listing, whichever event the builder reads first. Its
     * notices are named by the bus and told to everyone but market supervision, whose list it is, so that a replay
     * reading the relay first raises the same notices (named after the event read first, a profile rebuild raised
     * them again, and market supervision was told of its own listings).
     */
    private static boolean samrListing(String list) {
        return SAMR_LIST.equals(list);
    }

    private static final String REPAIRED_OUTCOME = "信用已修复，本通报失效 (credit repaired: this notice no longer applies)";
    private static final String SUPERSEDED_OUTCOME = "海关信用等级已再次调整，以新通报为准 (the customs class changed again: the new notice replaces this one)";

    /**
     * The notices an event raises, one per target department of each rule that fired.
     *
     * @param before the profile's facts before the event was applied
     * @param after  the profile after it was applied and re-evaluated
     */
    public List<NoticeEvent> onEvent(EventHeader header, SpecificRecord payload, Facts before, EnterpriseProfile after, Instant now) {
        Facts a = Facts.of(after);
        String eventId = header.getEventId().toString();
        List<NoticeEvent> notices = new ArrayList<>();
        boolean news = !history(LocalDate.ofInstant(header.getOccurredAt(), legal.zone()), now);
        // An event its department marked INTERNAL is for its own staff only: telling another department would share it.
        if (news && header.getVisibility() != Visibility.INTERNAL) {
            Source source = new Source(header.getSourceDepartment(), eventId, header.getEventType(), header.getPublishedAt(), header.getDocNo());
            for (Trigger trigger : triggers(header, payload, before, a)) {
                notices.addAll(address(trigger, source, after, now));
            }
        }
        for (Withdrawal withdrawal : withdrawals(payload, before, a)) {
            // Only what may have been raised: the event taking the record is news, or the record itself still is (a
            // back-dated repair of a recent listing). A replay of history closes nothing it never raised; closing it
            // anyway cost a notice record and a row per target for every old removal.
            Instant recordAsOf = withdrawal.origin().asOf();
            if (news || recordAsOf != null && !history(LocalDate.ofInstant(recordAsOf, legal.zone()), now)) {
                notices.addAll(close(withdrawal, after, now));
            }
        }
        // A year found missing on an event is news only when the event reached the bus lately (publishedAt: when the
        // gateway took it). A rebuild reads an enterprise's registration of years ago before its later filings, and
        // would otherwise tell customs and commerce of every recent year it did file.
        // The same for a year no longer missing: in a rebuild, the filing read after the registration closes nothing.
        if (!history(LocalDate.ofInstant(header.getPublishedAt(), legal.zone()), now)) {
            notices.addAll(missingReports(before, a, after, now, header.getPublishedAt(), header.getSourceDepartment()));
            for (Withdrawal withdrawal : reportsNoLongerMissing(before, a, after, now)) {
                notices.addAll(close(withdrawal, after, now));
            }
        }
        return notices;
    }

    private List<Trigger> triggers(EventHeader header, SpecificRecord payload, Facts before, Facts a) {
        List<Trigger> triggers = new ArrayList<>();
        for (String decisionNo : a.smugglingPenalties().keySet()) {
            if (!before.smugglingPenalties().containsKey(decisionNo)) {
                triggers.add(new Trigger(CUSTOMS_SMUGGLING_PENALTY, SMUGGLING, decisionNo, decisionNo));
            }
        }
        if (changedInto(before.customsClass(), a.customsClass(), DISHONEST_CLASSES)) {
            triggers.add(new Trigger(CUSTOMS_DISHONEST, a.customsClass(), null, a.customsClass()));
        }
        if (leftDishonest(before, a) && !before.customsClassOrigin().internal()) {
            // Out of the dishonest classes (credit repaired, 海关信用修复, or reclassified): its measures go too. Not
            // for a class customs kept to itself: telling the others it ended would tell them it was.
            // No ref: the class left is said by the detail (海关失信企业), and the notice's document number is the event's, not
            // a class code ("（海关失信企业）DISHONEST" was what staff read).
            triggers.add(new Trigger(CREDIT_REPAIRED, CUSTOMS_DISHONEST, null, "customs|" + a.customsClass()));
        }
        if (changedInto(before.customsClass(), a.customsClass(), AEO_CLASSES)
                && (before.customsClass() == null || !AEO_CLASSES.contains(before.customsClass()))) {
            triggers.add(new Trigger(AEO_GRANTED, a.customsClass(), null, a.customsClass()));
        }
        a.abnormalListings().forEach((decisionNo, listing) -> {
            Facts.Listing was = before.abnormalListings().get(decisionNo);
            if (was == null && !listing.removed()) {
                triggers.add(new Trigger(ABNORMAL_OPERATIONS_LISTED, listing.detail(), decisionNo, decisionNo));
            } else if (was != null && !was.removed() && listing.removed() && !was.origin().internal()) {
                // A listing its department kept to itself ending is not told either: that would tell of the listing.
                triggers.add(new Trigger(CREDIT_REPAIRED, "ABNORMAL_OPERATIONS_LISTING", decisionNo, decisionNo));
            }
        });
        a.seriousListings().forEach((key, listing) -> {
            Facts.Listing was = before.seriousListings().get(key);
            boolean samr = samrListing(listing.detail());
            if (was == null && !listing.removed()) {
                triggers.add(samr ? Trigger.samr(SERIOUS_DISHONESTY_LISTED, listing.detail(), listing.decisionNo(), key)
                        : new Trigger(SERIOUS_DISHONESTY_LISTED, listing.detail(), listing.decisionNo(), key));
            } else if (was != null && !was.removed() && listing.removed() && !was.origin().internal()) {
                triggers.add(samr ? Trigger.samr(CREDIT_REPAIRED, "SERIOUS_DISHONEST_LISTING", listing.decisionNo(), key)
                        : new Trigger(CREDIT_REPAIRED, "SERIOUS_DISHONEST_LISTING", listing.decisionNo(), key));
            }
        });
        if (payload instanceof CreditRepaired repaired) {
            // Named after the record repaired, not the event carrying the repair: a repair resent under a new event id is not news.
            String type = repaired.getRepairedRecordType().name();
            String eventId = repaired.getRepairedEventId() == null ? null : repaired.getRepairedEventId().toString();
            String key = Facts.repairKey(type, eventId, repaired.getRepairedDocNo());
            if (key != null && !before.repaired(type, eventId, repaired.getRepairedDocNo()) && !announcedBefore(before, a)) {
                triggers.add(new Trigger(CREDIT_REPAIRED, repaired.getRepairedRecordType().name(), repaired.getRepairedDocNo(),
                        "repair|" + key, false));
            }
        }
        if (a.status() != before.status() && a.status() == EnterpriseStatus.DEREGISTERED) {
            triggers.add(new Trigger(ENTERPRISE_DEREGISTERED, a.status().name(), header.getDocNo(), a.status().name()));
        }
        if (a.status() != before.status() && a.status() == EnterpriseStatus.REVOKED) {
            // The revocation's number is its payload's (required there); the envelope's docNo is optional, and left out by
            // a file import or a department that gives it once, so the notice read "被吊销营业执照（）" and named no decision.
            String decisionNo = payload instanceof EnterpriseRevoked revoked ? revoked.getDecisionNo() : header.getDocNo();
            triggers.add(new Trigger(ENTERPRISE_REVOKED, a.status().name(), decisionNo, a.status().name()));
        }
        if ("A".equals(a.taxLevel()) && !"A".equals(before.taxLevel())) {
            triggers.add(new Trigger(TAX_CREDIT_A, String.valueOf(a.taxYear()), null, "A|" + a.taxYear()));
        }
        if (a.abnormalTaxpayerSince() != null && !a.abnormalTaxpayerSince().equals(before.abnormalTaxpayerSince())) {
            triggers.add(new Trigger(ABNORMAL_TAXPAYER, a.abnormalTaxpayerReason(), null, a.abnormalTaxpayerSince().toString()));
        }
        return triggers;
    }

    /**
     * Whether a repair took only listings whose removal was announced already (CREDIT_REPAIRED from
     * the listing's own department when it removed them): the same news, told once per record.
     */
    private static boolean announcedBefore(Facts before, Facts a) {
        List<Facts.Listing> taken = new ArrayList<>();
        before.abnormalListings().forEach((key, listing) -> {
            if (!a.abnormalListings().containsKey(key)) {
                taken.add(listing);
            }
        });
        before.seriousListings().forEach((key, listing) -> {
            if (!a.seriousListings().containsKey(key)) {
                taken.add(listing);
            }
        });
        boolean penaltyTaken = before.smugglingPenalties().keySet().stream().anyMatch(k -> !a.smugglingPenalties().containsKey(k));
        return !taken.isEmpty() && !penaltyTaken && taken.stream().allMatch(Facts.Listing::removed);
    }

    /**
     * The records whose notices are to close: a listing removed by this event, and, for a credit
     * repair, every listing or smuggling penalty it took out of the profile (named by decision number,
     * by event id, or as OTHER). Nothing else shrinks these lists within one event.
     */
    private static List<Withdrawal> withdrawals(SpecificRecord payload, Facts before, Facts a) {
        boolean repair = payload instanceof CreditRepaired;
        List<Withdrawal> withdrawals = new ArrayList<>();
        before.abnormalListings().forEach((key, listing) -> {
            Facts.Listing now = a.abnormalListings().get(key);
            if (!listing.removed() && (now == null ? repair : now.removed())) {
                withdrawals.add(new Withdrawal(ABNORMAL_OPERATIONS_LISTED, listing.origin(), key, listing.decisionNo()));
            }
        });
        before.seriousListings().forEach((key, listing) -> {
            Facts.Listing now = a.seriousListings().get(key);
            if (!listing.removed() && (now == null ? repair : now.removed())) {
                withdrawals.addAll(Withdrawal.serious(listing, key));
            }
        });
        if (leftDishonest(before, a)) {
            withdrawals.add(new Withdrawal(CUSTOMS_DISHONEST, before.customsClassOrigin(), before.customsClass(), null));
        } else if (before.customsClass() != null && DISHONEST_CLASSES.contains(before.customsClass())
                && a.customsClass() != null && DISHONEST_CLASSES.contains(a.customsClass()) && !before.customsClass().equals(a.customsClass())) {
            // From one dishonest class to the other: the new class's notices replace the old ones, which a later repair could no longer name.
            withdrawals.add(new Withdrawal(CUSTOMS_DISHONEST, before.customsClassOrigin(), before.customsClass(), null, SUPERSEDED_OUTCOME));
        }
        if (repair) {
            before.smugglingPenalties().forEach((decisionNo, origin) -> {
                if (!a.smugglingPenalties().containsKey(decisionNo)) {
                    withdrawals.add(new Withdrawal(CUSTOMS_SMUGGLING_PENALTY, origin, decisionNo, decisionNo));
                }
            });
        }
        return withdrawals;
    }

    /**
     * The report years found missing before this event and not after: filed since (late, or read after
     * the registration in a department's back-fill, the in-between state), or not owed
     * once the enterprise was deregistered before their deadline. Their notices tell of a finding that
     * no longer holds. Not for a filing its department kept INTERNAL (closing the others' notices would
     * tell of it), nor for a year that only left the profile's five-year window. A late filing kept INTERNAL
     * first and published since closes them when it is published: to the others the year was missing until then.
     */
    private List<Withdrawal> reportsNoLongerMissing(Facts before, Facts a, EnterpriseProfile after, Instant now) {
        List<Withdrawal> withdrawals = new ArrayList<>();
        Set<Integer> missingToOthers = new TreeSet<>(before.missingReportYears());
        missingToOthers.addAll(before.lateInternalReportYears());
        for (int year : missingToOthers) {
            LocalDate deadline = legal.annualReports().deadline(year);
            // A year whose deadline is history raised nothing to close.
            if (a.missingReportYears().contains(year) || a.lateInternalReportYears().contains(year) || history(deadline, now)) {
                continue;
            }
            AnnualReport report = after.getAnnualReports().stream().filter(r -> r.getYear() == year).findFirst().orElse(null);
            String outcome;
            if (report != null && report.getOrigin() != null && report.getOrigin().getVisibility() != Visibility.INTERNAL) {
                outcome = "%d年度报告已补报，本通报失效 (the %d annual report has been filed since: this notice no longer applies)"
                        .formatted(year, year);
            } else if (report == null && a.status() == EnterpriseStatus.DEREGISTERED) {
                outcome = "企业已注销，%d年度报告无需报送，本通报失效 (the enterprise was deregistered: no %d report was owed)"
                        .formatted(year, year);
            } else {
                continue;
            }
            Instant missingSince = deadline.atStartOfDay(legal.zone()).toInstant();
            withdrawals.add(new Withdrawal(ANNUAL_REPORT_MISSING, new Facts.Origin(Department.MARKET, RAISED_BY_BUS, missingSince, false),
                    after.getUscc() + "|" + year, null, outcome));
        }
        return withdrawals;
    }

    /** Whether a fact that came about on {@code day} is history, not news, at {@code now}. */
    private boolean history(LocalDate day, Instant now) {
        return day.plus(rules.historyCutoff()).isBefore(LocalDate.ofInstant(now, legal.zone()));
    }

    /**
     * The notices time passing raises when a review re-evaluated a profile: report years gone
     * missing, and serious listings whose term ran out since {@code lastEvaluated}.
     */
    public List<NoticeEvent> onReview(Facts before, Instant lastEvaluated, EnterpriseProfile after, Instant now) {
        List<NoticeEvent> notices = new ArrayList<>(missingReports(before, Facts.of(after), after, now, null, null));
        notices.addAll(endedListings(lastEvaluated, after, now));
        return notices;
    }

    /**
     * The notices of serious listings whose term ran out after {@code lastEvaluated} and by {@code now}:
     * found by whichever evaluation comes first, the review on the day or the commit of an event.
     */
    public List<NoticeEvent> endedListings(Instant lastEvaluated, EnterpriseProfile after, Instant now) {
        List<NoticeEvent> notices = new ArrayList<>();
        LocalDate evaluatedOn = LocalDate.ofInstant(lastEvaluated, legal.zone());
        LocalDate today = LocalDate.ofInstant(now, legal.zone());
        for (SeriousListing listing : after.getSeriousListings()) {
            LocalDate exit = listing.getExitOn();
            // A term running out (SAMR's 3 years, a court's 2, the credit office's end date) ends the listing as a
            // removal does (§9: any repair or removal, lift the measures); news unless it ran out before the cutoff.
            if (listing.getRemovedOn() != null || exit == null || !exit.isAfter(evaluatedOn) || exit.isAfter(today) || history(exit, now)
                    || listing.getOrigin().getVisibility() == Visibility.INTERNAL) {
                continue;
            }
            String key = Facts.seriousKey(listing);
            Source source = new Source(listing.getOrigin().getSource(), null, SERIOUS_LISTING_ENDED_SOURCE, null, listing.getDecisionNo());
            Trigger ended = samrListing(listing.getList())
                    ? Trigger.samr(CREDIT_REPAIRED, "SERIOUS_DISHONEST_LISTING", listing.getDecisionNo(), key)
                    : new Trigger(CREDIT_REPAIRED, "SERIOUS_DISHONEST_LISTING", listing.getDecisionNo(), key, false);
            notices.addAll(address(ended, source, after, now));
            for (Withdrawal withdrawal : Withdrawal.serious(new Facts.Listing(listing.getList(), listing.getDecisionNo(),
                    listing.getListedOn(), false, Facts.Origin.of(listing.getOrigin())), key)) {
                notices.addAll(close(withdrawal, after, now));
            }
        }
        return notices;
    }

    /**
     * The report years that went missing: on a review, the years found missing that were not before. On an event
     * ({@code sentAt}: its publishedAt), judged as of when it was sent: a year whose deadline had not passed by
     * then only looks missing until the enterprise's later events are read (a rebuild, a load of history reads a
     * registration before the filings); and a year the bus already knew missing is not told again. A running bus
     * knew what it had marked when it last looked at the profile ({@link Facts#lastLookedAt()}: the review after
     * 30 June, an event). One that last looked on a later day than the event was sent is reading history (a load,
     * a rebuild): it had marked years as of that later day, but knew only what the events it had read showed. The
     * filings are market supervision's events, read in the order they were sent (one partition of one topic);
     * another department's topic may be read ahead of them. So reading history, only a market supervision event
     * tells of a year, and the bus knew the years due before the one it read last ({@link
     * Facts#reportEventsSentAt()}): a bus reading history tells of each year once, on the first such event sent
     * after its deadline (the listing for the missing report), as a bus running then would have.
     */
    private List<NoticeEvent> missingReports(Facts before, Facts a, EnterpriseProfile after, Instant now, Instant sentAt,
                                             Department sentBy) {
        List<NoticeEvent> notices = new ArrayList<>();
        LocalDate sentOn = sentAt == null ? null : LocalDate.ofInstant(sentAt, legal.zone());
        LocalDate lookedOn = before.lastLookedAt() == null ? null : LocalDate.ofInstant(before.lastLookedAt(), legal.zone());
        // Reading history: the bus last looked at the profile on a later day than the event was sent.
        boolean readingHistory = sentOn != null && lookedOn != null && sentOn.isBefore(lookedOn);
        if (readingHistory && sentBy != REPORT_DEPARTMENT) {
            return notices;
        }
        LocalDate knownOn = !readingHistory ? lookedOn
                : before.reportEventsSentAt() == null ? null : LocalDate.ofInstant(before.reportEventsSentAt(), legal.zone());
        for (int year : a.missingReportYears()) {
            LocalDate deadline = legal.annualReports().deadline(year);
            boolean known = before.missingReportYears().contains(year) && (sentAt == null || knownOn != null && deadline.isBefore(knownOn));
            boolean dueWhenSent = sentOn == null || deadline.isBefore(sentOn);
            // A report year goes missing on its deadline: that is when this fact came about.
            if (!known && dueWhenSent && !history(deadline, now)) {
                Source bus = new Source(Department.MARKET, null, ANNUAL_REPORT_MISSING_SOURCE, null, null);
                notices.addAll(address(new Trigger(ANNUAL_REPORT_MISSING, Integer.toString(year), null, after.getUscc() + "|" + year),
                        bus, after, now));
            }
        }
        return notices;
    }

    private record Source(Department department, String eventId, String eventType, Instant publishedAt, String docNo) {
    }

    private List<NoticeEvent> address(Trigger trigger, Source source, EnterpriseProfile after, Instant now) {
        NoticeRules.NoticeRule rule = rules.rule(trigger.rule());
        // The name the targets know: not one a change kept INTERNAL gave it.
        String name = (String) ProfileVisibility.asEveryoneKnows(after, "name");
        // A response period that ends on a rest day (a weekend, 春节) ends on the next working day.
        LocalDate dueOn = calendar.onOrAfter(LocalDate.ofInstant(now, legal.zone()).plus(rule.responsePeriod()));
        List<NoticeEvent> notices = new ArrayList<>();
        // Not the department whose fact it is: the event's, or the owner the trigger names (SAMR's list: market supervision).
        Department owner = trigger.owner() != null ? trigger.owner() : source.department();
        for (Department target : rule.targets()) {
            if (target == owner) {
                continue;
            }
            String idSeed = (trigger.perEvent() && source.eventId() != null ? source.eventId() : RAISED_BY_BUS) + "|" + trigger.idKey() + "|"
                    + trigger.rule() + "|" + target;
            NoticeRaised raised = NoticeRaised.newBuilder()
                    .setRuleCode(trigger.rule())
                    .setTargetDepartment(target)
                    .setSourceDepartment(source.department())
                    .setSourceEventId(source.eventId())
                    .setSourceEventType(source.eventType())
                    .setSourcePublishedAt(source.publishedAt())
                    .setSourceDocNo(trigger.ref() != null ? trigger.ref() : source.docNo())
                    .setEnterpriseName(name)
                    .setSummaryZh(fill(rule.summaryZh(), name, trigger, true))
                    .setSummaryEn(fill(rule.summaryEn(), name, trigger, false))
                    .setSuggestedActionZh(fill(rule.actionZh(), name, trigger, true))
                    .setSuggestedActionEn(fill(rule.actionEn(), name, trigger, false))
                    .setRaisedAt(now)
                    .setDueOn(dueOn)
                    .setBasis(rule.source())
                    .build();
            notices.add(NoticeEvent.newBuilder()
                    .setNoticeId(UUID.nameUUIDFromBytes(idSeed.getBytes(StandardCharsets.UTF_8)))
                    .setEventType(NoticeRaised.class.getSimpleName())
                    .setUscc(after.getUscc())
                    .setOccurredAt(now)
                    .setPayload(raised)
                    .build());
            metrics.raised(target, trigger.rule());
        }
        return Collections.unmodifiableList(notices);
    }

    /**
     * Closes the notices a repaired record raised (一处修复、处处修复): a department should not go on
     * acting on a listing or penalty that is no longer there, nor see it overdue. Closed by the bus
     * ({@value #CLOSED_BY}); a notice that was never raised (history when it came) gets a closed row
     * the inbox never shows.
     */
    private List<NoticeEvent> close(Withdrawal withdrawal, EnterpriseProfile after, Instant now) {
        if (withdrawal.perEvent() && withdrawal.origin().eventId() == null) {
            return List.of();
        }
        NoticeRules.NoticeRule rule = rules.rule(withdrawal.rule());
        Department owner = withdrawal.owner() != null ? withdrawal.owner() : withdrawal.origin().source();
        List<NoticeEvent> closes = new ArrayList<>();
        for (Department target : rule.targets()) {
            if (target == owner) {
                continue;
            }
            String idSeed = (withdrawal.perEvent() ? withdrawal.origin().eventId() : RAISED_BY_BUS) + "|" + withdrawal.idKey() + "|"
                    + withdrawal.rule() + "|" + target;
            closes.add(NoticeEvent.newBuilder()
                    .setNoticeId(UUID.nameUUIDFromBytes(idSeed.getBytes(StandardCharsets.UTF_8)))
                    .setEventType(NoticeClosed.class.getSimpleName())
                    .setUscc(after.getUscc())
                    .setOccurredAt(now)
                    .setPayload(NoticeClosed.newBuilder().setClosedBy(CLOSED_BY).setDepartment(target)
                            .setOutcome(withdrawal.outcome() + (withdrawal.ref() == null ? "" : " " + withdrawal.ref()))
                            .build())
                    .build());
        }
        return closes;
    }

    private static boolean leftDishonest(Facts before, Facts a) {
        return before.customsClass() != null && DISHONEST_CLASSES.contains(before.customsClass())
                && a.customsClass() != null && !DISHONEST_CLASSES.contains(a.customsClass());
    }

    private static boolean changedInto(String before, String after, Set<String> into) {
        return after != null && into.contains(after) && !Objects.equals(before, after);
    }

    private String fill(String template, String name, Trigger trigger, boolean chinese) {
        String detail = Objects.requireNonNullElse(trigger.detail(), "");
        NoticeRules.Label label = rules.labels().get(detail);
        if (label != null) {
            detail = chinese ? label.zh() : label.en();
        }
        return template.replace("{name}", name)
                .replace("{ref}", Objects.requireNonNullElse(trigger.ref(), ""))
                .replace("{detail}", detail)
                .strip();
    }
}
