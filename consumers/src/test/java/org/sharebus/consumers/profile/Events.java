package org.sharebus.consumers.profile;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.sharebus.event.EventExamples;
import org.sharebus.event.EventExamples.Enterprise;
import org.sharebus.event.commerce.CommerceEvent;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.credit.CreditEvent;
import org.sharebus.event.credit.CreditRepaired;
import org.sharebus.event.credit.RepairedRecordType;
import org.sharebus.event.credit.SeriousDishonestListType;
import org.sharebus.event.credit.SeriousDishonestSubjectListed;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsCreditClass;
import org.sharebus.event.customs.CustomsCreditClassChanged;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.customs.CustomsPenaltyDecided;
import org.sharebus.event.market.AbnormalOperationsListed;
import org.sharebus.event.market.AbnormalOperationsReason;
import org.sharebus.event.market.AbnormalOperationsRemoved;
import org.sharebus.event.market.AdministrativePenaltyDecided;
import org.sharebus.event.market.AnnualReportFiled;
import org.sharebus.event.market.EnterpriseRegistered;
import org.sharebus.event.market.EntityType;
import org.sharebus.event.market.InspectionResultCode;
import org.sharebus.event.market.InspectionResultRecorded;
import org.sharebus.event.market.MarketEvent;
import org.sharebus.event.market.PenaltyProcedure;
import org.sharebus.event.market.PenaltySector;
import org.sharebus.event.market.PenaltyType;
import org.sharebus.event.tax.TaxCreditLevel;
import org.sharebus.event.tax.TaxCreditLevelPublished;
import org.sharebus.event.tax.TaxEvent;

/**
 * Variants of the schemas' {@link EventExamples} for the cases the examples do not cover: every
 * event is about one enterprise and happened on the given day at 10:00 Hangzhou time. Event ids
 * are name-based on the payload and the day, so the same call gives the same id.
 */
public final class Events {

    public static final Enterprise ENTERPRISE = EventExamples.XIXI_DIGITAL;

    private Events() {
    }

    public static MarketEvent market(LocalDate day, SpecificRecord payload, String docNo) {
        return MarketEvent.newBuilder()
                .setHeader(EventExamples.header(Department.MARKET, ENTERPRISE, payload, noon(day), Visibility.PUBLIC).setEventId(id(payload, day)).setDocNo(docNo).build())
                .setPayload(payload).build();
    }

    static CustomsEvent customs(LocalDate day, SpecificRecord payload) {
        return CustomsEvent.newBuilder()
                .setHeader(EventExamples.header(Department.CUSTOMS, ENTERPRISE, payload, noon(day), Visibility.SHARED).setEventId(id(payload, day)).build())
                .setPayload(payload).build();
    }

    static CreditEvent credit(LocalDate day, SpecificRecord payload, String docNo) {
        return CreditEvent.newBuilder()
                .setHeader(EventExamples.header(Department.CREDIT, ENTERPRISE, payload, noon(day), Visibility.PUBLIC).setEventId(id(payload, day)).setDocNo(docNo).build())
                .setPayload(payload).build();
    }

    static TaxEvent tax(LocalDate day, SpecificRecord payload) {
        return TaxEvent.newBuilder()
                .setHeader(EventExamples.header(Department.TAX, ENTERPRISE, payload, noon(day), Visibility.SHARED).setEventId(id(payload, day)).build())
                .setPayload(payload).build();
    }

    static CommerceEvent commerce(LocalDate day, SpecificRecord payload) {
        return CommerceEvent.newBuilder()
                .setHeader(EventExamples.header(Department.COMMERCE, ENTERPRISE, payload, noon(day), Visibility.SHARED).setEventId(id(payload, day)).build())
                .setPayload(payload).build();
    }

    public static MarketEvent registered(LocalDate establishedOn) {
        return market(establishedOn, EnterpriseRegistered.newBuilder()
                .setEntityType(EntityType.LIMITED_LIABILITY_COMPANY).setEstablishedOn(establishedOn)
                .setRegisteredCapital(new BigDecimal("1000000.00")).setAddress("浙江省杭州市西湖区文三路90号")
                .setIndustryCode("I6510").setLegalRepresentative("周明").build(), null);
    }

