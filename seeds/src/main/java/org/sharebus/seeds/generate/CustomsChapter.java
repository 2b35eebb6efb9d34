package org.sharebus.seeds.generate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.credit.RepairedRecordType;
import org.sharebus.event.credit.SeriousDishonestListType;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsCreditClass;
import org.sharebus.event.customs.CustomsCreditClassChanged;
import org.sharebus.event.customs.CustomsFilingRegistered;
import org.sharebus.event.customs.CustomsPenaltyDecided;

/**
 * Customs (海关): consignor/consignee filings, AEO certification, penalties, and the dishonest
 * class that follows every smuggling penalty (Order 251, in force for the default window).
 */
final class CustomsChapter {

    static final String CUSTOMS_HOUSE = "杭州海关";
    private static final String CREDIT_ORDER = "海关注册登记和备案企业信用管理办法(海关总署令第251号)";
    private static final List<String> SMUGGLING = List.of("低报价格走私进口机电产品", "伪报品名走私进口化工原料",
            "通过夹藏方式走私进口电子元器件", "伪报贸易方式走私进口冻品");
    private static final List<String> VIOLATIONS = List.of("申报不实，影响海关统计准确性", "申报不实，影响国家出口退税管理",
            "申报不实，影响国家税款征收", "擅自处置海关监管货物");

    private CustomsChapter() {
    }

    static void write(Story s) {
        if (!s.trader) {
            return;
        }
        LocalDate registeredOn = WorkingDays.onOrAfter(s.enterprise.establishedOn().plusDays(20 + s.random.nextInt(700)));
        if (!registeredOn.isBefore(s.lifeEnd)) {
            s.trader = false;
            return;
        }
        CustomsFilingRegistered filing = CustomsFilingRegistered.newBuilder()
                .setCustomsCode(s.enterprise.customsCode())
                .setRegisteredCustoms(CUSTOMS_HOUSE)
                .setBusinessCategory("进出口货物收发货人")
                .setRegisteredOn(registeredOn)
                .build();
        s.write(Department.CUSTOMS, filing, s.officeTime(registeredOn), Visibility.PUBLIC, null,
                "中华人民共和国海关报关单位备案管理规定", null);
        aeo(s, registeredOn);
        penalties(s, registeredOn);
    }

    /** AEO (高级认证企业): only traders filed for more than a year before the window; most were certified before it. */
    private static void aeo(Story s, LocalDate registeredOn) {
        if (!registeredOn.isBefore(s.windowStart.minusYears(1)) || !s.chance(s.parameters.aeoShareOfTraders() * 1.5)) {
            return;
        }
        LocalDate certifiedOn = s.chance(0.7)
                ? s.workingDayBetween(later(registeredOn.plusYears(1), s.windowStart.minusYears(5)), s.windowStart)
                : s.workingDayBetween(s.windowStart, s.windowEnd);
        if (!certifiedOn.isBefore(s.lifeEnd)) {
            return;
        }
        CustomsCreditClassChanged payload = CustomsCreditClassChanged.newBuilder()
                .setOldClass(CustomsCreditClass.REGULAR)
                .setNewClass(CustomsCreditClass.ADVANCED_CERTIFIED)
                .setReasonArticle(null)
                .setAeoCode("AEOCN" + s.enterprise.customsCode())
                .setEffectiveDate(certifiedOn)
                .build();
        s.write(Department.CUSTOMS, payload, s.officeTime(certifiedOn), Visibility.SHARED, null, CREDIT_ORDER, null);
        s.aeo = true;
    }

