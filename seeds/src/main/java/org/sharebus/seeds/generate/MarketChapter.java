package org.sharebus.seeds.generate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.credit.RepairedRecordType;
import org.sharebus.event.credit.SeriousDishonestListType;
import org.sharebus.event.market.AbnormalOperationsListed;
import org.sharebus.event.market.AbnormalOperationsReason;
import org.sharebus.event.market.AbnormalOperationsRemoved;
import org.sharebus.event.market.AdministrativePenaltyDecided;
import org.sharebus.event.market.AnnualReportFiled;
import org.sharebus.event.market.AnnualReportItem;
import org.sharebus.event.market.CancelType;
import org.sharebus.event.market.ChangeItem;
import org.sharebus.event.market.EnterpriseChanged;
import org.sharebus.event.market.EnterpriseDeregistered;
import org.sharebus.event.market.EnterpriseRegistered;
import org.sharebus.event.market.EnterpriseRevoked;
import org.sharebus.event.market.InspectionResultCode;
import org.sharebus.event.market.InspectionResultRecorded;
import org.sharebus.event.market.PenaltyProcedure;
import org.sharebus.event.market.PenaltySector;
import org.sharebus.event.market.PenaltyType;
import org.sharebus.event.market.SeriousDishonestyBasis;
import org.sharebus.event.market.SeriousDishonestyExitType;
import org.sharebus.event.market.SeriousDishonestyListed;
import org.sharebus.event.market.SeriousDishonestyRemoved;
import org.sharebus.seeds.city.Names;
import org.sharebus.inspection.InspectionItem;
import org.sharebus.inspection.InspectionItems;
import org.sharebus.seeds.inspection.Inspector;

/**
 * Market supervision (市场监管局): registration, annual reports and the abnormal operations list,
 * changes, dual-random inspections, penalties and the serious illegal and dishonest list.
 */
final class MarketChapter {

    private static final MonthDay REPORT_DEADLINE = MonthDay.of(6, 30);
    private static final String REPORT_BASIS = "企业信息公示暂行条例第八条";
    private static final String LISTING_BASIS = "企业经营异常名录管理办法";
    private static final String SERIOUS_BASIS = "市场监督管理严重违法失信名单管理办法(国家市场监督管理总局令第44号)";
    /** Share of due reports a shell files late, and never. */
    private static final double SHELL_LATE = 0.1;
    private static final double SHELL_MISSING = 0.8;
    private static final Map<PenaltySector, Violation> VIOLATIONS = violations();

    private MarketChapter() {
    }

    static void write(Story s) {
        register(s);
        endOfLife(s);
        if (s.shell) {
            shellTroubles(s);
        }
        annualReports(s);
        changes(s);
        inspections(s);
        penalties(s);
    }

    private static void register(Story s) {
        Enterprise e = s.enterprise;
        EnterpriseRegistered payload = EnterpriseRegistered.newBuilder()
                .setEntityType(e.entityType())
                .setEstablishedOn(e.establishedOn())
                .setRegisteredCapital(e.registeredCapital())
                .setCapitalCurrency("CNY")
                .setAddress(e.address())
                .setIndustryCode(e.industryClass())
                .setLegalRepresentative(e.legalRepresentative())
                .setBusinessScope(e.industry().businessScope())
                .setRegistrationAuthority(e.district().marketAuthority())
                .build();
        s.write(Department.MARKET, payload, s.officeTime(e.establishedOn()), Visibility.PUBLIC, null,
                "中华人民共和国市场主体登记管理条例", null);
    }

    /** Deregistration (most of it simplified) for ordinary enterprises; nothing happens after it. */
    private static void endOfLife(Story s) {
        if (s.shell || s.occurrences(s.parameters.deregistrationRate()) == 0) {
            return;
        }
        LocalDate earliest = later(s.windowStart, s.enterprise.establishedOn().plusDays(180));
        LocalDate day = s.workingDayBetween(earliest, s.windowEnd);
        if (!s.open(day)) {
            return;
        }
        EnterpriseDeregistered payload = EnterpriseDeregistered.newBuilder()
                .setCancelType(s.chance(0.7) ? CancelType.SIMPLIFIED : CancelType.NORMAL)
                .setDeregisteredOn(day)
                .build();
        s.write(Department.MARKET, payload, s.officeTime(day), Visibility.PUBLIC, null, "中华人民共和国市场主体登记管理条例第三十一条", null);
        s.lifeEnd = day;
    }