    static MarketEvent annualReport(int year, LocalDate filedOn, boolean late) {
        return market(filedOn, AnnualReportFiled.newBuilder().setReportYear(year).setFiledAt(noon(filedOn)).setLate(late).build(), null);
    }

    static MarketEvent abnormalListed(String decisionNo, LocalDate on) {
        return market(on, AbnormalOperationsListed.newBuilder().setReason(AbnormalOperationsReason.UNREACHABLE)
                .setDecisionNo(decisionNo).setDecidedOn(on).build(), decisionNo);
    }

    static MarketEvent abnormalRemoved(String listingDecisionNo, String decisionNo, LocalDate on) {
        return market(on, AbnormalOperationsRemoved.newBuilder().setCuredReason(AbnormalOperationsReason.UNREACHABLE)
                .setListingDecisionNo(listingDecisionNo).setDecisionNo(decisionNo).setDecidedOn(on).build(), decisionNo);
    }

    public static MarketEvent penalty(String decisionNo, LocalDate on, BigDecimal fine, PenaltyType... types) {
        return market(on, AdministrativePenaltyDecided.newBuilder().setDecisionNo(decisionNo).setViolationType("虚假宣传")
                .setPenaltyTypes(List.of(types)).setFineAmount(fine).setSector(PenaltySector.ADVERTISING)
                .setProcedure(PenaltyProcedure.GENERAL).setDecidedOn(on).build(), decisionNo);
    }

    static MarketEvent inspection(String taskId, LocalDate on, InspectionResultCode result) {
        return market(on, InspectionResultRecorded.newBuilder().setTaskId(taskId).setItems(List.of("登记事项检查"))
                .setInspectorIds(List.of("33010600123", "33010600456")).setResultCode(result).setResultFormedOn(on).build(), null);
    }

    static CustomsEvent customsClass(CustomsCreditClass newClass, LocalDate effective) {
        return customs(effective, CustomsCreditClassChanged.newBuilder().setNewClass(newClass).setEffectiveDate(effective).build());
    }

    public static CustomsEvent customsPenalty(String decisionNo, CustomsCaseType caseType, LocalDate on) {
        return customs(on, CustomsPenaltyDecided.newBuilder().setCaseType(caseType).setDecisionNo(decisionNo)
                .setAmount(new BigDecimal("30000.00")).setDecidedAt(on).build());
    }

    static CreditEvent creditListed(SeriousDishonestListType list, LocalDate start, String docNo) {
        return credit(start, SeriousDishonestSubjectListed.newBuilder().setListType(list).setListingAuthority("杭州市西湖区人民法院")
                .setStartOn(start).build(), docNo);
    }

    static CreditEvent repaired(RepairedRecordType type, String docNo, LocalDate on) {
        return credit(on, CreditRepaired.newBuilder().setRepairedRecordType(type).setRepairedDocNo(docNo)
                .setRepairedOn(on).setAuthority("杭州市西湖区市场监督管理局").build(), null);
    }

    public static TaxEvent taxLevel(int year, TaxCreditLevel level, LocalDate on) {
        return tax(on, TaxCreditLevelPublished.newBuilder().setYear(year).setLevel(level).build());
    }

    /** The same event as its department publishes it for its own staff only ({@code visibility} INTERNAL). */
    public static <T extends SpecificRecord> T internal(T event) {
        ((org.sharebus.event.common.EventHeader) event.get(event.getSchema().getField("header").pos())).setVisibility(Visibility.INTERNAL);
        return event;
    }

    /** Name-based on the payload's content and day, so two different facts of one day get two ids. */
    private static UUID id(SpecificRecord payload, LocalDate day) {
        return UUID.nameUUIDFromBytes((payload.getSchema().getName() + "/" + ENTERPRISE.uscc() + "/" + day + "/" + payload)
                .getBytes(StandardCharsets.UTF_8));
    }

    static java.time.Instant noon(LocalDate day) {
        return EventExamples.at(day.getYear(), day.getMonthValue(), day.getDayOfMonth(), 10, 0);
    }
}
