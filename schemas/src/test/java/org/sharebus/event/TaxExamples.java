package org.sharebus.event;

import static org.sharebus.event.EventExamples.BINJIANG_CLOUD;
import static org.sharebus.event.EventExamples.XIXI_DIGITAL;
import static org.sharebus.event.EventExamples.at;
import static org.sharebus.event.EventExamples.header;

import java.time.LocalDate;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.tax.AbnormalTaxpayerListed;
import org.sharebus.event.tax.TaxCreditLevel;
import org.sharebus.event.tax.TaxCreditLevelPublished;
import org.sharebus.event.tax.TaxEvent;

/** Tax (税务局) examples. */
public final class TaxExamples {

    private TaxExamples() {
    }

    /** Level A for 2025 with a score of 95. */
    public static TaxEvent creditLevelA() {
        TaxCreditLevelPublished payload = TaxCreditLevelPublished.newBuilder()
                .setYear(2025)
                .setLevel(TaxCreditLevel.A)
                .setScore(95)
                .build();
        return TaxEvent.newBuilder()
                .setHeader(header(Department.TAX, BINJIANG_CLOUD, payload, at(2026, 4, 30, 10, 0), Visibility.SHARED).build())
                .setPayload(payload)
                .build();
    }

    public static TaxEvent abnormalTaxpayer() {
        AbnormalTaxpayerListed payload = AbnormalTaxpayerListed.newBuilder()
                .setListedOn(LocalDate.of(2026, 1, 25))
                .setReason("未按期申报且实地核查查无下落")
                .setTaxAuthority("国家税务总局杭州市西湖区税务局")
                .build();
        return TaxEvent.newBuilder()
                .setHeader(header(Department.TAX, XIXI_DIGITAL, payload, at(2026, 1, 25, 9, 15), Visibility.PUBLIC).build())
                .setPayload(payload)
                .build();
    }
}
