package org.sharebus.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.common.Visibility;
import org.sharebus.uscc.Uscc;

/**
 * Test data for every event type: one named, complete, realistic example per payload record,
 * published in the department's envelope. The department factories ({@link CustomsExamples},
 * {@link MarketExamples}, {@link CommerceExamples}, {@link CreditExamples}, {@link TaxExamples})
 * hold the examples; this class holds the enterprises they are about, the header they share and
 * {@link #all()}. Other modules get it through the schemas test-jar.
 *
 * <p>Examples are deterministic: the same call returns an equal record, event id included, so
 * tests may compare whole records. Derive variants with the Avro builders, e.g.
 * {@code CustomsEvent.newBuilder(CustomsExamples.smugglingPenalty()).setHeader(...)}.
 */
public final class EventExamples {

    public static final ZoneId HANGZHOU = ZoneId.of("Asia/Shanghai");
    /** How long after the fact the examples' gateway accepted each event. */
    public static final Duration PUBLICATION_DELAY = Duration.ofMinutes(30);

    /** An enterprise of the examples; all are fictitious, with valid USCCs of Hangzhou districts. */
    public record Enterprise(Uscc uscc, String name, String regionCode) {
    }

    /** Software company, Binjiang: registers, reports digital service exports, holds tax level A. */
    public static final Enterprise BINJIANG_CLOUD =
            new Enterprise(Uscc.of("91330108457964854H"), "杭州滨江云服务有限公司", "330108");
    /** Machinery maker, Qiantang: files late, imports a patent licence, gets a correction order. */
    public static final Enterprise QIANTANG_MACHINERY =
            new Enterprise(Uscc.of("91330114P5164T9736"), "杭州钱塘精密机械有限公司", "330114");
    /** Food producer, Gongshu: a food-safety penalty, the serious list, later a repair. */
    public static final Enterprise GONGSHU_FOODS =
            new Enterprise(Uscc.of("91330105592698982R"), "杭州拱墅食品有限公司", "330105");
    /** Trader, Xiaoshan: customs filing, a smuggling penalty, downgraded to dishonest. */
    public static final Enterprise XIAOSHAN_TRADING =
            new Enterprise(Uscc.of("91330109J6H9752474"), "杭州萧山进出口贸易有限公司", "330109");
    /** Shell company, Xihu: unreachable, abnormal taxpayer, licence revoked. */
    public static final Enterprise XIXI_DIGITAL =
            new Enterprise(Uscc.of("91330106N4446551XY"), "杭州西溪数码科技有限公司", "330106");
    /** Restaurant operator, Shangcheng: court debtor, joint restriction, deregistered. */
    public static final Enterprise SHANGCHENG_CATERING =
            new Enterprise(Uscc.of("9133010255139F931J"), "杭州上城餐饮管理有限公司", "330102");

    /** A named example: {@code <Department>Examples.<method>} and the envelope it returns. */
    public record Example(String name, SpecificRecord event) {

        public EventHeader header() {
            return (EventHeader) ((SpecificRecordBase) event).get("header");
        }

        public SpecificRecord payload() {
            return (SpecificRecord) ((SpecificRecordBase) event).get("payload");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private EventExamples() {
    }

    /** Every example of every department. */
    public static List<Example> all() {
        return List.of(
                new Example("CustomsExamples.tradingFiling", CustomsExamples.tradingFiling()),
                new Example("CustomsExamples.downgradedToDishonest", CustomsExamples.downgradedToDishonest()),
                new Example("CustomsExamples.smugglingPenalty", CustomsExamples.smugglingPenalty()),
                new Example("MarketExamples.companyRegistered", MarketExamples.companyRegistered()),
                new Example("MarketExamples.addressAndRepresentativeChanged", MarketExamples.addressAndRepresentativeChanged()),
                new Example("MarketExamples.simplifiedDeregistration", MarketExamples.simplifiedDeregistration()),
                new Example("MarketExamples.licenceRevoked", MarketExamples.licenceRevoked()),
                new Example("MarketExamples.annualReportFiledLate", MarketExamples.annualReportFiledLate()),
                new Example("MarketExamples.unreachableListed", MarketExamples.unreachableListed()),
                new Example("MarketExamples.unreachableRemoved", MarketExamples.unreachableRemoved()),
                new Example("MarketExamples.seriousDishonestyListed", MarketExamples.seriousDishonestyListed()),
                new Example("MarketExamples.seriousDishonestyExpired", MarketExamples.seriousDishonestyExpired()),
                new Example("MarketExamples.foodSafetyPenalty", MarketExamples.foodSafetyPenalty()),
                new Example("MarketExamples.inspectionCorrectionOrdered", MarketExamples.inspectionCorrectionOrdered()),
                new Example("CommerceExamples.digitalServiceExportReport", CommerceExamples.digitalServiceExportReport()),
                new Example("CommerceExamples.patentLicenceImport", CommerceExamples.patentLicenceImport()),
                new Example("CreditExamples.courtDebtorListed", CreditExamples.courtDebtorListed()),
                new Example("CreditExamples.foodPenaltyRepaired", CreditExamples.foodPenaltyRepaired()),
                new Example("CreditExamples.procurementRestricted", CreditExamples.procurementRestricted()),
                new Example("TaxExamples.creditLevelA", TaxExamples.creditLevelA()),
                new Example("TaxExamples.abnormalTaxpayer", TaxExamples.abnormalTaxpayer()));
    }

    /**
     * The envelope of an example, complete but for docNo, legalBasis and correlationId: eventType
     * is the payload's record name, the event id a name-based UUID of what the event is about.
     */
    public static EventHeader.Builder header(Department source, Enterprise enterprise, SpecificRecord payload,
                                             Instant occurredAt, Visibility visibility) {
        String eventType = payload.getSchema().getName();
        String identity = source + "/" + eventType + "/" + enterprise.uscc() + "/" + occurredAt;
        return EventHeader.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)))
                .setEventType(eventType)
                .setSchemaVersion(1)
                .setSourceDepartment(source)
                .setUscc(enterprise.uscc().value())
                .setEnterpriseName(enterprise.name())
                .setRegionCode(enterprise.regionCode())
                .setOccurredAt(occurredAt)
                .setPublishedAt(occurredAt.plus(PUBLICATION_DELAY))
                .setVisibility(visibility);
    }

    /** An instant in Hangzhou time, e.g. {@code at(2026, 5, 12, 10, 30)}. */
    public static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDate.of(year, month, day).atTime(LocalTime.of(hour, minute)).atZone(HANGZHOU).toInstant();
    }
}
