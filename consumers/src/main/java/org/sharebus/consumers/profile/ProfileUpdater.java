package org.sharebus.consumers.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.sharebus.consumers.rules.DecisionNumbers;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.consumers.visibility.ProfileVisibility;
import org.sharebus.event.ReportYear;
import org.sharebus.event.commerce.ServiceTradeReportSubmitted;
import org.sharebus.event.commerce.TechContractRegistered;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.credit.CreditRepaired;
import org.sharebus.event.credit.JointMeasureApplied;
import org.sharebus.event.credit.RepairedRecordType;
import org.sharebus.event.credit.SeriousDishonestListType;
import org.sharebus.event.credit.SeriousDishonestSubjectListed;
import org.sharebus.event.customs.CustomsCreditClassChanged;
import org.sharebus.event.customs.CustomsFilingRegistered;
import org.sharebus.event.customs.CustomsPenaltyDecided;
import org.sharebus.event.market.AbnormalOperationsListed;
import org.sharebus.event.market.AbnormalOperationsRemoved;
import org.sharebus.event.market.AdministrativePenaltyDecided;
import org.sharebus.event.market.AnnualReportFiled;
import org.sharebus.event.market.ChangeItem;
import org.sharebus.event.market.EnterpriseChanged;
import org.sharebus.event.market.EnterpriseDeregistered;
import org.sharebus.event.market.EnterpriseRegistered;
import org.sharebus.event.market.EnterpriseRevoked;
import org.sharebus.event.market.InspectionResultRecorded;
import org.sharebus.event.market.PenaltyProcedure;
import org.sharebus.event.market.PenaltyType;
import org.sharebus.event.market.SeriousDishonestyListed;
import org.sharebus.event.market.SeriousDishonestyRemoved;
import org.sharebus.event.tax.AbnormalTaxpayerListed;
import org.sharebus.event.tax.TaxCreditLevelPublished;
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
import org.sharebus.profile.Inspection;
import org.sharebus.profile.InternalEvents;
import org.sharebus.profile.JointMeasure;
import org.sharebus.profile.KeptFact;
import org.sharebus.profile.Penalty;
import org.sharebus.profile.PendingRemoval;
import org.sharebus.profile.RiskAssessment;
import org.sharebus.profile.RiskClass;
import org.sharebus.profile.SeriousListing;
import org.sharebus.profile.ServiceTrade;
import org.sharebus.profile.ServiceTradePeriod;
import org.sharebus.profile.SharedFacts;
import org.sharebus.profile.TaxCredit;
import org.sharebus.profile.TechContract;
import org.sharebus.profile.TimelineEntry;

/**
 * Applies one department event's fact to a profile. Pure: no store, no clock; the risk class is
 * the {@link RiskEvaluator}'s.
 *
 * <p>Order: facts are applied by when they came about ({@code occurredAt} and the decision dates),
 * not by when they arrive. A status, class or level is replaced only by a newer one; a removal
 * ends only a listing made on or before it, and a removal that arrives before its listing waits
 * in {@code pendingRemovals} until the listing comes. Decision numbers identify facts, so a
 * decision sent again under a new event id is not counted twice.
 *
 * <p>Entries are removed by identity, never with {@code List.remove(Object)}: Avro 1.12.1's record
 * equals() cannot compare dates and instants and throws.
 *
 * <p>Repair (信用修复, "一处修复、处处修复"): a {@link CreditRepaired} removes the repaired record
 * and its timeline entries; the repair is kept, so the record is dropped again if it arrives (or
 * is replayed) after its repair.
 */
final class ProfileUpdater {

    /** In {@link #trim}'s counts by audience, one per department, the place of the entries every department sees. */
    private static final int EVERYONE = Department.values().length;

    static final String ABNORMAL = "ABNORMAL";
    static final String MARKET_SERIOUS = SeriousDishonestListType.MARKET_SERIOUS.name();
    private static final Set<PenaltyType> MINOR_TYPES = EnumSet.of(PenaltyType.WARNING, PenaltyType.REPRIMAND, PenaltyType.FINE);
    private static final String NAME_ITEM = "名称";
    /** The profile's service-trade sums (totals; a period's sum is part of them). */
    private static final LogicalTypes.Decimal SUMS = (LogicalTypes.Decimal) ServiceTrade.getClassSchema()
            .getField("totalExportUsd").schema().getLogicalType();

    private final Rules rules;
    private final ProfileSettings.Limits limits;

    ProfileUpdater(Rules rules, ProfileSettings.Limits limits) {
        this.rules = rules;
        this.limits = limits;
    }

    /**
     * A profile that knows nothing yet but the enterprise's code, name and region. Every field is
     * set: a field left to its schema default costs Avro a deep hash of the field's schema per
     * build, which was 5 % of the builder's time.
     */
    static EnterpriseProfile empty(String uscc, EventHeader header) {
        String region = header.getRegionCode() != null ? header.getRegionCode() : uscc.substring(2, 8);
        return EnterpriseProfile.newBuilder()
                .setUscc(uscc)
                .setName(header.getEnterpriseName())
                .setIdentity(Identity.newBuilder()
                        .setEntityType(null)
                        .setRegionCode(region)
                        .setDistrict(Districts.name(region))
                        .setIndustryCode(null)
                        .setEstablishedOn(null)
                        .setStatus(EnterpriseStatus.UNKNOWN)
                        .setStatusSince(null)
                        .setOrigin(null)
                        .setRegisteredAsOf(null)
                        .build())
                .setAnnualReports(new ArrayList<>())
                .setAbnormalListings(new ArrayList<>())
                .setSeriousListings(new ArrayList<>())
                .setPenalties(new ArrayList<>())
                .setCustoms(null)
                .setTaxCredit(null)
                .setAbnormalTaxpayer(null)
                .setServiceTrade(null)
                .setTechContracts(new ArrayList<>())
                .setInspections(new ArrayList<>())
                .setJointMeasures(new ArrayList<>())
                .setCreditRepairs(new ArrayList<>())
                .setPendingRemovals(new ArrayList<>())
                .setRisk(RiskAssessment.newBuilder()
                        .setRiskClass(RiskClass.UNKNOWN).setScore(0).setFactors(new ArrayList<>())
                        .setExplanation("").setExplanationZh("").setEvaluatedAt(Instant.EPOCH).setNextReviewAt(null)
                        .build())
                .setTimeline(new ArrayList<>())
                .setEventCount(0)
                .setLastOccurredAt(null)
                .setUpdatedAt(Instant.EPOCH)
                .setChangedAt(null)
                .setInternalEvents(new ArrayList<>())
                .setShared(null)
                .build();
    }