    /**
     * A shell (空壳企业): some were listed as unreachable years ago and are moved to the serious list
     * after three years; others are found unreachable by an inspection now, listed within 10
     * working days, and some have their licence revoked half a year or more later.
     */
    private static void shellTroubles(Story s) {
        LocalDate historicFrom = later(s.windowStart.minusYears(3), s.enterprise.establishedOn().plusYears(1));
        LocalDate historicTo = s.windowEnd.minusYears(3).minusDays(40);
        if (s.chance(0.15) && historicFrom.isBefore(historicTo)) {
            LocalDate listedOn = s.workingDayBetween(historicFrom, historicTo);
            String listingNo = s.docNumbers.next(s.enterprise.district().docPrefix() + "市监异", listedOn.getYear());
            UUID listing = s.write(Department.MARKET, abnormal(s, AbnormalOperationsReason.UNREACHABLE, listingNo, listedOn),
                    s.officeTime(listedOn), Visibility.PUBLIC, listingNo, LISTING_BASIS, null);
            s.unreachableListedOn = listedOn;
            s.unreachableListing = listing;
            LocalDate escalatedOn = WorkingDays.onOrAfter(listedOn.plusYears(3).plusDays(1 + s.random.nextInt(20)));
            seriousListing(s, SeriousDishonestyBasis.ABNORMAL_OVER_THREE_YEARS, "列入经营异常名录届满3年仍未履行相关义务",
                    null, escalatedOn, listing);
            return;
        }
        if (!s.chance(0.6)) {
            return;
        }
        LocalDate inspectedOn = s.workingDayBetween(later(s.windowStart, s.enterprise.establishedOn().plusDays(60)),
                s.windowStart.plusDays((long) (365 * s.parameters.years() * 0.6)));
        if (!s.open(inspectedOn)) {
            return;
        }
        Inspection inspection = inspection(s, inspectedOn, InspectionResultCode.UNREACHABLE_AT_REGISTERED_ADDRESS, null);
        // Listed within 10 working days of the finding, after the result that grounds it is on record.
        LocalDate listedOn = WorkingDays.plus(inspection.recordedOn(), 1 + s.random.nextInt(5));
        if (!s.open(listedOn)) {
            return;
        }
        String listingNo = s.docNumbers.next(s.enterprise.district().docPrefix() + "市监异", listedOn.getYear());
        s.unreachableListing = s.write(Department.MARKET, abnormal(s, AbnormalOperationsReason.UNREACHABLE, listingNo, listedOn),
                s.officeTime(listedOn), Visibility.PUBLIC, listingNo, LISTING_BASIS, inspection.id());
        s.unreachableListedOn = listedOn;
        if (s.chance(0.3)) {
            LocalDate revokedOn = WorkingDays.onOrAfter(listedOn.plusDays(180 + s.random.nextInt(220)));
            if (s.open(revokedOn)) {
                String decisionNo = s.docNumbers.next(s.enterprise.district().docPrefix() + "市监罚", revokedOn.getYear());
                EnterpriseRevoked payload = EnterpriseRevoked.newBuilder()
                        .setRevokedOn(revokedOn)
                        .setDecisionNo(decisionNo)
                        .setRevocationGrounds("成立后无正当理由超过六个月未开业，或者开业后自行停业连续六个月以上")
                        .build();
                s.write(Department.MARKET, payload, s.officeTime(revokedOn), Visibility.PUBLIC, decisionNo,
                        "中华人民共和国公司法第二百六十条", s.unreachableListing);
                s.lifeEnd = revokedOn;
            }
        }
    }

