package org.sharebus.event;

import static org.sharebus.event.EventExamples.BINJIANG_CLOUD;
import static org.sharebus.event.EventExamples.GONGSHU_FOODS;
import static org.sharebus.event.EventExamples.QIANTANG_MACHINERY;
import static org.sharebus.event.EventExamples.SHANGCHENG_CATERING;
import static org.sharebus.event.EventExamples.XIXI_DIGITAL;
import static org.sharebus.event.EventExamples.at;
import static org.sharebus.event.EventExamples.header;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.sharebus.event.EventExamples.Enterprise;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
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
import org.sharebus.event.market.EntityType;
import org.sharebus.event.market.InspectionResultCode;
import org.sharebus.event.market.InspectionResultRecorded;
import org.sharebus.event.market.MarketEvent;
import org.sharebus.event.market.PenaltyProcedure;
import org.sharebus.event.market.PenaltySector;
import org.sharebus.event.market.PenaltyType;
import org.sharebus.event.market.SeriousDishonestyBasis;
import org.sharebus.event.market.SeriousDishonestyExitType;
import org.sharebus.event.market.SeriousDishonestyListed;
import org.sharebus.event.market.SeriousDishonestyRemoved;

/** Market supervision (市场监管局) examples. */
public final class MarketExamples {

    public static final String UNREACHABLE_LISTING_NO = "杭西市监异〔2026〕第118号";
    public static final String FOOD_PENALTY_NO = "杭拱市监罚〔2026〕17号";

    private MarketExamples() {
    }

    /** A limited company set up in Binjiang with RMB 5 million capital. */
    public static MarketEvent companyRegistered() {
        EnterpriseRegistered payload = EnterpriseRegistered.newBuilder()
                .setEntityType(EntityType.LIMITED_LIABILITY_COMPANY)
                .setEstablishedOn(LocalDate.of(2019, 6, 18))
                .setRegisteredCapital(new BigDecimal("5000000.00"))
                .setCapitalCurrency("CNY")
                .setAddress("浙江省杭州市滨江区长河街道江南大道3888号")
                .setIndustryCode("I6513")
                .setLegalRepresentative("陈建国")
                .setBusinessScope("软件开发；信息技术咨询服务；数据处理和存储支持服务")
                .setRegistrationAuthority("杭州市滨江区市场监督管理局")
                .build();
        return event(BINJIANG_CLOUD, payload, at(2019, 6, 18, 15, 20), Visibility.PUBLIC, null);
    }

    /** One filing changing the address and the legal representative. */
    public static MarketEvent addressAndRepresentativeChanged() {
        EnterpriseChanged payload = EnterpriseChanged.newBuilder()
                .setChangeItems(List.of(
                        new ChangeItem("住所", "浙江省杭州市滨江区长河街道江南大道3888号", "浙江省杭州市滨江区西兴街道物联网街451号"),
                        new ChangeItem("法定代表人", "陈建国", "李明")))
                .setChangedOn(LocalDate.of(2026, 3, 2))
                .build();
        return event(BINJIANG_CLOUD, payload, at(2026, 3, 2, 11, 5), Visibility.PUBLIC, null);
    }

    public static MarketEvent simplifiedDeregistration() {
        EnterpriseDeregistered payload = EnterpriseDeregistered.newBuilder()
                .setCancelType(CancelType.SIMPLIFIED)
                .setDeregisteredOn(LocalDate.of(2026, 4, 20))
                .build();
        return event(SHANGCHENG_CATERING, payload, at(2026, 4, 20, 16, 0), Visibility.PUBLIC, null);
    }

    public static MarketEvent licenceRevoked() {
        EnterpriseRevoked payload = EnterpriseRevoked.newBuilder()
                .setRevokedOn(LocalDate.of(2026, 6, 3))
                .setDecisionNo("杭西市监罚〔2026〕88号")
                .setRevocationGrounds("成立后无正当理由超过六个月未开业")
                .build();
        return event(XIXI_DIGITAL, payload, at(2026, 6, 3, 10, 0), Visibility.PUBLIC, "杭西市监罚〔2026〕88号");
    }

    /** The 2025 report filed on 8 July 2026, publishing only the employee count. */
    public static MarketEvent annualReportFiledLate() {
        AnnualReportFiled payload = AnnualReportFiled.newBuilder()
                .setReportYear(2025)
                .setFiledAt(at(2026, 7, 8, 10, 15))
                .setLate(true)
                .setPublishedOptionalItems(List.of(AnnualReportItem.EMPLOYEES))
                .setEmployeeCount(86)
                .setTotalAssets(new BigDecimal("32000000.00"))
                .setTotalLiabilities(new BigDecimal("14750000.00"))
                .setOwnersEquity(new BigDecimal("17250000.00"))
                .setRevenue(new BigDecimal("41500000.00"))
                .setNetProfit(new BigDecimal("-620000.00"))
                .setTaxPaid(new BigDecimal("1830000.00"))
                .build();
        return event(QIANTANG_MACHINERY, payload, at(2026, 7, 8, 10, 15), Visibility.PUBLIC, null);
    }