    /**
     * An event's visibility where it narrows its facts' own classes (docs/schemas.md: it "can narrow
     * them, never widen them"); null for PUBLIC, so that the profiles of public events stay as small as before.
     */
    static Visibility narrowed(Visibility visibility) {
        return visibility == null || visibility == Visibility.PUBLIC ? null : visibility;
    }

    /** Of two facts' visibilities (null: PUBLIC), the one fewer may see: INTERNAL, then SHARED. */
    static Visibility narrowest(Visibility a, Visibility b) {
        return narrowed(a == null ? b : b == null ? a : a.ordinal() > b.ordinal() ? a : b);
    }

    /**
     * Why the event cannot go into the profile (null: not built yet), checked before anything is
     * changed; empty: it can. An amount with more digits than its schema allows (a record written
     * straight to the topic: Avro reads it, but the profile could not be written), an annual report on
     * a year that had not ended when it was filed ({@link ReportYear}, which the gateway refuses too),
     * or a service-trade line that would carry the sums past them.
     */
    Optional<String> unusable(EnterpriseProfile profile, DepartmentEvent event) {
        SpecificRecord payload = event.payload();
        for (Schema.Field field : payload.getSchema().getFields()) {
            LogicalTypes.Decimal d;
            if (payload.get(field.pos()) instanceof BigDecimal amount && (d = decimal(field.schema())) != null && tooLong(amount, d)) {
                return Optional.of("payload." + field.name() + " has " + (amount.precision() - amount.scale())
                        + " digits before the point; the schema allows " + (d.getPrecision() - d.getScale()));
            }
        }
        if (payload instanceof AnnualReportFiled report) {
            Optional<String> year = ReportYear.problem(report.getReportYear(), report.getFiledAt());
            if (year.isPresent()) {
                return Optional.of("payload.reportYear " + year.get());
            }
        }
        if (payload instanceof ServiceTradeReportSubmitted e && profile != null && profile.getServiceTrade() != null) {
            ServiceTrade trade = profile.getServiceTrade();
            if (tooLong(trade.getTotalExportUsd().add(e.getExportAmountUsd()), SUMS)
                    || tooLong(trade.getTotalImportUsd().add(e.getImportAmountUsd()), SUMS)) {
                return Optional.of("the line would carry the enterprise's service-trade totals past the "
                        + (SUMS.getPrecision() - SUMS.getScale()) + " digits before the point a profile holds");
            }
        }
        return Optional.empty();
    }

    /** More digits before the point than the type has room for (Avro reads every amount at its schema's scale). */
    private static boolean tooLong(BigDecimal amount, LogicalTypes.Decimal type) {
        return amount.precision() - amount.scale() > type.getPrecision() - type.getScale();
    }

