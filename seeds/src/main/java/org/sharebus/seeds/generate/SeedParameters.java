package org.sharebus.seeds.generate;

import java.time.LocalDate;

/**
 * What a synthetic Hangzhou is made of. {@link #defaults()} is the one-command data set; the
 * benchmarks change {@code enterprises} (up to 2,000,000). Shares are fractions (0.05 = 5 %);
 * rates are per enterprise (or per trader, reporter) and per year of the window.
 *
 * <p>The window is the {@code years} years before {@code windowEnd}. Events fall inside it,
 * except what happened before it: each enterprise's registration and customs filing, the AEO
 * certifications and abnormal listings that lead to later events, and the annual-report history
 * of the {@value #REPORT_HISTORY_YEARS} report years a profile looks back over (filings, listings
 * for missing reports and their removals, as they happened). Nothing falls on or after
 * {@code windowEnd}.
 *
 * <p>{@link #defaults()} is a fixed data set (window 2024–2025) for tests and benchmarks: the same
 * on any day. {@link #asOf(LocalDate)} is the one-command bus's: its window ends on the first day
 * of the month the data are made, so the report years a profile looks back over are complete
 * whenever it is loaded, and every event is in the past; such a data set depends on that day.
 *
 * @param seed                        everything is derived from it: same seed, same data
 * @param enterprises                 number of enterprises (default 20,000)
 * @param windowEnd                   first day after the window (default 2026-01-01; {@link #asOf}: the first day of the month)
 * @param years                       length of the window in years (default 2)
 * @param newEnterpriseShare          share of enterprises established inside the window (default 0.18: Hangzhou's register grows about 10 % a year)
 * @param jointStockShare             share of joint-stock companies 股份有限公司; the rest are limited liability companies (default 0.04)
 * @param shellShare                  share of shell enterprises: unreachable, reports missing, abnormal taxpayers, some revoked (default 0.04)
 * @param annualReportLateShare       share of due annual reports filed after 30 June (default 0.05)
 * @param annualReportMissingShare    share of due annual reports never filed (default 0.05)
 * @param changeRate                  change registrations 变更登记 per enterprise and year (default 0.08)
 * @param deregistrationRate          deregistrations per enterprise and year (default 0.025)
 * @param inspectionRate              dual-random inspections per enterprise and year (default 0.05, the State Council's "about 5 %")
 * @param marketPenaltyRate           market-supervision penalties per enterprise and year (default 0.01)
 * @param heavyPenaltyShare           share of those penalties heavy enough for the serious illegal and dishonest list (default 0.05)
 * @param penaltyRepairShare          share of repairable penalties repaired once the waiting period is over (default 0.3)
 * @param traderShare                 share of enterprises filed with customs as consignor/consignee (default 0.08)
 * @param aeoShareOfTraders           share of traders that are Advanced Certified Enterprises (AEO, default 0.02)
 * @param customsPenaltyRate          customs penalties per trader and year (default 0.04)
 * @param smugglingShare              share of customs penalties for smuggling, each followed by class DISHONEST (default 0.12)
 * @param serviceTradeReporterShare   share of enterprises that report service trade quarterly (default 0.03; only key enterprises report)
 * @param digitalServiceShare         share of service-trade report lines delivered digitally (default 0.45, China's share of digitally delivered services trade)
 * @param lateServiceReportShare      share of service-trade reports submitted after the deadline (default 0.06)
 * @param techContractRate            technology import/export contracts per enterprise of sections C, I and M and year (default 0.004)
 * @param courtDebtorRate             court dishonest-debtor listings per enterprise and year (default 0.002)
 * @param taxLevelAShare              share of tax credit level A among evaluated enterprises with revenue (default 0.12)
 * @param taxLevelCShare              share of level C (default 0.05)
 * @param taxLevelDShare              share of level D, besides those assigned directly for serious violations (default 0.01)
 */