    /**
     * Annual reports (年报) of the report years a profile looks back over: the
     * {@value SeedParameters#REPORT_HISTORY_YEARS} up to the latest one due before the window's end,
     * as they happened, before the window or in it (the enterprise's back-story), and the on-time
     * filings made before the window's end of the year whose filing season it ends in. A report not
     * filed by 30 June is listed within 10 working days (经营异常名录); a late filer is removed from
     * the list a few working days after filing; a report never filed stays listed, and the first
     * such listing still in place after three years moves the enterprise to the serious illegal and
     * dishonest list, as the shells' unreachable listings do.
     *
     * <p>A shell misses most reports, year after year. An ordinary enterprise that never files a
     * report has stopped trading (a dormant enterprise, 僵尸企业): it files none after it either. Its
     * chance of stopping in a given year is set so that about {@code annualReportMissingShare} of
     * all due reports are never filed, shells included.
     */
    private static void annualReports(Story s) {
        SeedParameters p = s.parameters;
        double shells = p.shellShare();
        double lateOthers = Math.max(0, (p.annualReportLateShare() - shells * SHELL_LATE) / (1 - shells));
        double missingOthers = Math.max(0, (p.annualReportMissingShare() - shells * SHELL_MISSING) / (1 - shells));
        int latestDue = p.latestDueReportYear();
        int first = Math.max(p.firstHistoryReportYear(), s.enterprise.establishedOn().getYear());
        // Of n years, stopping in year k (hazard h) misses n - k + 1 of them: on average a share h (n + 1) / 2.
        int owed = Math.max(1, latestDue - first + 1);
        double late = s.shell ? SHELL_LATE : lateOthers;
        double missing = s.shell ? SHELL_MISSING : Math.min(1 - late, missingOthers * 2 / (owed + 1));
        boolean dormant = false;
        for (int reportYear = first; reportYear <= latestDue + 1; reportYear++) {
            LocalDate deadline = REPORT_DEADLINE.atYear(reportYear + 1);
            boolean due = reportYear <= latestDue;
            // An enterprise that ended by the deadline owed no report for the year.
            if (due && !deadline.isBefore(s.lifeEnd)) {
                continue;
            }
            double u = dormant ? late : s.random.nextDouble();
            dormant = !s.shell && u >= late && u < late + missing;
            if (u >= late + missing) {
                // On time; most file in the last two months. Of the year in progress, what was filed before the window's end.
                LocalDate filedOn = deadline.minusDays((long) (180 * Math.pow(s.random.nextDouble(), 2)));
                if (s.existed(filedOn)) {
                    Instant filedAt = s.officeTime(filedOn);
                    s.write(Department.MARKET, report(s, reportYear, filedAt, false), filedAt, Visibility.PUBLIC, null,
                            REPORT_BASIS, null);
                }
                continue;
            }
            LocalDate listedOn = WorkingDays.plus(deadline, 1 + s.random.nextInt(10));
            if (!due || !s.existed(listedOn)) {
                continue;
            }
            String listingNo = s.docNumbers.next(s.enterprise.district().docPrefix() + "市监异", listedOn.getYear());
            UUID listing = s.write(Department.MARKET, abnormal(s, AbnormalOperationsReason.NO_ANNUAL_REPORT, listingNo, listedOn),
                    s.officeTime(listedOn), Visibility.PUBLIC, listingNo, "企业信息公示暂行条例第十七条", null);
            if (u < late) {
                LocalDate filedOn = listedOn.plusDays(3 + s.random.nextInt(150));
                if (s.existed(filedOn)) {
                    Instant filedAt = s.officeTime(filedOn);
                    UUID filing = s.write(Department.MARKET, report(s, reportYear, filedAt, true), filedAt,
                            Visibility.PUBLIC, null, REPORT_BASIS, listing);
                    removal(s, AbnormalOperationsReason.NO_ANNUAL_REPORT, listingNo, WorkingDays.plus(filedOn, 1 + s.random.nextInt(5)),
                            filing);
                }
            } else if (s.seriousSince == null) {
                // Never filed: still listed three years on, the enterprise goes on the serious list (once).
                LocalDate escalatedOn = WorkingDays.onOrAfter(listedOn.plusYears(3).plusDays(1 + s.random.nextInt(20)));
                seriousListing(s, SeriousDishonestyBasis.ABNORMAL_OVER_THREE_YEARS, "列入经营异常名录届满3年仍未履行相关义务",
                        null, escalatedOn, listing);
            }
        }
    }

