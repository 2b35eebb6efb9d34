package org.sharebus.event;

import static org.sharebus.event.EventExamples.GONGSHU_FOODS;
import static org.sharebus.event.EventExamples.SHANGCHENG_CATERING;
import static org.sharebus.event.EventExamples.at;
import static org.sharebus.event.EventExamples.header;

import java.time.LocalDate;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.credit.CreditEvent;
import org.sharebus.event.credit.CreditRepaired;
import org.sharebus.event.credit.JointMeasureApplied;
import org.sharebus.event.credit.JointMeasureKind;
import org.sharebus.event.credit.RepairedRecordType;
import org.sharebus.event.credit.SeriousDishonestListType;
import org.sharebus.event.credit.SeriousDishonestSubjectListed;

/** Credit office (信用办) examples. */
public final class CreditExamples {

    private CreditExamples() {
    }

    /** A two-year court dishonest-debtor listing. */
    public static CreditEvent courtDebtorListed() {
        SeriousDishonestSubjectListed payload = SeriousDishonestSubjectListed.newBuilder()
                .setListType(SeriousDishonestListType.COURT_DEBTOR)
                .setListingAuthority("杭州市上城区人民法院")
                .setStartOn(LocalDate.of(2026, 1, 20))
                .setEndOn(LocalDate.of(2028, 1, 19))
                .setMeasuresRef("全国失信惩戒措施基础清单(2024年版)")
                .setGrounds("有履行能力而拒不履行生效法律文书确定的义务")
                .build();
        return CreditEvent.newBuilder()
                .setHeader(header(Department.CREDIT, SHANGCHENG_CATERING, payload, at(2026, 1, 20, 9, 0), Visibility.PUBLIC)
                        .setDocNo("(2025)浙0102执1234号")
                        .build())
                .setPayload(payload)
                .build();
    }

    /** Repair of {@link MarketExamples#foodSafetyPenalty()} after the one-year wait for food penalties. */
    public static CreditEvent foodPenaltyRepaired() {
        CreditRepaired payload = CreditRepaired.newBuilder()
                .setRepairedRecordType(RepairedRecordType.ADMINISTRATIVE_PENALTY)
                .setRepairedList(null)
                .setRepairedEventId(MarketExamples.foodSafetyPenalty().getHeader().getEventId())
                .setRepairedDocNo(MarketExamples.FOOD_PENALTY_NO)
                .setRepairedOn(LocalDate.of(2027, 5, 20))
                .setAuthority("杭州市拱墅区市场监督管理局")
                .build();
        return CreditEvent.newBuilder()
                .setHeader(header(Department.CREDIT, GONGSHU_FOODS, payload, at(2027, 5, 20, 11, 0), Visibility.PUBLIC)
                        .setLegalBasis("信用修复管理办法(国家发展改革委令第36号)")
                        .build())
                .setPayload(payload)
                .build();
    }

    /** The court debtor kept out of a government procurement tender. */
    public static CreditEvent procurementRestricted() {
        JointMeasureApplied payload = JointMeasureApplied.newBuilder()
                .setMeasureCode("A-01-03")
                .setMeasureKind(JointMeasureKind.RESTRICTION)
                .setApplyingDepartment("杭州市财政局")
                .setAppliedOn(LocalDate.of(2026, 3, 18))
                .setFeedback("限制参与政府采购项目 HZCG-2026-0117 投标")
                .build();
        return CreditEvent.newBuilder()
                .setHeader(header(Department.CREDIT, SHANGCHENG_CATERING, payload, at(2026, 3, 18, 14, 10), Visibility.SHARED)
                        .setCorrelationId(courtDebtorListed().getHeader().getEventId().toString())
                        .build())
                .setPayload(payload)
                .build();
    }
}