    private static LogicalTypes.Decimal decimal(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getLogicalType() instanceof LogicalTypes.Decimal d) {
                    return d;
                }
            }
            return null;
        }
        return schema.getLogicalType() instanceof LogicalTypes.Decimal d ? d : null;
    }

    /** Applies the event's fact and its timeline entry, and counts it, as written at {@code now}. */
    void apply(EnterpriseProfile profile, DepartmentEvent event, Instant now) {
        EventHeader h = event.header();
        FactOrigin origin = new FactOrigin(h.getSourceDepartment(), event.eventId(), h.getOccurredAt(), narrowed(h.getVisibility()));
        boolean internal = origin.getVisibility() == Visibility.INTERNAL;
        String single = singleValued(event.payload());
        if (single != null) {
            keepShared(profile, event.payload(), h, origin, single, internal);
        }
        boolean kept = applyFact(profile, event.payload(), h, origin);
        if (single != null && !internal && profile.getShared() != null && sameAsShared(profile)) {
            profile.setShared(null);
        }
        count(profile, h, internal, now);
        if (kept) {
            addToTimeline(profile, event, origin);
        }
    }

    /**
     * The profile field of a fact that holds one value, which an event replaces rather than adds to
     * ({@link SharedFacts}, as {@code keptBy} names it: the name goes with the identity); null for the others.
     */
    static String singleValued(SpecificRecord payload) {
        if (payload instanceof EnterpriseRegistered || payload instanceof EnterpriseChanged
                || payload instanceof EnterpriseDeregistered || payload instanceof EnterpriseRevoked) {
            return "identity";
        } else if (payload instanceof CustomsFilingRegistered || payload instanceof CustomsCreditClassChanged) {
            return "customs";
        } else if (payload instanceof ServiceTradeReportSubmitted) {
            return "serviceTrade";
        } else if (payload instanceof TaxCreditLevelPublished) {
            return "taxCredit";
        } else if (payload instanceof AbnormalTaxpayerListed) {
            return "abnormalTaxpayer";
        }
        return null;
    }

    /**
     * An INTERNAL event would replace a value the other departments saw, and they would then see
     * none (that it was replaced, and so that such an event came): before the first one, the facts
     * that hold one value are copied into {@link SharedFacts}, which then takes every other event's
     * change of them too, as if no INTERNAL event had come. A list fact needs none of this: an
     * INTERNAL entry is left out of it for the others, and the rest stays.
     */
    private void keepShared(EnterpriseProfile p, SpecificRecord payload, EventHeader h, FactOrigin origin, String fact, boolean internal) {
        if (internal) {
            if (p.getShared() == null) {
                SharedFacts copied = new SharedFacts();
                ProfileVisibility.SINGLE_VALUED.forEach(field -> copied.put(field, copy(p.get(field))));
                copied.setKeptBy(new ArrayList<>());
                p.setShared(copied);
            }
            KeptFact kept = new KeptFact(fact, h.getSourceDepartment());
            if (!p.getShared().getKeptBy().contains(kept)) {
                p.getShared().getKeptBy().add(kept);
            }
        } else if (p.getShared() != null) {
            // The same rules on the copy: an older event arriving late changes it as it would have the profile.
            SharedFacts shared = p.getShared();
            EnterpriseProfile view = new EnterpriseProfile();
            ProfileVisibility.SINGLE_VALUED.forEach(field -> view.put(field, shared.get(field)));
            applyFact(view, payload, h, origin);
            ProfileVisibility.SINGLE_VALUED.forEach(field -> shared.put(field, view.get(field)));
        }
    }

    /** Whether every department sees the profile's own values again (a later event every one may know of replaced the INTERNAL ones). */
    private static boolean sameAsShared(EnterpriseProfile p) {
        return ProfileVisibility.SINGLE_VALUED.stream().allMatch(field -> Objects.equals(p.get(field), p.getShared().get(field)));
    }

    /** A deep copy of a fact by its own class's model, which knows its logical types (SpecificData.get() has no decimals). */
    private static Object copy(Object value) {
        return value instanceof SpecificRecord fact ? SpecificData.getForSchema(fact.getSchema()).deepCopy(fact.getSchema(), fact) : value;
    }

    /**
     * Counts the event where its readers may know of it: an INTERNAL one in its department's own
     * tally, so that the count and times every department sees do not move when it arrives.
     */
    private static void count(EnterpriseProfile profile, EventHeader h, boolean internal, Instant now) {
        // Never back: the read models keep a row unless the profile is not older (a record read again changes
        // nothing), so an instance whose clock is behind the one that wrote last would otherwise write in vain.
        profile.setUpdatedAt(notBefore(profile.getUpdatedAt(), now));
        if (!internal) {
            profile.setEventCount(profile.getEventCount() + 1);
            profile.setLastOccurredAt(later(profile.getLastOccurredAt(), h.getOccurredAt()));
            profile.setChangedAt(now);
            return;
        }
        for (InternalEvents tally : profile.getInternalEvents()) {
            if (tally.getSource() == h.getSourceDepartment()) {
                tally.setEventCount(tally.getEventCount() + 1);
                tally.setLastOccurredAt(later(tally.getLastOccurredAt(), h.getOccurredAt()));
                tally.setUpdatedAt(now);
                return;
            }
        }
        profile.getInternalEvents().add(new InternalEvents(h.getSourceDepartment(), 1L, h.getOccurredAt(), now));
    }

    /**
     * When a profile is written: now, unless it was written later by an instance whose clock is ahead
     * (partitions move between instances; their clocks may differ by seconds).
     */
    static Instant notBefore(Instant written, Instant now) {
        return later(written, now);
    }

    private static Instant later(Instant known, Instant occurred) {
        return known == null || occurred.isAfter(known) ? occurred : known;
    }

    /**
     * @return false when the fact was dropped: a repair already covers it, or the profile has it already
     *         (the same decision sent again under a new event id), so that the timeline lists it once
     */
    private boolean applyFact(EnterpriseProfile p, SpecificRecord payload, EventHeader h, FactOrigin origin) {
        // market supervision
        if (payload instanceof EnterpriseRegistered e) {
            registered(p, e, h, origin);
        } else if (payload instanceof EnterpriseChanged e) {
            changed(p, e, h);
        } else if (payload instanceof EnterpriseDeregistered e) {
            status(p, EnterpriseStatus.DEREGISTERED, e.getDeregisteredOn(), origin);
        } else if (payload instanceof EnterpriseRevoked e) {
            status(p, EnterpriseStatus.REVOKED, e.getRevokedOn(), origin);
        } else if (payload instanceof AnnualReportFiled e) {
            annualReport(p, e, origin);
        } else if (payload instanceof AbnormalOperationsListed e) {
            return abnormalListed(p, e, origin);
        } else if (payload instanceof AbnormalOperationsRemoved e) {
            abnormalRemoved(p, e);
        } else if (payload instanceof SeriousDishonestyListed e) {
            return seriousListed(p, e, origin);
        } else if (payload instanceof SeriousDishonestyRemoved e) {
            seriousRemoved(p, e);
        } else if (payload instanceof AdministrativePenaltyDecided e) {
            return marketPenalty(p, e, origin);
        } else if (payload instanceof InspectionResultRecorded e) {
            return inspection(p, e, origin);
        // customs
        } else if (payload instanceof CustomsFilingRegistered e) {
            CustomsStanding c = customs(p, origin);
            c.setOrigin(origin);
            c.setCustomsCode(e.getCustomsCode());
            c.setRegisteredCustoms(e.getRegisteredCustoms());
            c.setFiledOn(e.getRegisteredOn());
        } else if (payload instanceof CustomsCreditClassChanged e) {
            CustomsStanding c = customs(p, origin);
            if (c.getCustomsCode() == null && !origin.getAsOf().isBefore(c.getOrigin().getAsOf())) {
                // No filing yet: the standing is only its class, and is seen as its latest class change is.
                c.setOrigin(origin);
            }
            if (newerClass(c, e.getEffectiveDate(), origin)) {
                c.setCreditClass(e.getNewClass().name());
                c.setCreditClassSince(e.getEffectiveDate());
                c.setAeoCode(e.getAeoCode());
                c.setCreditClassOrigin(origin);
            }
        } else if (payload instanceof CustomsPenaltyDecided e) {
            return customsPenalty(p, e, origin);
        // commerce
        } else if (payload instanceof ServiceTradeReportSubmitted e) {
            serviceTrade(p, e, origin);
        } else if (payload instanceof TechContractRegistered e) {
            techContract(p, e, origin);
        // credit office
        } else if (payload instanceof SeriousDishonestSubjectListed e) {
            return creditListed(p, e, h, origin);
        } else if (payload instanceof CreditRepaired e) {
            repaired(p, e, origin);
        } else if (payload instanceof JointMeasureApplied e) {
            p.setJointMeasures(newestFirst(with(p.getJointMeasures(), new JointMeasure(e.getMeasureCode(), e.getMeasureKind().name(),
                    e.getApplyingDepartment(), e.getAppliedOn(), true, origin)), JointMeasure::getAppliedOn));
        // tax
        } else if (payload instanceof TaxCreditLevelPublished e) {
            TaxCredit current = p.getTaxCredit();
            if (current == null || e.getYear() > current.getYear()
                    || (e.getYear() == current.getYear() && !origin.getAsOf().isBefore(current.getOrigin().getAsOf()))) {
                p.setTaxCredit(new TaxCredit(e.getYear(), e.getLevel().name(), origin));
            }
        } else if (payload instanceof AbnormalTaxpayerListed e) {
            AbnormalTaxpayer current = p.getAbnormalTaxpayer();
            if (current == null || !e.getListedOn().isBefore(current.getListedOn())) {
                p.setAbnormalTaxpayer(new AbnormalTaxpayer(e.getListedOn(), e.getReason(), origin));
            }
        }
        // An event type this build does not know still counts and shows in the timeline.
        return true;
    }

    // --- identity ---

    private static void registered(EnterpriseProfile p, EnterpriseRegistered e, EventHeader h, FactOrigin origin) {
        Identity identity = p.getIdentity();
        if (registeredDetails(p, h) && h.getEnterpriseName() != null && !h.getEnterpriseName().isBlank()) {
            p.setName(h.getEnterpriseName());
        }
        identity.setEntityType(e.getEntityType().name());
        identity.setIndustryCode(e.getIndustryCode());
        identity.setEstablishedOn(e.getEstablishedOn());
        // A deregistration or revocation that arrived first is newer than the registration: it stays.
        if (identity.getStatus() == EnterpriseStatus.UNKNOWN) {
            identity.setStatus(EnterpriseStatus.ACTIVE);
            identity.setStatusSince(e.getEstablishedOn());
            identity.setOrigin(origin);
        }
    }

    private static void changed(EnterpriseProfile p, EnterpriseChanged e, EventHeader h) {
        if (!registeredDetails(p, h)) {
            return;
        }
        for (ChangeItem item : e.getChangeItems()) {
            if (NAME_ITEM.equals(item.getItem()) && item.getAfter() != null && !item.getAfter().isBlank()) {
                p.setName(item.getAfter());
            }
        }
    }

    /**
     * The region (and district) as the market supervision register has it: from the newest
     * registration or change applied, by occurredAt, so that an older one arriving late undoes
     * neither a move nor a new name. Until one comes, the first event's header gave them.
     *
     * @return false when a newer registration or change was applied already
     */
    private static boolean registeredDetails(EnterpriseProfile p, EventHeader h) {
        Identity identity = p.getIdentity();
        if (identity.getRegisteredAsOf() != null && h.getOccurredAt().isBefore(identity.getRegisteredAsOf())) {
            return false;
        }
        identity.setRegisteredAsOf(h.getOccurredAt());
        if (h.getRegionCode() != null && !h.getRegionCode().equals(identity.getRegionCode())) {
            identity.setRegionCode(h.getRegionCode());
            identity.setDistrict(Districts.name(h.getRegionCode()));
        }
        return true;
    }

    private static void status(EnterpriseProfile p, EnterpriseStatus status, LocalDate since, FactOrigin origin) {
        Identity identity = p.getIdentity();
        FactOrigin current = identity.getOrigin();
        boolean newer = current == null || !origin.getAsOf().isBefore(current.getAsOf());
        // Deregistration ends the entity: an older revocation arriving late does not bring it back.
        if (newer || identity.getStatus() == EnterpriseStatus.UNKNOWN) {
            if (identity.getStatus() == EnterpriseStatus.DEREGISTERED && status != EnterpriseStatus.DEREGISTERED) {
                return;
            }
            identity.setStatus(status);
            identity.setStatusSince(since);
            identity.setOrigin(origin);
        }
    }

    private void annualReport(EnterpriseProfile p, AnnualReportFiled e, FactOrigin origin) {
        List<AnnualReport> reports = new ArrayList<>(p.getAnnualReports());
        Optional<AnnualReport> existing = reports.stream().filter(r -> r.getYear() == e.getReportYear()).findFirst();
        if (existing.isPresent() && existing.get().getOrigin() != null
                && existing.get().getOrigin().getAsOf().isAfter(origin.getAsOf())) {
            return;
        }
        existing.ifPresent(old -> reports.removeIf(x -> x == old));
        // Late by the deadline in the rules table and the day it was filed, not by the sender's flag: a report
        // filed on 5 July sent with late=false was scored as on time.
        boolean late = LocalDate.ofInstant(e.getFiledAt(), rules.zone()).isAfter(rules.annualReports().deadline(e.getReportYear()));
        reports.add(new AnnualReport(e.getReportYear(), late ? AnnualReportStatus.LATE : AnnualReportStatus.FILED, e.getFiledAt(), origin));
        reports.sort(Comparator.comparing(AnnualReport::getYear).reversed());
        p.setAnnualReports(trim(reports, limits.annualReportYears()));
    }

    // --- abnormal operations list ---

    private boolean abnormalListed(EnterpriseProfile p, AbnormalOperationsListed e, FactOrigin origin) {
        if (repaired(p, RepairedRecordType.ABNORMAL_OPERATIONS_LISTING, origin.getEventId(), e.getDecisionNo())) {
            return false;
        }
        if (p.getAbnormalListings().stream().anyMatch(l -> DecisionNumbers.same(l.getDecisionNo(), e.getDecisionNo()))) {
            return false;
        }
        AbnormalListing listing = new AbnormalListing(e.getReason().name(), e.getDecisionNo(), e.getDecidedOn(),
                rules.listings().abnormalEscalation().after(e.getDecidedOn()), null, null, origin);
        List<PendingRemoval> pending = new ArrayList<>(p.getPendingRemovals());
        pending.stream()
                .filter(r -> r.getList().equals(ABNORMAL) && !r.getRemovedOn().isBefore(listing.getListedOn())
                        && (DecisionNumbers.same(r.getListingDecisionNo(), listing.getDecisionNo())
                            || (r.getListingDecisionNo() == null && listing.getReason().equals(r.getReason()))))
                .findFirst()
                .ifPresent(r -> {
                    listing.setRemovedOn(r.getRemovedOn());
                    listing.setRemovalDecisionNo(r.getDecisionNo());
                    pending.removeIf(x -> x == r);
                });
        p.setPendingRemovals(pending);
        p.setAbnormalListings(newestFirst(with(p.getAbnormalListings(), listing), AbnormalListing::getListedOn));
        return true;
    }

    private void abnormalRemoved(EnterpriseProfile p, AbnormalOperationsRemoved e) {
        String reason = e.getCuredReason().name();
        Optional<AbnormalListing> target = p.getAbnormalListings().stream()
                .filter(l -> l.getRemovedOn() == null && !l.getListedOn().isAfter(e.getDecidedOn()))
                .filter(l -> e.getListingDecisionNo() != null
                        ? DecisionNumbers.same(l.getDecisionNo(), e.getListingDecisionNo())
                        : l.getReason().equals(reason))
                .findFirst();
        if (target.isPresent()) {
            target.get().setRemovedOn(e.getDecidedOn());
            target.get().setRemovalDecisionNo(e.getDecisionNo());
        } else if (!knownListing(p.getAbnormalListings().stream().map(AbnormalListing::getDecisionNo).toList(), e.getListingDecisionNo())) {
            p.setPendingRemovals(trim(with(p.getPendingRemovals(), new PendingRemoval(ABNORMAL, e.getListingDecisionNo(), reason,
                    e.getDecisionNo(), e.getDecidedOn(), null)), limits.entriesPerList()));
        }
    }

    // --- serious illegal and dishonest lists ---

    private boolean seriousListed(EnterpriseProfile p, SeriousDishonestyListed e, FactOrigin origin) {
        if (repaired(p, RepairedRecordType.SERIOUS_DISHONEST_LISTING, origin.getEventId(), e.getDecisionNo())) {
            return false;
        }
        if (p.getSeriousListings().stream().anyMatch(l -> DecisionNumbers.same(e.getDecisionNo(), l.getDecisionNo()))) {
            return false;
        }
        SeriousListing listing = new SeriousListing(MARKET_SERIOUS, null, e.getGrounds(), e.getDecisionNo(), e.getDecidedOn(),
                rules.listings().seriousEarlyExit().after(e.getDecidedOn()),
                rules.listings().seriousAutoExit().after(e.getDecidedOn()), null, null, origin);
        List<PendingRemoval> pending = new ArrayList<>(p.getPendingRemovals());
        pending.stream()
                .filter(r -> r.getList().equals(MARKET_SERIOUS) && !r.getRemovedOn().isBefore(listing.getListedOn())
                        && (r.getListingDecisionNo() == null || DecisionNumbers.same(r.getListingDecisionNo(), listing.getDecisionNo())))
                .findFirst()
                .ifPresent(r -> {
                    listing.setRemovedOn(r.getRemovedOn());
                    listing.setExitType(r.getExitType());
                    pending.removeIf(x -> x == r);
                });
        p.setPendingRemovals(pending);
        p.setSeriousListings(newestFirst(with(p.getSeriousListings(), listing), SeriousListing::getListedOn));
        return true;
    }

    private void seriousRemoved(EnterpriseProfile p, SeriousDishonestyRemoved e) {
        Optional<SeriousListing> target = p.getSeriousListings().stream()
                .filter(l -> l.getList().equals(MARKET_SERIOUS) && l.getRemovedOn() == null
                        && !l.getListedOn().isAfter(e.getDecidedOn()))
                .filter(l -> e.getListingDecisionNo() == null || DecisionNumbers.same(e.getListingDecisionNo(), l.getDecisionNo()))
                .findFirst();
        if (target.isPresent()) {
            target.get().setRemovedOn(e.getDecidedOn());
            target.get().setExitType(e.getExitType().name());
        } else if (!knownListing(p.getSeriousListings().stream().map(SeriousListing::getDecisionNo).toList(), e.getListingDecisionNo())) {
            p.setPendingRemovals(trim(with(p.getPendingRemovals(), new PendingRemoval(MARKET_SERIOUS, e.getListingDecisionNo(), null,
                    e.getDecisionNo(), e.getDecidedOn(), e.getExitType().name())), limits.entriesPerList()));
        }
    }

    /**
     * A removal naming a listing the profile has (already removed, or made after it) is moot, not pending: its
     * number compared as every other ({@link DecisionNumbers#same}), or one typed with other brackets waits forever.
     */
    private static boolean knownListing(List<String> decisionNos, String listingDecisionNo) {
        return listingDecisionNo != null && decisionNos.stream().anyMatch(n -> DecisionNumbers.same(n, listingDecisionNo));
    }

    private boolean creditListed(EnterpriseProfile p, SeriousDishonestSubjectListed e, EventHeader h, FactOrigin origin) {
        if (repaired(p, RepairedRecordType.SERIOUS_DISHONEST_LISTING, origin.getEventId(), h.getDocNo())) {
            return false;
        }
        String list = e.getListType().name();
        // The credit office relays SAMR's own serious listing (MARKET_SERIOUS) under SAMR's decision number, with its
        // own start date: one listing, whichever arrives first, as seriousListed() does the other way round.
        boolean relayed = list.equals(MARKET_SERIOUS) && h.getDocNo() != null
                && p.getSeriousListings().stream().anyMatch(l -> DecisionNumbers.same(h.getDocNo(), l.getDecisionNo()));
        boolean known = relayed || p.getSeriousListings().stream().anyMatch(l -> l.getList().equals(list)
                && l.getListedOn().equals(e.getStartOn()) && DecisionNumbers.same(l.getDecisionNo(), h.getDocNo()));
        if (known) {
            return false;
        }
        LocalDate exitOn = e.getEndOn() != null ? e.getEndOn().plusDays(1)
                : e.getListType() == SeriousDishonestListType.COURT_DEBTOR ? rules.listings().courtListing().after(e.getStartOn())
                : e.getListType() == SeriousDishonestListType.MARKET_SERIOUS ? rules.listings().seriousAutoExit().after(e.getStartOn())
                : null;
        LocalDate earlyExit = e.getListType() == SeriousDishonestListType.MARKET_SERIOUS
                ? rules.listings().seriousEarlyExit().after(e.getStartOn()) : null;
        SeriousListing listing = new SeriousListing(list, e.getListingAuthority(), e.getGrounds(), h.getDocNo(), e.getStartOn(),
                earlyExit, exitOn, null, null, origin);
        p.setSeriousListings(newestFirst(with(p.getSeriousListings(), listing), SeriousListing::getListedOn));
        return true;
    }

    // --- penalties ---

    private boolean marketPenalty(EnterpriseProfile p, AdministrativePenaltyDecided e, FactOrigin origin) {
        if (repaired(p, RepairedRecordType.ADMINISTRATIVE_PENALTY, origin.getEventId(), e.getDecisionNo())) {
            return false;
        }
        List<String> types = e.getPenaltyTypes().stream().map(Enum::name).toList();
        return addPenalty(p, new Penalty(e.getDecisionNo(), e.getViolationType(), types, e.getFineAmount(), e.getSector().name(),
                e.getDecidedOn(), marketPublicityEnd(e), origin));
    }

    /** SAMR Order 45: what is published, and for how long (rules: publicity.*). */
    private LocalDate marketPublicityEnd(AdministrativePenaltyDecided e) {
        List<PenaltyType> types = e.getPenaltyTypes();
        boolean warningOnly = !types.isEmpty() && types.stream().allMatch(t -> t == PenaltyType.WARNING);
        if (e.getProcedure() == PenaltyProcedure.SIMPLIFIED || warningOnly) {
            return null;
        }
        BigDecimal fine = e.getFineAmount();
        boolean minor = MINOR_TYPES.containsAll(types)
                && (fine == null || fine.compareTo(rules.publicity().smallFineMax()) <= 0);
        LocalDate end = (minor ? rules.publicity().minorPenalty() : rules.publicity().otherPenalty()).after(e.getDecidedOn());
        // A production or practice restriction that outlasts it is published for as long as it lasts (Order 45 Art. 13).
        boolean restriction = types.contains(PenaltyType.PRODUCTION_RESTRICTED) || types.contains(PenaltyType.PRACTICE_RESTRICTED);
        if (restriction && e.getRestrictedUntil() != null && e.getRestrictedUntil().plusDays(1).isAfter(end)) {
            return e.getRestrictedUntil().plusDays(1);
        }
        return end;
    }

    private boolean customsPenalty(EnterpriseProfile p, CustomsPenaltyDecided e, FactOrigin origin) {
        if (repaired(p, RepairedRecordType.ADMINISTRATIVE_PENALTY, origin.getEventId(), e.getDecisionNo())) {
            return false;
        }
        return addPenalty(p, new Penalty(e.getDecisionNo(), e.getCaseType().name(), List.of(), e.getAmount(), null, e.getDecidedAt(),
                rules.publicity().customsPenalty().after(e.getDecidedAt()), origin));
    }

    /** @return false when the profile has the decision already */
    private boolean addPenalty(EnterpriseProfile p, Penalty penalty) {
        if (p.getPenalties().stream().anyMatch(x -> DecisionNumbers.same(x.getDecisionNo(), penalty.getDecisionNo()))) {
            return false;
        }
        p.setPenalties(kept(with(p.getPenalties(), penalty)));
        return true;
    }

    /**
     * The newest penalties, as many as the other lists keep, and beyond them any older one still
     * published as of the newest's decision (SAMR Order 45: up to 3 years): the public results page
     * names a follow-up penalty only while a profile holds it, a repair naming only the event finds
     * its number here, and a rebuild of the read models reads the profiles.
     */
    private List<Penalty> kept(List<Penalty> penalties) {
        penalties.sort(Comparator.comparing(Penalty::getDecidedOn).reversed());
        int max = limits.entriesPerList();
        if (penalties.size() <= max) {
            return penalties;
        }
        // Each audience apart, as trim() does, so that no department's INTERNAL penalties decide which of the others' stay.
        Map<Department, List<Penalty>> byAudience = new HashMap<>();
        penalties.forEach(penalty -> byAudience.computeIfAbsent(internalTo(penalty), k -> new ArrayList<>()).add(penalty));
        if (byAudience.size() == 1) {
            return kept(penalties, max);
        }
        List<Penalty> kept = new ArrayList<>();
        byAudience.values().forEach(audience -> kept.addAll(kept(audience, max)));
        kept.sort(Comparator.comparing(Penalty::getDecidedOn).reversed());
        return kept;
    }

    /** Of one audience's penalties, newest first: the newest {@code max}, and older ones still published as of the newest. */
    private static List<Penalty> kept(List<Penalty> penalties, int max) {
        if (penalties.size() <= max) {
            return penalties;
        }
        LocalDate newest = penalties.get(0).getDecidedOn();
        List<Penalty> kept = new ArrayList<>(penalties.subList(0, max));
        for (Penalty older : penalties.subList(max, penalties.size())) {
            if (older.getPublicityEndsOn() != null && older.getPublicityEndsOn().isAfter(newest)) {
                kept.add(older);
            }
        }
        return kept;
    }

    /** @return false when the profile has the task's result already */
    private boolean inspection(EnterpriseProfile p, InspectionResultRecorded e, FactOrigin origin) {
        if (p.getInspections().stream().anyMatch(i -> i.getTaskId().equals(e.getTaskId()))) {
            return false;
        }
        // A follow-up penalty a repair removed is not named, here or anywhere public (一处修复、处处修复).
        String followUp = e.getFollowUpPenaltyRef() != null && repairedDocNo(p, e.getFollowUpPenaltyRef()) ? null : e.getFollowUpPenaltyRef();
        p.setInspections(newestFirst(with(p.getInspections(), new Inspection(e.getTaskId(), e.getResultCode().name(),
                e.getResultFormedOn(), followUp, origin)), Inspection::getResultFormedOn));
        return true;
    }

    // --- customs, commerce ---

    /**
     * The standing, made by the first customs event. Its origin is the filing's (the filing's fields
     * came from it; before any filing, the latest class change's), the class's is creditClassOrigin:
     * who may see each follows its own event, so a class customs kept to itself is not shown because
     * a later filing was public.
     */
    private static CustomsStanding customs(EnterpriseProfile p, FactOrigin origin) {
        CustomsStanding c = p.getCustoms();
        if (c == null) {
            c = CustomsStanding.newBuilder().setOrigin(origin).build();
            p.setCustoms(c);
        }
        return c;
    }

    /** A later effective date wins; of two changes effective the same day, the one that came about later (occurredAt). */
    private static boolean newerClass(CustomsStanding c, LocalDate effective, FactOrigin origin) {
        if (c.getCreditClassSince() == null || effective.isAfter(c.getCreditClassSince())) {
            return true;
        }
        return effective.equals(c.getCreditClassSince())
                && (c.getCreditClassOrigin() == null || !origin.getAsOf().isBefore(c.getCreditClassOrigin().getAsOf()));
    }

    private void serviceTrade(EnterpriseProfile p, ServiceTradeReportSubmitted e, FactOrigin origin) {
        ServiceTrade trade = p.getServiceTrade();
        if (trade == null) {
            trade = new ServiceTrade(new ArrayList<>(), zero(), zero(), 0, 0, origin);
            p.setServiceTrade(trade);
        }
        List<ServiceTradePeriod> periods = new ArrayList<>(trade.getPeriods());
        ServiceTradePeriod period = periods.stream().filter(x -> x.getPeriod().equals(e.getPeriod())).findFirst().orElse(null);
        if (period == null) {
            period = new ServiceTradePeriod(e.getPeriod(), zero(), zero(), false);
            periods.add(period);
        }
        period.setExportUsd(period.getExportUsd().add(e.getExportAmountUsd()));
        period.setImportUsd(period.getImportUsd().add(e.getImportAmountUsd()));
        period.setLate(period.getLate() || e.getLate());
        periods.sort(Comparator.comparing(ServiceTradePeriod::getPeriod).reversed());
        trade.setPeriods(trim(periods, limits.serviceTradePeriods()));
        trade.setTotalExportUsd(trade.getTotalExportUsd().add(e.getExportAmountUsd()));
        trade.setTotalImportUsd(trade.getTotalImportUsd().add(e.getImportAmountUsd()));
        trade.setLines(trade.getLines() + 1);
        trade.setLateLines(trade.getLateLines() + (e.getLate() ? 1 : 0));
        // The sums hold every report's amounts: they are seen as narrowly as the narrowest report in them,
        // or a report commerce kept to itself would be read off the totals of a later shared one.
        Visibility narrowest = narrowest(trade.getOrigin().getVisibility(), origin.getVisibility());
        if (!origin.getAsOf().isBefore(trade.getOrigin().getAsOf())) {
            trade.setOrigin(origin);
        }
        trade.setOrigin(FactOrigin.newBuilder(trade.getOrigin()).setVisibility(narrowest).build());
    }

    private void techContract(EnterpriseProfile p, TechContractRegistered e, FactOrigin origin) {
        if (p.getTechContracts().stream().noneMatch(c -> c.getContractNo().equals(e.getContractNo()))) {
            p.setTechContracts(newestFirst(with(p.getTechContracts(), new TechContract(e.getContractNo(), e.getDirection().name(),
                    e.getContractType().name(), e.getCounterpartyCountry(), e.getAmount(), e.getCurrency(), e.getRegisteredOn(),
                    origin)), TechContract::getRegisteredOn));
        }
    }

    // --- credit repair ---

    private void repaired(EnterpriseProfile p, CreditRepaired e, FactOrigin origin) {
        RepairedRecordType type = e.getRepairedRecordType();
        boolean any = type == RepairedRecordType.OTHER;
        // A repair that names only the number: the record's own event is kept with it, so the same repair sent again
        // naming the event is known as the same (it raised a second round of CREDIT_REPAIRED notices, naming nothing).
        String eventId = e.getRepairedEventId() != null ? e.getRepairedEventId().toString() : eventIdOf(p, e.getRepairedDocNo(), type, any);
        // A repair that names only the event: the record's own decision number is kept with it, so what reads the
        // profile (the public results page, V224) knows which number no longer stands.
        String docNo = e.getRepairedDocNo() != null ? e.getRepairedDocNo() : decisionNoOf(p, eventId, type, any);
        CreditRepair repair = new CreditRepair(type.name(), e.getRepairedOn(), e.getAuthority(), eventId, docNo, origin);
        p.setCreditRepairs(newestFirst(with(p.getCreditRepairs(), repair), CreditRepair::getRepairedOn));
        if (any || type == RepairedRecordType.ADMINISTRATIVE_PENALTY) {
            p.setPenalties(without(p.getPenalties(), x -> covers(eventId, docNo, x.getOrigin(), x.getDecisionNo())));
        }
        if (any || type == RepairedRecordType.ABNORMAL_OPERATIONS_LISTING) {
            p.setAbnormalListings(without(p.getAbnormalListings(), x -> covers(eventId, docNo, x.getOrigin(), x.getDecisionNo())));
        }
        if (any || type == RepairedRecordType.SERIOUS_DISHONEST_LISTING) {
            p.setSeriousListings(without(p.getSeriousListings(), x -> covers(eventId, docNo, x.getOrigin(), x.getDecisionNo())));
        }
        // Nothing public may still point at the repaired record: its own entry and those about it go, and an
        // inspection names it no more as its follow-up penalty.
        p.setTimeline(without(p.getTimeline(), t -> t.getEventId().equals(eventId)
                || (docNo != null && (DecisionNumbers.same(docNo, t.getDocNo()) || DecisionNumbers.same(docNo, t.getConcernsDocNo())))));
        if (docNo != null && (any || type == RepairedRecordType.ADMINISTRATIVE_PENALTY)
                && p.getInspections().stream().anyMatch(i -> DecisionNumbers.same(docNo, i.getFollowUpPenaltyRef()))) {
            p.setInspections(new ArrayList<>(p.getInspections().stream().map(i -> DecisionNumbers.same(docNo, i.getFollowUpPenaltyRef())
                    ? Inspection.newBuilder(i).setFollowUpPenaltyRef(null).build() : i).toList()));
        }
    }

    /** Whether a credit repair names this decision number. */
    private static boolean repairedDocNo(EnterpriseProfile p, String docNo) {
        return p.getCreditRepairs().stream().anyMatch(r -> DecisionNumbers.same(docNo, r.getRepairedDocNo()));
    }

    private static String decisionNoOf(EnterpriseProfile p, String eventId, RepairedRecordType type, boolean any) {
        if (eventId == null) {
            return null;
        }
        List<String> numbers = new ArrayList<>();
        if (any || type == RepairedRecordType.ADMINISTRATIVE_PENALTY) {
            p.getPenalties().stream().filter(x -> eventId.equals(x.getOrigin().getEventId())).forEach(x -> numbers.add(x.getDecisionNo()));
        }
        if (any || type == RepairedRecordType.ABNORMAL_OPERATIONS_LISTING) {
            p.getAbnormalListings().stream().filter(x -> eventId.equals(x.getOrigin().getEventId())).forEach(x -> numbers.add(x.getDecisionNo()));
        }
        if (any || type == RepairedRecordType.SERIOUS_DISHONEST_LISTING) {
            p.getSeriousListings().stream().filter(x -> eventId.equals(x.getOrigin().getEventId())).forEach(x -> numbers.add(x.getDecisionNo()));
        }
        return numbers.stream().filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String eventIdOf(EnterpriseProfile p, String docNo, RepairedRecordType type, boolean any) {
        if (docNo == null) {
            return null;
        }
        List<String> events = new ArrayList<>();
        if (any || type == RepairedRecordType.ADMINISTRATIVE_PENALTY) {
            p.getPenalties().stream().filter(x -> DecisionNumbers.same(docNo, x.getDecisionNo())).forEach(x -> events.add(x.getOrigin().getEventId()));
        }
        if (any || type == RepairedRecordType.ABNORMAL_OPERATIONS_LISTING) {
            p.getAbnormalListings().stream().filter(x -> DecisionNumbers.same(docNo, x.getDecisionNo())).forEach(x -> events.add(x.getOrigin().getEventId()));
        }
        if (any || type == RepairedRecordType.SERIOUS_DISHONEST_LISTING) {
            p.getSeriousListings().stream().filter(x -> DecisionNumbers.same(docNo, x.getDecisionNo())).forEach(x -> events.add(x.getOrigin().getEventId()));
        }
        return events.stream().filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static boolean covers(String eventId, String docNo, FactOrigin origin, String decisionNo) {
        return (eventId != null && eventId.equals(origin.getEventId())) || (docNo != null && DecisionNumbers.same(docNo, decisionNo));
    }

    private static boolean repaired(EnterpriseProfile p, RepairedRecordType type, String eventId, String docNo) {
        return p.getCreditRepairs().stream().anyMatch(r ->
                (r.getRecordType().equals(type.name()) || r.getRecordType().equals(RepairedRecordType.OTHER.name()))
                && ((r.getRepairedEventId() != null && r.getRepairedEventId().equals(eventId))
                    || (r.getRepairedDocNo() != null && DecisionNumbers.same(r.getRepairedDocNo(), docNo))));
    }

    // --- timeline ---

    private void addToTimeline(EnterpriseProfile p, DepartmentEvent event, FactOrigin origin) {
        String concerns = Summaries.concernsDocNo(event.payload());
        if (concerns != null && repairedDocNo(p, concerns)) {
            // A removal of a listing a repair already removed: an entry would point at the repaired record again.
            return;
        }
        EventHeader h = event.header();
        TimelineEntry entry = new TimelineEntry(origin.getEventId(), event.eventType(), h.getSourceDepartment(), h.getOccurredAt(),
                h.getPublishedAt(), Summaries.of(event.payload(), h), Summaries.docNo(event.payload(), h),
                Summaries.concernsDocNo(event.payload()), origin.getVisibility());
        List<TimelineEntry> timeline = with(p.getTimeline(), entry);
        timeline.sort(Comparator.comparing(TimelineEntry::getOccurredAt).reversed());
        p.setTimeline(trim(timeline, limits.timeline()));
    }

    // --- lists ---

    private <T extends IndexedRecord> List<T> newestFirst(List<T> list, Function<T, LocalDate> date) {
        list.sort(Comparator.comparing(date).reversed());
        return trim(list, limits.entriesPerList());
    }

    private static <T> List<T> with(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list.size() + 1);
        copy.addAll(list);
        copy.add(item);
        return copy;
    }

    private static <T> List<T> without(List<T> list, Predicate<T> drop) {
        List<T> copy = new ArrayList<>(list);
        copy.removeIf(drop);
        return copy;
    }

    /**
     * The first {@code max} entries of each audience: those every department sees, and each
     * department's INTERNAL ones apart. One bound for all would let a department's INTERNAL entries
     * push the oldest of the others' out of the list, which would tell them that such an event arrived.
     */
    static <T extends IndexedRecord> List<T> trim(List<T> list, int max) {
        if (list.size() <= max) {
            return list;
        }
        int[] counts = new int[EVERYONE + 1];
        List<T> kept = new ArrayList<>(max);
        for (T entry : list) {
            Department internalTo = internalTo(entry);
            if (counts[internalTo == null ? EVERYONE : internalTo.ordinal()]++ < max) {
                kept.add(entry);
            }
        }
        return kept;
    }

    /** The department whose INTERNAL event a list entry came from (its origin's, a timeline entry's own); null: everyone's. */
    static Department internalTo(IndexedRecord entry) {
        if (entry instanceof TimelineEntry e) {
            return e.getVisibility() == Visibility.INTERNAL ? e.getSource() : null;
        }
        Schema.Field field = entry.getSchema().getField("origin");
        Object origin = field == null ? null : entry.get(field.pos());
        return origin instanceof FactOrigin o && o.getVisibility() == Visibility.INTERNAL ? o.getSource() : null;
    }

    private static BigDecimal zero() {
        return new BigDecimal("0.00");
    }
}
