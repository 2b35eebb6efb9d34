package org.sharebus.event;

import static org.sharebus.event.EventExamples.XIAOSHAN_TRADING;
import static org.sharebus.event.EventExamples.at;
import static org.sharebus.event.EventExamples.header;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsCreditClass;
import org.sharebus.event.customs.CustomsCreditClassChanged;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.customs.CustomsFilingRegistered;
import org.sharebus.event.customs.CustomsPenaltyDecided;

/** Customs (海关) examples, all about {@link EventExamples#XIAOSHAN_TRADING}. */
public final class CustomsExamples {

    private CustomsExamples() {
    }

    /** Consignor/consignee filing: the signal that the enterprise trades. */
    public static CustomsEvent tradingFiling() {
        CustomsFilingRegistered payload = CustomsFilingRegistered.newBuilder()
                .setCustomsCode("3318960527")
                .setRegisteredCustoms("杭州海关")
                .setBusinessCategory("进出口货物收发货人")
                .setRegisteredOn(LocalDate.of(2021, 3, 15))
                .build();
        return CustomsEvent.newBuilder()
                .setHeader(header(Department.CUSTOMS, XIAOSHAN_TRADING, payload, at(2021, 3, 15, 9, 40), Visibility.PUBLIC).build())
                .setPayload(payload)
                .build();
    }

    /** Regular to dishonest after the smuggling penalty (Order 282). */
    public static CustomsEvent downgradedToDishonest() {
        CustomsCreditClassChanged payload = CustomsCreditClassChanged.newBuilder()
                .setOldClass(CustomsCreditClass.REGULAR)
                .setNewClass(CustomsCreditClass.DISHONEST)
                .setReasonArticle("第二十二条第一项")
                .setAeoCode(null)
                .setEffectiveDate(LocalDate.of(2026, 5, 20))
                .build();
        return CustomsEvent.newBuilder()
                .setHeader(header(Department.CUSTOMS, XIAOSHAN_TRADING, payload, at(2026, 5, 20, 14, 0), Visibility.SHARED)
                        .setLegalBasis("海关注册登记和备案企业信用管理办法(海关总署令第282号)")
                        .setCorrelationId(smugglingPenalty().getHeader().getEventId().toString())
                        .build())
                .setPayload(payload)
                .build();
    }

    /** A smuggling penalty of RMB 1,250,000 with a named responsible person. */
    public static CustomsEvent smugglingPenalty() {
        CustomsPenaltyDecided payload = CustomsPenaltyDecided.newBuilder()
                .setCaseType(CustomsCaseType.SMUGGLING)
                .setDecisionNo("杭关缉违字〔2026〕0042号")
                .setAmount(new BigDecimal("1250000.00"))
                .setDecidedAt(LocalDate.of(2026, 5, 12))
                .setDescription("低报价格走私进口数控机床配件")
                .setResponsiblePerson("王建华")
                .build();
        return CustomsEvent.newBuilder()
                .setHeader(header(Department.CUSTOMS, XIAOSHAN_TRADING, payload, at(2026, 5, 12, 10, 30), Visibility.PUBLIC)
                        .setDocNo("杭关缉违字〔2026〕0042号")
                        .setLegalBasis("中华人民共和国海关行政处罚实施条例第七条")
                        .build())
                .setPayload(payload)
                .build();
    }
}