    private static void penalties(Story s, LocalDate registeredOn) {
        int count = s.occurrences(s.parameters.customsPenaltyRate());
        for (int i = 0; i < count; i++) {
            LocalDate on = s.workingDayBetween(later(s.windowStart, registeredOn.plusDays(30)), s.windowEnd);
            if (!s.open(on)) {
                continue;
            }
            boolean smuggling = s.chance(s.parameters.smugglingShare());
            String decisionNo = s.docNumbers.next(smuggling ? "杭关缉违字" : "杭关违字", on.getYear());
            BigDecimal amount = smuggling ? s.amount(50_000, 3_000_000, 1_000) : s.amount(1_000, 300_000, 100);
            CustomsPenaltyDecided payload = CustomsPenaltyDecided.newBuilder()
                    .setCaseType(smuggling ? CustomsCaseType.SMUGGLING : CustomsCaseType.REGULATORY_VIOLATION)
                    .setDecisionNo(decisionNo)
                    .setAmount(amount)
                    .setDecidedAt(on)
                    .setDescription(s.pick(smuggling ? SMUGGLING : VIOLATIONS))
                    .setResponsiblePerson(s.chance(smuggling ? 0.6 : 0.1) ? s.currentRepresentative : null)
                    .build();
            UUID penalty = s.write(Department.CUSTOMS, payload, s.officeTime(on), Visibility.PUBLIC, decisionNo,
                    smuggling ? "中华人民共和国海关行政处罚实施条例第九条" : "中华人民共和国海关行政处罚实施条例第十五条", null);
            if (smuggling) {
                dishonest(s, on, penalty, decisionNo);
            }
        }
    }

    /**
     * A smuggling penalty makes the enterprise dishonest (失信企业) within weeks; some dishonest
     * enterprises are also on the statutory list, and half are restored to regular after a year.
     */
    private static void dishonest(Story s, LocalDate penaltyOn, UUID penalty, String penaltyNo) {
        LocalDate effective = WorkingDays.plus(penaltyOn, 5 + s.random.nextInt(15));
        if (!s.open(effective)) {
            return;
        }
        CustomsCreditClassChanged downgrade = CustomsCreditClassChanged.newBuilder()
                .setOldClass(s.aeo ? CustomsCreditClass.ADVANCED_CERTIFIED : CustomsCreditClass.REGULAR)
                .setNewClass(CustomsCreditClass.DISHONEST)
                .setReasonArticle("第十二条第二项")
                .setAeoCode(null)
                .setEffectiveDate(effective)
                .build();
        UUID changed = s.write(Department.CUSTOMS, downgrade, s.officeTime(effective), Visibility.SHARED, null, CREDIT_ORDER, penalty);
        s.aeo = false;
        s.seriousSince = s.seriousSince == null || effective.isBefore(s.seriousSince) ? effective : s.seriousSince;
        UUID creditListing = null;
        if (s.chance(0.4)) {
            LocalDate listedOn = WorkingDays.plus(effective, 1 + s.random.nextInt(5));
            creditListing = CreditChapter.list(s, SeriousDishonestListType.CUSTOMS_DISHONEST, CUSTOMS_HOUSE, listedOn, null,
                    "因走私受到海关行政处罚，被认定为失信企业", penaltyNo, changed);
            if (creditListing != null && s.chance(0.5)) {
                CreditChapter.restrict(s, listedOn, creditListing);
            }
        }
        if (s.chance(0.5)) {
            LocalDate restoredOn = WorkingDays.onOrAfter(effective.plusYears(1).plusDays(s.random.nextInt(60)));
            if (!s.open(restoredOn)) {
                return;
            }
            CustomsCreditClassChanged restore = CustomsCreditClassChanged.newBuilder()
                    .setOldClass(CustomsCreditClass.DISHONEST)
                    .setNewClass(CustomsCreditClass.REGULAR)
                    .setReasonArticle(null)
                    .setAeoCode(null)
                    .setEffectiveDate(restoredOn)
                    .build();
            s.write(Department.CUSTOMS, restore, s.officeTime(restoredOn), Visibility.SHARED, null, CREDIT_ORDER, changed);
            if (creditListing != null) {
                CreditChapter.repair(s, RepairedRecordType.SERIOUS_DISHONEST_LISTING, SeriousDishonestListType.CUSTOMS_DISHONEST,
                        creditListing, penaltyNo, WorkingDays.plus(restoredOn, 1 + s.random.nextInt(3)), CUSTOMS_HOUSE);
            }
        }
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
