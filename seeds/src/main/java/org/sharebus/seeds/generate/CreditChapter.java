package org.sharebus.seeds.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.credit.CreditRepaired;
import org.sharebus.event.credit.JointMeasureApplied;
import org.sharebus.event.credit.JointMeasureKind;
import org.sharebus.event.credit.RepairedRecordType;
import org.sharebus.event.credit.SeriousDishonestListType;
import org.sharebus.event.credit.SeriousDishonestSubjectListed;

/**
 * The credit office (信用办): statutory serious-dishonesty listings, repairs and joint measures.
 * The other chapters call {@link #list}, {@link #restrict} and {@link #repair} where their own
 * facts lead to the credit office; {@link #write} adds what starts here (court debtors) and the
 * incentives for AEO and tax level A.
 */
final class CreditChapter {

    static final String MEASURES_LIST = "全国失信惩戒措施基础清单(2024年版)";
    private static final String REPAIR_BASIS = "信用修复管理办法(国家发展改革委令第58号)";
    private static final List<Measure> RESTRICTIONS = List.of(
            new Measure("A-01-03", "杭州市财政局", "限制参与政府采购活动"),
            new Measure("A-02-01", "杭州市公共资源交易中心", "限制参与工程建设项目招标投标"),
            new Measure("A-05-02", "杭州市发展和改革委员会", "限制申报政府补贴资金和社会保障资金支持"),
            new Measure("A-09-01", "杭州市经济和信息化局", "限制评优评先、授予荣誉称号"));

    private CreditChapter() {
    }

    static void write(Story s) {
        courtDebtors(s);
        incentives(s);
    }

    /** A statutory serious-dishonesty listing; null when the day is outside the enterprise's life or the window. */
    static UUID list(Story s, SeriousDishonestListType type, String authority, LocalDate startOn, LocalDate endOn,
                     String grounds, String docNo, UUID cause) {
        if (!s.open(startOn)) {
            return null;
        }
        SeriousDishonestSubjectListed payload = SeriousDishonestSubjectListed.newBuilder()
                .setListType(type)
                .setListingAuthority(authority)
                .setStartOn(startOn)
                .setEndOn(endOn)
                .setMeasuresRef(MEASURES_LIST)
                .setGrounds(grounds)
                .build();
        return s.write(Department.CREDIT, payload, s.officeTime(startOn), Visibility.PUBLIC, docNo, null, cause);
    }

    /** Some time after a listing, a public body reports that it applied a restriction. */
    static void restrict(Story s, LocalDate listedOn, UUID listing) {
        LocalDate day = s.workingDayBetween(listedOn.plusDays(20), listedOn.plusDays(150));
        if (!s.open(day)) {
            return;
        }
        Measure measure = s.pick(RESTRICTIONS);
        JointMeasureApplied payload = JointMeasureApplied.newBuilder()
                .setMeasureCode(measure.code())
                .setMeasureKind(JointMeasureKind.RESTRICTION)
                .setApplyingDepartment(measure.body())
                .setAppliedOn(day)
                .setFeedback(measure.action() + "（项目编号 HZ-" + day.getYear() + "-" + Story.zeroPadded(4, 1 + s.random.nextInt(9999)) + "）")
                .build();
        s.write(Department.CREDIT, payload, s.officeTime(day), Visibility.SHARED, null, null, listing);
    }

    /** A repair; returns false when the day is outside the enterprise's life or the window. */
    static boolean repair(Story s, RepairedRecordType type, SeriousDishonestListType list, UUID repairedEvent, String repairedDocNo,
                          LocalDate on, String authority) {
        if (!s.open(on)) {
            return false;
        }
        CreditRepaired payload = CreditRepaired.newBuilder()
                .setRepairedRecordType(type)
                .setRepairedList(list)
                .setRepairedEventId(repairedEvent)
                .setRepairedDocNo(repairedDocNo)
                .setRepairedOn(on)
                .setAuthority(authority)
                .build();
        s.write(Department.CREDIT, payload, s.officeTime(on), Visibility.PUBLIC, null, REPAIR_BASIS, repairedEvent);
        return true;
    }

    /** Court dishonest debtors (失信被执行人): two years on the list, some deleted early once the debt is paid. */
    private static void courtDebtors(Story s) {
        int count = s.occurrences(s.parameters.courtDebtorRate() * (s.shell ? 5 : 1));
        for (int i = 0; i < count; i++) {
            LocalDate start = s.workingDayBetween(s.windowStart, s.windowEnd);
            String caseNo = s.docNumbers.courtCase(s.enterprise.district().courtCode(), start.getYear());
            UUID listing = list(s, SeriousDishonestListType.COURT_DEBTOR, s.enterprise.district().court(), start,
                    start.plusYears(2).minusDays(1), "有履行能力而拒不履行生效法律文书确定的义务", caseNo, null);
            if (listing == null) {
                continue;
            }
            if (s.chance(0.4)) {
                restrict(s, start, listing);
            }
            if (s.chance(0.25)) {
                repair(s, RepairedRecordType.SERIOUS_DISHONEST_LISTING, SeriousDishonestListType.COURT_DEBTOR, listing, caseNo,
                        WorkingDays.onOrAfter(start.plusDays(30 + s.random.nextInt(270))), s.enterprise.district().court());
            }
        }
    }

    /** Joint incentives (联合激励) for AEO enterprises and tax level A. */
    private static void incentives(Story s) {
        if (s.aeo && s.chance(0.3)) {
            incentive(s, "B-01-01", "杭州海关", "高级认证企业适用较低进出口货物查验率，优先办理通关手续");
        }
        if (s.taxLevelAOn != null && s.chance(0.1)) {
            incentive(s, "B-03-02", "国家税务总局杭州市税务局", "纳税信用A级纳税人增值税专用发票按需领用");
        }
    }

    private static void incentive(Story s, String code, String body, String feedback) {
        LocalDate from = s.taxLevelAOn != null && code.startsWith("B-03") ? s.taxLevelAOn : s.windowStart;
        LocalDate day = s.workingDayBetween(from, s.windowEnd);
        if (!s.open(day)) {
            return;
        }
        JointMeasureApplied payload = JointMeasureApplied.newBuilder()
                .setMeasureCode(code)
                .setMeasureKind(JointMeasureKind.INCENTIVE)
                .setApplyingDepartment(body)
                .setAppliedOn(day)
                .setFeedback(feedback)
                .build();
        s.write(Department.CREDIT, payload, s.officeTime(day), Visibility.SHARED, null, null, null);
    }

    private record Measure(String code, String body, String action) {
    }
}
