package org.sharebus.event;

import static org.sharebus.event.EventExamples.BINJIANG_CLOUD;
import static org.sharebus.event.EventExamples.QIANTANG_MACHINERY;
import static org.sharebus.event.EventExamples.at;
import static org.sharebus.event.EventExamples.header;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.sharebus.event.commerce.CommerceEvent;
import org.sharebus.event.commerce.ServiceTradeReportSubmitted;
import org.sharebus.event.commerce.TechContractRegistered;
import org.sharebus.event.commerce.TechContractType;
import org.sharebus.event.commerce.TechTradeDirection;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;

/** Commerce (商务局) examples. */
public final class CommerceExamples {

    private CommerceExamples() {
    }

    /** Q1 2026 computer-services line for Singapore, submitted on time. */
    public static CommerceEvent digitalServiceExportReport() {
        ServiceTradeReportSubmitted payload = ServiceTradeReportSubmitted.newBuilder()
                .setPeriod("2026-Q1")
                .setServiceCategory("SI")
                .setExportAmountUsd(new BigDecimal("1850000.00"))
                .setImportAmountUsd(new BigDecimal("120000.00"))
                .setDigitalService(true)
                .setPartnerCountry("SG")
                .setLate(false)
                .build();
        return CommerceEvent.newBuilder()
                .setHeader(header(Department.COMMERCE, BINJIANG_CLOUD, payload, at(2026, 4, 8, 15, 40), Visibility.SHARED).build())
                .setPayload(payload)
                .build();
    }

    /** A German patent licence, registered 37 days after it took effect. */
    public static CommerceEvent patentLicenceImport() {
        TechContractRegistered payload = TechContractRegistered.newBuilder()
                .setContractNo("QTJX-DE-2026-003")
                .setDirection(TechTradeDirection.IMPORT)
                .setContractType(TechContractType.PATENT_LICENCE)
                .setCounterpartyCountry("DE")
                .setAmount(new BigDecimal("2400000.00"))
                .setCurrency("EUR")
                .setEffectiveOn(LocalDate.of(2026, 2, 1))
                .setRegisteredOn(LocalDate.of(2026, 3, 10))
                .setCertificateNo("2026330100000318")
                .build();
        return CommerceEvent.newBuilder()
                .setHeader(header(Department.COMMERCE, QIANTANG_MACHINERY, payload, at(2026, 3, 10, 10, 20), Visibility.SHARED)
                        .setDocNo("2026330100000318")
                        .build())
                .setPayload(payload)
                .build();
    }
}