    private static AnnualReportFiled report(Story s, int reportYear, Instant filedAt, boolean late) {
        double scale = s.enterprise.registeredCapital().doubleValue();
        int employees = 1 + (int) Math.min(5_000, Math.exp(s.random.nextDouble() * Math.log(Math.max(2, scale / 50_000))));
        BigDecimal assets = s.amount(scale * 0.3, scale * 4, 100);
        BigDecimal liabilities = s.amount(assets.doubleValue() * 0.1, assets.doubleValue() * 0.9, 100);
        BigDecimal revenue = s.amount(scale * 0.2, scale * 6, 100);
        BigDecimal profit = s.amount(Math.max(100, revenue.doubleValue() * 0.01), Math.max(200, revenue.doubleValue() * 0.12), 100);
        if (s.chance(0.25)) {
            profit = profit.negate();
        }
        List<AnnualReportItem> published = new ArrayList<>();
        if (s.chance(0.35)) {
            published.add(AnnualReportItem.EMPLOYEES);
            if (s.chance(0.5)) {
                published.add(AnnualReportItem.TOTAL_ASSETS);
                published.add(AnnualReportItem.REVENUE);
            }
        }
        return AnnualReportFiled.newBuilder()
                .setReportYear(reportYear)
                .setFiledAt(filedAt)
                .setLate(late)
                .setPublishedOptionalItems(published)
                .setEmployeeCount(employees)
                .setTotalAssets(assets)
                .setTotalLiabilities(liabilities)
                .setOwnersEquity(assets.subtract(liabilities))
                .setRevenue(revenue)
                .setNetProfit(profit)
                .setTaxPaid(s.amount(Math.max(100, revenue.doubleValue() * 0.005), Math.max(200, revenue.doubleValue() * 0.06), 100))
                .build();
    }

    private static AbnormalOperationsListed abnormal(Story s, AbnormalOperationsReason reason, String decisionNo, LocalDate on) {
        return AbnormalOperationsListed.newBuilder()
                .setReason(reason)
                .setDecisionNo(decisionNo)
                .setDecidedOn(on)
                .setDecidingAuthority(s.enterprise.district().marketAuthority())
                .build();
    }

    private static void removal(Story s, AbnormalOperationsReason reason, String listingNo, LocalDate on, UUID cause) {
        if (!s.existed(on)) {
            return;
        }
        String decisionNo = s.docNumbers.next(s.enterprise.district().docPrefix() + "市监移", on.getYear());
        AbnormalOperationsRemoved payload = AbnormalOperationsRemoved.newBuilder()
                .setCuredReason(reason)
                .setListingDecisionNo(listingNo)
                .setDecisionNo(decisionNo)
                .setDecidedOn(on)
                .build();
        s.write(Department.MARKET, payload, s.officeTime(on), Visibility.PUBLIC, decisionNo, LISTING_BASIS, cause);
    }