    public static MarketEvent unreachableListed() {
        AbnormalOperationsListed payload = AbnormalOperationsListed.newBuilder()
                .setReason(AbnormalOperationsReason.UNREACHABLE)
                .setDecisionNo(UNREACHABLE_LISTING_NO)
                .setDecidedOn(LocalDate.of(2026, 2, 10))
                .setDecidingAuthority("杭州市西湖区市场监督管理局")
                .build();
        return event(XIXI_DIGITAL, payload, at(2026, 2, 10, 9, 0), Visibility.PUBLIC, UNREACHABLE_LISTING_NO);
    }

    public static MarketEvent unreachableRemoved() {
        AbnormalOperationsRemoved payload = AbnormalOperationsRemoved.newBuilder()
                .setCuredReason(AbnormalOperationsReason.UNREACHABLE)
                .setListingDecisionNo(UNREACHABLE_LISTING_NO)
                .setDecisionNo("杭西市监移〔2026〕第031号")
                .setDecidedOn(LocalDate.of(2026, 3, 5))
                .build();
        return event(XIXI_DIGITAL, payload, at(2026, 3, 5, 14, 30), Visibility.PUBLIC, "杭西市监移〔2026〕第031号");
    }

    /** Listed on the grounds of {@link #foodSafetyPenalty()}. */
    public static MarketEvent seriousDishonestyListed() {
        SeriousDishonestyListed payload = SeriousDishonestyListed.newBuilder()
                .setBasis(SeriousDishonestyBasis.HEAVY_PENALTY)
                .setGrounds("生产经营致病性微生物超标的食品，情节严重，被处以较重行政处罚")
                .setPenaltyRef(FOOD_PENALTY_NO)
                .setDecisionNo("杭拱市监列严〔2026〕2号")
                .setDecidedOn(LocalDate.of(2026, 4, 28))
                .build();
        return event(GONGSHU_FOODS, payload, at(2026, 4, 28, 15, 0), Visibility.PUBLIC, "杭拱市监列严〔2026〕2号");
    }

    /** An earlier listing that ran its three years. */
    public static MarketEvent seriousDishonestyExpired() {
        SeriousDishonestyRemoved payload = SeriousDishonestyRemoved.newBuilder()
                .setExitType(SeriousDishonestyExitType.EXPIRED)
                .setListingDecisionNo("杭拱市监列严〔2023〕5号")
                .setDecisionNo("杭拱市监移严〔2026〕1号")
                .setDecidedOn(LocalDate.of(2026, 5, 6))
                .build();
        return event(GONGSHU_FOODS, payload, at(2026, 5, 6, 9, 30), Visibility.PUBLIC, "杭拱市监移严〔2026〕1号");
    }

    /** Fine, confiscation and suspension in the food sector. */
    public static MarketEvent foodSafetyPenalty() {
        AdministrativePenaltyDecided payload = AdministrativePenaltyDecided.newBuilder()
                .setDecisionNo(FOOD_PENALTY_NO)
                .setViolationType("生产经营致病性微生物超标的食品")
                .setPenaltyTypes(List.of(PenaltyType.FINE, PenaltyType.CONFISCATION, PenaltyType.SUSPENSION_ORDERED))
                .setFineAmount(new BigDecimal("500000.00"))
                .setConfiscatedAmount(new BigDecimal("86320.00"))
                .setSector(PenaltySector.FOOD)
                .setProcedure(PenaltyProcedure.GENERAL)
                .setDecidedOn(LocalDate.of(2026, 4, 15))
                .setDescription("抽检发现熟肉制品沙门氏菌超标，涉案货值四万余元")
                .setResponsiblePerson("赵立新")
                .build();
        return MarketEvent.newBuilder()
                .setHeader(header(Department.MARKET, GONGSHU_FOODS, payload, at(2026, 4, 15, 16, 45), Visibility.PUBLIC)
                        .setDocNo(FOOD_PENALTY_NO)
                        .setLegalBasis("中华人民共和国食品安全法第一百二十四条")
                        .build())
                .setPayload(payload)
                .build();
    }

    /** A joint inspection with customs that ordered a correction. */
    public static MarketEvent inspectionCorrectionOrdered() {
        InspectionResultRecorded payload = InspectionResultRecorded.newBuilder()
                .setTaskId("HZ-2026-SJ-0317")
                .setItems(List.of("特种设备安全管理检查", "产品质量检查"))
                .setJointDepartments(List.of(Department.CUSTOMS))
                .setInspectorIds(List.of("33010600123", "33011400456"))
                .setResultCode(InspectionResultCode.CORRECTION_ORDERED)
                .setResultFormedOn(LocalDate.of(2026, 5, 9))
                .setFollowUpPenaltyRef(null)
                .build();
        return event(QIANTANG_MACHINERY, payload, at(2026, 5, 9, 17, 0), Visibility.PUBLIC, null);
    }

    private static MarketEvent event(Enterprise enterprise, SpecificRecord payload, Instant occurredAt,
                                     Visibility visibility, String docNo) {
        return MarketEvent.newBuilder()
                .setHeader(header(Department.MARKET, enterprise, payload, occurredAt, visibility).setDocNo(docNo).build())
                .setPayload(payload)
                .build();
    }
}