public record SeedParameters(long seed, int enterprises, LocalDate windowEnd, int years,
                             double newEnterpriseShare, double jointStockShare, double shellShare,
                             double annualReportLateShare, double annualReportMissingShare,
                             double changeRate, double deregistrationRate, double inspectionRate,
                             double marketPenaltyRate, double heavyPenaltyShare, double penaltyRepairShare,
                             double traderShare, double aeoShareOfTraders, double customsPenaltyRate, double smugglingShare,
                             double serviceTradeReporterShare, double digitalServiceShare, double lateServiceReportShare,
                             double techContractRate, double courtDebtorRate,
                             double taxLevelAShare, double taxLevelCShare, double taxLevelDShare) {

    public static final long DEFAULT_SEED = 20240101L;
    public static final int DEFAULT_ENTERPRISES = 20_000;
    /**
     * Report years of annual-report history, counted back from the latest one due before the
     * window's end: as many as a profile keeps and the risk evaluator looks back over
     * ({@code sharebus.profile.limits}, annual-report years, 5), so no year of it is MISSING only
     * because the data set begins later.
     */
    public static final int REPORT_HISTORY_YEARS = 5;

    public SeedParameters {
        if (enterprises < 1) {
            throw new IllegalArgumentException("enterprises must be at least 1, got " + enterprises);
        }
        if (years < 1) {
            throw new IllegalArgumentException("years must be at least 1, got " + years);
        }
        if (windowEnd == null || windowEnd.getYear() < 2000 || windowEnd.getYear() > 2100) {
            throw new IllegalArgumentException("windowEnd must be a day of the years 2000 to 2100, got " + windowEnd);
        }
        share("newEnterpriseShare", newEnterpriseShare);
        share("jointStockShare", jointStockShare);
        share("shellShare", shellShare);
        share("annualReportLateShare", annualReportLateShare);
        share("annualReportMissingShare", annualReportMissingShare);
        if (annualReportLateShare + annualReportMissingShare > 1) {
            throw new IllegalArgumentException("annualReportLateShare + annualReportMissingShare must be at most 1, got "
                    + (annualReportLateShare + annualReportMissingShare));
        }
        share("changeRate", changeRate);
        share("deregistrationRate", deregistrationRate);
        share("inspectionRate", inspectionRate);
        share("marketPenaltyRate", marketPenaltyRate);
        share("heavyPenaltyShare", heavyPenaltyShare);
        share("penaltyRepairShare", penaltyRepairShare);
        share("traderShare", traderShare);
        share("aeoShareOfTraders", aeoShareOfTraders);
        share("customsPenaltyRate", customsPenaltyRate);
        share("smugglingShare", smugglingShare);
        share("serviceTradeReporterShare", serviceTradeReporterShare);
        share("digitalServiceShare", digitalServiceShare);
        share("lateServiceReportShare", lateServiceReportShare);
        share("techContractRate", techContractRate);
        share("courtDebtorRate", courtDebtorRate);
        share("taxLevelAShare", taxLevelAShare);
        share("taxLevelCShare", taxLevelCShare);
        share("taxLevelDShare", taxLevelDShare);
        if (taxLevelAShare + taxLevelCShare + taxLevelDShare > 1) {
            throw new IllegalArgumentException("taxLevelAShare + taxLevelCShare + taxLevelDShare must be at most 1");
        }
    }

    /** The fixed data set of the tests and benchmarks: 20,000 enterprises, 2024 and 2025, the same whatever the day. */
    public static SeedParameters defaults() {
        return new SeedParameters(DEFAULT_SEED, DEFAULT_ENTERPRISES, LocalDate.of(2026, 1, 1), 2,
                0.18, 0.04, 0.04,
                0.05, 0.05,
                0.08, 0.025, 0.05,
                0.01, 0.05, 0.3,
                0.08, 0.02, 0.04, 0.12,
                0.03, 0.45, 0.06,
                0.004, 0.002,
                0.12, 0.05, 0.01);
    }

    /**
     * The one-command bus's data set made on {@code day}: the defaults with the window ending on the
     * first day of its month (made on 2026-11-30: 2024-11-01 to 2026-11-01). Loaded that month, every
     * event is in the past and the profiles' annual-report look-back is filled; the same parameters
     * for the whole month.
     */
    public static SeedParameters asOf(LocalDate day) {
        return defaults().withWindowEnd(day.withDayOfMonth(1));
    }

    public SeedParameters withWindowEnd(LocalDate end) {
        return new SeedParameters(seed, enterprises, end, years, newEnterpriseShare, jointStockShare, shellShare,
                annualReportLateShare, annualReportMissingShare, changeRate, deregistrationRate, inspectionRate,
                marketPenaltyRate, heavyPenaltyShare, penaltyRepairShare, traderShare, aeoShareOfTraders, customsPenaltyRate,
                smugglingShare, serviceTradeReporterShare, digitalServiceShare, lateServiceReportShare, techContractRate,
                courtDebtorRate, taxLevelAShare, taxLevelCShare, taxLevelDShare);
    }

    public SeedParameters withSeed(long newSeed) {
        return new SeedParameters(newSeed, enterprises, windowEnd, years, newEnterpriseShare, jointStockShare, shellShare,
                annualReportLateShare, annualReportMissingShare, changeRate, deregistrationRate, inspectionRate,
                marketPenaltyRate, heavyPenaltyShare, penaltyRepairShare, traderShare, aeoShareOfTraders, customsPenaltyRate,
                smugglingShare, serviceTradeReporterShare, digitalServiceShare, lateServiceReportShare, techContractRate,
                courtDebtorRate, taxLevelAShare, taxLevelCShare, taxLevelDShare);
    }

    public SeedParameters withEnterprises(int count) {
        return new SeedParameters(seed, count, windowEnd, years, newEnterpriseShare, jointStockShare, shellShare,
                annualReportLateShare, annualReportMissingShare, changeRate, deregistrationRate, inspectionRate,
                marketPenaltyRate, heavyPenaltyShare, penaltyRepairShare, traderShare, aeoShareOfTraders, customsPenaltyRate,
                smugglingShare, serviceTradeReporterShare, digitalServiceShare, lateServiceReportShare, techContractRate,
                courtDebtorRate, taxLevelAShare, taxLevelCShare, taxLevelDShare);
    }

    /** First day of the window. */
    public LocalDate windowStart() {
        return windowEnd.minusYears(years);
    }

    /** The latest report year whose filing deadline (30 June of the year after) is before the window's end. */
    public int latestDueReportYear() {
        int year = windowEnd.getYear() - 1;
        return LocalDate.of(year + 1, 6, 30).isBefore(windowEnd) ? year : year - 1;
    }

    /** The first report year of the annual-report history ({@value #REPORT_HISTORY_YEARS} years up to the latest due). */
    public int firstHistoryReportYear() {
        return latestDueReportYear() - REPORT_HISTORY_YEARS + 1;
    }

    private static void share(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