    /** Change registrations: one to two items each, filed in the window. */
    private static void changes(Story s) {
        int count = s.occurrences(s.parameters.changeRate());
        for (int i = 0; i < count; i++) {
            LocalDate on = s.workingDayBetween(later(s.windowStart, s.enterprise.establishedOn().plusDays(30)), s.windowEnd);
            if (!s.open(on)) {
                continue;
            }
            List<ChangeItem> items = new ArrayList<>();
            double u = s.random.nextDouble();
            if (u < 0.35) {
                String after = s.enterprise.address().replaceFirst("\\d+号.*$", (1 + s.random.nextInt(999)) + "号");
                items.add(new ChangeItem("住所", s.currentAddress, after));
                s.currentAddress = after;
            } else if (u < 0.6) {
                String after = Names.personName(s.random);
                items.add(new ChangeItem("法定代表人", s.currentRepresentative, after));
                s.currentRepresentative = after;
            } else if (u < 0.8) {
                items.add(new ChangeItem("经营范围", s.enterprise.industry().businessScope(),
                        s.enterprise.industry().businessScope() + "；技术进出口"));
            } else {
                BigDecimal before = s.enterprise.registeredCapital();
                items.add(new ChangeItem("注册资本", before.toPlainString() + "元人民币",
                        before.multiply(BigDecimal.valueOf(2)).toPlainString() + "元人民币"));
            }
            if (s.chance(0.2)) {
                items.add(new ChangeItem("章程备案", null, "章程修正案（" + on.getYear() + "年）"));
            }
            EnterpriseChanged payload = EnterpriseChanged.newBuilder().setChangeItems(items).setChangedOn(on).build();
            s.write(Department.MARKET, payload, s.officeTime(on), Visibility.PUBLIC, null, "中华人民共和国市场主体登记管理条例第二十四条", null);
        }
    }

    /** Dual-random inspections (双随机抽查) of ordinary enterprises, April to November. */
    private static void inspections(Story s) {
        if (s.shell) {
            return;
        }
        for (int year = s.windowStart.getYear(); year <= s.windowEnd.minusDays(1).getYear(); year++) {
            // The campaign season, April to November, as far as it lies in the window; the rate scaled to that part.
            LocalDate seasonStart = LocalDate.of(year, 4, 1);
            LocalDate seasonEnd = LocalDate.of(year, 11, 30);
            LocalDate from = later(seasonStart, s.windowStart);
            LocalDate to = seasonEnd.isBefore(s.windowEnd) ? seasonEnd : s.windowEnd;
            if (!from.isBefore(to)) {
                continue;
            }
            double inWindow = (double) (to.toEpochDay() - from.toEpochDay()) / (seasonEnd.toEpochDay() - seasonStart.toEpochDay());
            if (!s.chance(s.parameters.inspectionRate() * inWindow)) {
                continue;
            }
            LocalDate formedOn = s.workingDayBetween(from, to);
            // The result, and a follow-up penalty, are recorded within 20 working days: all of it before the enterprise ends.
            if (!s.open(formedOn) || !s.open(WorkingDays.plus(formedOn, 20))) {
                continue;
            }
            double u = s.random.nextDouble();
            InspectionResultCode result = u < 0.86 ? InspectionResultCode.NO_PROBLEM_FOUND
                    : u < 0.93 ? InspectionResultCode.CORRECTION_ORDERED
                    : u < 0.96 ? InspectionResultCode.INFORMATION_NOT_DISCLOSED
                    : u < 0.995 ? InspectionResultCode.NO_ACTIVITY_IN_SCOPE
                    : InspectionResultCode.SERIOUS_REFUSAL_TO_COOPERATE;
            Penalty followUp = null;
            if (result == InspectionResultCode.SERIOUS_REFUSAL_TO_COOPERATE
                    || (result == InspectionResultCode.CORRECTION_ORDERED && s.chance(0.3))) {
                PenaltySector sector = result == InspectionResultCode.SERIOUS_REFUSAL_TO_COOPERATE
                        ? PenaltySector.OBSTRUCTING_INSPECTION : s.pick(s.enterprise.industry().penaltySectors());
                followUp = penalty(s, WorkingDays.plus(formedOn, 5 + s.random.nextInt(8)), sector, false);
            }
            Inspection inspection = inspection(s, formedOn, result, followUp);
            if (result == InspectionResultCode.INFORMATION_NOT_DISCLOSED && s.chance(0.5)) {
                // Ordered to disclose within 10 days; listed when it did not.
                LocalDate ordered = formedOn.plusDays(10);
                LocalDate listedOn = WorkingDays.plus(inspection.recordedOn().isAfter(ordered) ? inspection.recordedOn() : ordered,
                        1 + s.random.nextInt(10));
                if (s.open(listedOn)) {
                    String listingNo = s.docNumbers.next(s.enterprise.district().docPrefix() + "市监异", listedOn.getYear());
                    UUID listing = s.write(Department.MARKET, abnormal(s, AbnormalOperationsReason.NO_INSTANT_DISCLOSURE, listingNo,
                            listedOn), s.officeTime(listedOn), Visibility.PUBLIC, listingNo, "企业信息公示暂行条例第十七条", inspection.id());
                    if (s.chance(0.6)) {
                        removal(s, AbnormalOperationsReason.NO_INSTANT_DISCLOSURE, listingNo,
                                WorkingDays.plus(listedOn, 10 + s.random.nextInt(60)), listing);
                    }
                }
            }
        }
    }

