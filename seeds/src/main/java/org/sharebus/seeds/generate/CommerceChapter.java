package org.sharebus.seeds.generate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.function.Predicate;
import org.sharebus.event.commerce.ServiceTradeReportSubmitted;
import org.sharebus.event.commerce.TechContractRegistered;
import org.sharebus.event.commerce.TechContractType;
import org.sharebus.event.commerce.TechTradeDirection;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.seeds.city.Industry;

/**
 * Commerce (商务局): quarterly service-trade direct reports of the key service enterprises, and
 * technology import/export contract registrations.
 */
final class CommerceChapter {

    /** EBOPS 2010 categories that are mostly delivered digitally (ICT-enabled), and those that are not. */
    private static final List<String> DIGITAL = List.of("SI", "SI", "SI", "SJ", "SJ", "SH", "SG", "SF", "SK");
    private static final List<String> NOT_DIGITAL = List.of("SC", "SC", "SD", "SE", "SB", "SA");
    private static final List<String> PARTNERS = List.of("US", "HK", "SG", "JP", "DE", "GB", "KR", "AE", "MY", "FR", "AU", "NL");
    private static final List<Counterparty> COUNTERPARTIES = List.of(new Counterparty("US", "USD"), new Counterparty("DE", "EUR"),
            new Counterparty("JP", "JPY"), new Counterparty("KR", "USD"), new Counterparty("SG", "USD"), new Counterparty("GB", "GBP"),
            new Counterparty("FR", "EUR"), new Counterparty("CH", "CHF"), new Counterparty("IL", "USD"), new Counterparty("IT", "EUR"));
    private static final String TECH_SECTIONS = "CIM";
    private static final double REPORTER_WEIGHT = weightShare(industry -> industry.services() && industry.section() != 'C');

    private CommerceChapter() {
    }

    static void write(Story s) {
        Industry industry = s.enterprise.industry();
        if (industry.services() && industry.section() != 'C'
                && s.chance(s.parameters.serviceTradeReporterShare() / REPORTER_WEIGHT)) {
            serviceTrade(s);
        }
        if (TECH_SECTIONS.indexOf(industry.section()) >= 0) {
            techContracts(s);
        }
    }

    /**
     * A report per quarter, due by the 10th of the month after; one event per line (category and
     * partner). The reports submitted in the window: from the quarter before it starts.
     */
    private static void serviceTrade(Story s) {
        for (int year = s.windowStart.getYear() - 1; year <= s.windowEnd.getYear(); year++) {
            for (int quarter = 1; quarter <= 4; quarter++) {
                LocalDate quarterEnd = LocalDate.of(year, Month.of(quarter * 3), 1).plusMonths(1).minusDays(1);
                if (quarterEnd.isBefore(s.enterprise.establishedOn()) || quarterEnd.plusMonths(2).isBefore(s.windowStart)
                        || !quarterEnd.isBefore(s.windowEnd)) {
                    continue;
                }
                boolean late = s.chance(s.parameters.lateServiceReportShare());
                LocalDate submittedOn = late ? quarterEnd.plusDays(11 + s.random.nextInt(35)) : quarterEnd.plusDays(1 + s.random.nextInt(10));
                if (!s.open(submittedOn)) {
                    continue;
                }
                int lines = 1 + s.random.nextInt(3);
                var at = s.officeTime(submittedOn);
                for (int line = 0; line < lines; line++) {
                    boolean digital = s.chance(s.parameters.digitalServiceShare());
                    ServiceTradeReportSubmitted payload = ServiceTradeReportSubmitted.newBuilder()
                            .setPeriod(year + "-Q" + quarter)
                            .setServiceCategory(s.pick(digital ? DIGITAL : NOT_DIGITAL))
                            .setExportAmountUsd(s.dollars(5_000, 3_000_000))
                            .setImportAmountUsd(s.chance(0.4) ? s.dollars(1_000, 800_000) : BigDecimal.ZERO.setScale(2))
                            .setDigitalService(digital)
                            .setPartnerCountry(s.chance(0.85) ? s.pick(PARTNERS) : null)
                            .setLate(late)
                            .build();
                    s.write(Department.COMMERCE, payload, at, Visibility.SHARED, null, "国际服务贸易统计监测制度", null);
                }
            }
        }
    }

    /** Registered within 60 days of taking effect (MOFCOM Order 2009 No. 3). */
    private static void techContracts(Story s) {
        int count = s.occurrences(s.parameters.techContractRate());
        for (int i = 0; i < count; i++) {
            LocalDate effective = s.workingDayBetween(s.windowStart, s.windowEnd);
            LocalDate registered = WorkingDays.onOrAfter(effective.plusDays(3 + s.random.nextInt(55)));
            if (!s.open(effective) || !s.open(registered)) {
                continue;
            }
            boolean imports = s.chance(0.55);
            Counterparty counterparty = s.pick(COUNTERPARTIES);
            double u = s.random.nextDouble();
            TechContractType type = u < 0.35 ? TechContractType.TECHNICAL_SERVICE
                    : u < 0.6 ? TechContractType.KNOW_HOW_LICENCE
                    : u < 0.85 ? TechContractType.PATENT_LICENCE
                    : u < 0.93 ? TechContractType.PATENT_ASSIGNMENT
                    : u < 0.95 ? TechContractType.PATENT_APPLICATION_ASSIGNMENT
                    : TechContractType.OTHER;
            int year = registered.getYear();
            String certificateNo = year + "330100" + Story.zeroPadded(6, s.docNumbers.sequence("tech-certificate-" + year));
            TechContractRegistered payload = TechContractRegistered.newBuilder()
                    .setContractNo(s.enterprise.district().docPrefix().substring(0, 1) + (imports ? "TI" : "TE") + "-"
                            + counterparty.country() + "-" + effective.getYear() + "-" + Story.zeroPadded(3, 1 + s.random.nextInt(200)))
                    .setDirection(imports ? TechTradeDirection.IMPORT : TechTradeDirection.EXPORT)
                    .setContractType(type)
                    .setCounterpartyCountry(counterparty.country())
                    .setAmount(s.amount(counterparty.currency().equals("JPY") ? 5_000_000 : 50_000,
                            counterparty.currency().equals("JPY") ? 2_000_000_000 : 20_000_000, 100))
                    .setCurrency(counterparty.currency())
                    .setEffectiveOn(effective)
                    .setRegisteredOn(registered)
                    .setCertificateNo(certificateNo)
                    .build();
            s.write(Department.COMMERCE, payload, s.officeTime(registered), Visibility.SHARED, certificateNo,
                    "技术进出口合同登记管理办法(商务部令2009年第3号)", null);
        }
    }

    private static double weightShare(Predicate<Industry> which) {
        double total = 0;
        double chosen = 0;
        for (Industry industry : Industry.values()) {
            total += industry.weight();
            if (which.test(industry)) {
                chosen += industry.weight();
            }
        }
        return chosen / total;
    }

    private record Counterparty(String country, String currency) {
    }
}