    /**
     * Records an inspection result formed on {@code formedOn}, within 20 working days (after the
     * follow-up penalty, when there is one, so it can name it).
     */
    private static Inspection inspection(Story s, LocalDate formedOn, InspectionResultCode result, Penalty followUp) {
        List<InspectionItem> applicable = InspectionItems.applicable(Department.MARKET, s.enterprise.industry().section());
        List<String> items = new ArrayList<>();
        items.add(applicable.get(0).name());
        if (applicable.size() > 1 && s.chance(0.6)) {
            items.add(applicable.get(1 + s.random.nextInt(applicable.size() - 1)).name());
        }
        List<Inspector> pool = s.roster.of(Department.MARKET, s.enterprise.regionCode());
        int first = s.random.nextInt(pool.size());
        int second = (first + 1 + s.random.nextInt(pool.size() - 1)) % pool.size();
        List<Department> joint = new ArrayList<>();
        if (s.chance(0.1)) {
            joint.add(s.trader && s.chance(0.5) ? Department.CUSTOMS : Department.TAX);
        }
        String taskId = s.enterprise.regionCode() + "-" + formedOn.getYear() + "-SJ-" + Story.zeroPadded(3, 1 + formedOn.getMonthValue() * 3
                + s.random.nextInt(3));
        InspectionResultRecorded payload = InspectionResultRecorded.newBuilder()
                .setTaskId(taskId)
                .setItems(items)
                .setJointDepartments(joint)
                .setInspectorIds(List.of(pool.get(first).id(), pool.get(second).id()))
                .setResultCode(result)
                .setResultFormedOn(formedOn)
                .setFollowUpPenaltyRef(followUp == null ? null : followUp.decisionNo())
                .build();
        // An unreachable enterprise is recorded at once: the listing waits for it.
        int maxDelay = result == InspectionResultCode.UNREACHABLE_AT_REGISTERED_ADDRESS ? 3 : 15;
        LocalDate recordedOn = followUp == null
                ? WorkingDays.plus(formedOn, 1 + s.random.nextInt(maxDelay))
                : WorkingDays.plus(followUp.decidedOn(), 1 + s.random.nextInt(3));
        UUID id = s.write(Department.MARKET, payload, s.officeTime(recordedOn), Visibility.PUBLIC, null, "国发〔2019〕5号",
                followUp == null ? null : followUp.id());
        return new Inspection(id, recordedOn);
    }

    /** Penalties, a few heavy enough for the serious list; repairable ones are partly repaired after the waiting period. */
    private static void penalties(Story s) {
        int count = s.occurrences(s.parameters.marketPenaltyRate());
        for (int i = 0; i < count; i++) {
            LocalDate on = s.workingDayBetween(s.windowStart, s.windowEnd);
            boolean heavy = s.chance(s.parameters.heavyPenaltyShare());
            penalty(s, on, s.pick(s.enterprise.industry().penaltySectors()), heavy);
        }
    }

    private static Penalty penalty(Story s, LocalDate on, PenaltySector sector, boolean heavy) {
        if (!s.open(on)) {
            return null;
        }
        String decisionNo = s.docNumbers.next(s.enterprise.district().docPrefix() + "市监罚", on.getYear());
        Violation violation = VIOLATIONS.getOrDefault(sector, VIOLATIONS.get(PenaltySector.OTHER));
        List<PenaltyType> types = new ArrayList<>();
        BigDecimal fine = null;
        BigDecimal confiscated = null;
        boolean warningOnly = !heavy && sector != PenaltySector.OBSTRUCTING_INSPECTION && s.chance(0.15);
        if (warningOnly) {
            types.add(PenaltyType.WARNING);
        } else if (heavy) {
            types.add(PenaltyType.FINE);
            types.add(PenaltyType.CONFISCATION);
            fine = s.amount(500_000, 5_000_000, 1_000);
            confiscated = s.amount(20_000, 2_000_000, 100);
            if (s.chance(0.3)) {
                types.add(PenaltyType.SUSPENSION_ORDERED);
            }
        } else {
            types.add(PenaltyType.FINE);
            fine = s.amount(2_000, 200_000, 100);
            if (s.chance(0.1)) {
                types.add(PenaltyType.CONFISCATION);
                confiscated = s.amount(500, 50_000, 1);
            }
        }
        AdministrativePenaltyDecided payload = AdministrativePenaltyDecided.newBuilder()
                .setDecisionNo(decisionNo)
                .setViolationType(violation.type())
                .setPenaltyTypes(types)
                .setFineAmount(fine)
                .setConfiscatedAmount(confiscated)
                .setSector(sector)
                .setProcedure(warningOnly && s.chance(0.5) ? PenaltyProcedure.SIMPLIFIED : PenaltyProcedure.GENERAL)
                .setDecidedOn(on)
                .setDescription(violation.type() + "，" + (heavy ? "情节严重，社会危害较大" : "责令改正并依法处罚"))
                .setResponsiblePerson(heavy || s.chance(0.2) ? s.currentRepresentative : null)
                .build();
        // Warnings are not published (SAMR Order 45): shared between departments only.
        UUID id = s.write(Department.MARKET, payload, s.officeTime(on), warningOnly ? Visibility.SHARED : Visibility.PUBLIC,
                decisionNo, violation.basis(), null);
        Penalty penalty = new Penalty(id, decisionNo, on);
        if (heavy) {
            LocalDate listedOn = WorkingDays.plus(on, 10 + s.random.nextInt(20));
            seriousListing(s, SeriousDishonestyBasis.HEAVY_PENALTY, violation.type() + "，受到较重行政处罚", decisionNo, listedOn, id);
        } else if (!warningOnly && s.chance(s.parameters.penaltyRepairShare())) {
            boolean longWait = sector == PenaltySector.FOOD || sector == PenaltySector.DRUG || sector == PenaltySector.SPECIAL_EQUIPMENT;
            LocalDate repairedOn = WorkingDays.onOrAfter(on.plusMonths(longWait ? 12 : 6).plusDays(s.random.nextInt(90)));
            CreditChapter.repair(s, RepairedRecordType.ADMINISTRATIVE_PENALTY, null, id, decisionNo, repairedOn,
                    s.enterprise.district().marketAuthority());
        }
        return penalty;
    }

    /**
     * The serious illegal and dishonest list: the market listing, the credit office's statutory
     * listing a few days later, often a restriction, and for half an early exit after a year.
     */
    private static void seriousListing(Story s, SeriousDishonestyBasis basis, String grounds, String penaltyRef, LocalDate on, UUID cause) {
        if (!s.open(on)) {
            return;
        }
        String prefix = s.enterprise.district().docPrefix();
        String decisionNo = s.docNumbers.next(prefix + "市监列严", on.getYear());
        SeriousDishonestyListed payload = SeriousDishonestyListed.newBuilder()
                .setBasis(basis)
                .setGrounds(grounds)
                .setPenaltyRef(penaltyRef)
                .setDecisionNo(decisionNo)
                .setDecidedOn(on)
                .build();
        UUID listing = s.write(Department.MARKET, payload, s.officeTime(on), Visibility.PUBLIC, decisionNo, SERIOUS_BASIS, cause);
        s.seriousSince = s.seriousSince == null || on.isBefore(s.seriousSince) ? on : s.seriousSince;
        LocalDate creditOn = WorkingDays.plus(on, 1 + s.random.nextInt(5));
        UUID creditListing = CreditChapter.list(s, SeriousDishonestListType.MARKET_SERIOUS, s.enterprise.district().marketAuthority(),
                creditOn, creditOn.plusYears(3).minusDays(1), grounds, decisionNo, listing);
        if (creditListing != null && s.chance(0.6)) {
            CreditChapter.restrict(s, creditOn, creditListing);
        }
        if (basis == SeriousDishonestyBasis.HEAVY_PENALTY && s.chance(0.5)) {
            LocalDate exitOn = WorkingDays.onOrAfter(on.plusYears(1).plusDays(5 + s.random.nextInt(60)));
            if (s.open(exitOn)) {
                String removalNo = s.docNumbers.next(prefix + "市监移严", exitOn.getYear());
                SeriousDishonestyRemoved removal = SeriousDishonestyRemoved.newBuilder()
                        .setExitType(SeriousDishonestyExitType.EARLY_EXIT)
                        .setListingDecisionNo(decisionNo)
                        .setDecisionNo(removalNo)
                        .setDecidedOn(exitOn)
                        .build();
                s.write(Department.MARKET, removal, s.officeTime(exitOn), Visibility.PUBLIC, removalNo, SERIOUS_BASIS, listing);
                if (creditListing != null) {
                    CreditChapter.repair(s, RepairedRecordType.SERIOUS_DISHONEST_LISTING, SeriousDishonestListType.MARKET_SERIOUS,
                            creditListing, decisionNo, WorkingDays.plus(exitOn, 1 + s.random.nextInt(3)),
                            s.enterprise.district().marketAuthority());
                }
            }
        }
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static Map<PenaltySector, Violation> violations() {
        Map<PenaltySector, Violation> map = new EnumMap<>(PenaltySector.class);
        map.put(PenaltySector.FOOD, new Violation("生产经营不符合食品安全标准的食品", "中华人民共和国食品安全法第一百二十四条"));
        map.put(PenaltySector.DRUG, new Violation("未按照规定储存药品", "中华人民共和国药品管理法第一百二十六条"));
        map.put(PenaltySector.MEDICAL_DEVICE, new Violation("经营未依法注册的第二类医疗器械", "医疗器械监督管理条例第八十六条"));
        map.put(PenaltySector.COSMETICS, new Violation("经营标签不符合规定的化妆品", "化妆品监督管理条例第六十一条"));
        map.put(PenaltySector.SPECIAL_EQUIPMENT, new Violation("使用未经定期检验的特种设备", "中华人民共和国特种设备安全法第八十四条"));
        map.put(PenaltySector.PRODUCT_QUALITY, new Violation("生产不符合保障人体健康和人身、财产安全的国家标准的产品",
                "中华人民共和国产品质量法第四十九条"));
        map.put(PenaltySector.CONSUMER_RIGHTS, new Violation("侵害消费者合法权益", "中华人民共和国消费者权益保护法第五十六条"));
        map.put(PenaltySector.FAIR_COMPETITION, new Violation("对商品作虚假的商业宣传", "中华人民共和国反不正当竞争法第二十条"));
        map.put(PenaltySector.ADVERTISING, new Violation("发布虚假广告", "中华人民共和国广告法第五十五条"));
        map.put(PenaltySector.PRICING, new Violation("不按规定明码标价", "明码标价和禁止价格欺诈规定第二十一条"));
        map.put(PenaltySector.OBSTRUCTING_INSPECTION, new Violation("拒绝接受依法进行的监督检查", "中华人民共和国产品质量法第五十六条"));
        map.put(PenaltySector.REGISTRATION, new Violation("提交虚假材料取得市场主体登记", "中华人民共和国市场主体登记管理条例第四十四条"));
        map.put(PenaltySector.OTHER, new Violation("其他违反市场监督管理法律法规的行为", null));
        return map;
    }

    private record Violation(String type, String basis) {
    }

    private record Penalty(UUID id, String decisionNo, LocalDate decidedOn) {
    }

    private record Inspection(UUID id, LocalDate recordedOn) {
    }
}
