package org.sharebus.seeds.generate;

import java.time.LocalDate;

/**
 * What a synthetic Hangzhou is made of. {@link #defaults()} is the one-command data set; the
 * benchmarks change {@code enterprises} (up to 2,000,000). Shares are fractions (0.05 = 5 %);
 * rates are per enterprise (or per trader, reporter) and per year of the window.
 *
 * <p>The window is {@code years} calendar years from 1 January {@code firstYear}. Events fall
 * inside it, except each enterprise's registration and customs filing and the abnormal listings
 * that lead to an escalation, which happened when they happened. The default window (2024–2025)
 * lies wholly in the past, so every event passes the gateway's "not in the future" rule, and the
 * data do not depend on the day they are generated.
 *
 * @param seed                        everything is derived from it: same seed, same data
 * @param enterprises                 number of enterprises (default 20,000)
 * @param firstYear                   first calendar year of the window (default 2024)
 * @param years                       length of the window in years (default 2)
 * @param newEnterpriseShare          share of enterprises established inside the window (default 0.18: Hangzhou's register grows about 10 % a year)
 * @param jointStockShare             share of joint-stock companies 股份有限公司; the rest are limited liability companies (default 0.04)
 * @param shellShare                  share of shell enterprises: unreachable, reports missing, abnormal taxpayers, some revoked (default 0.04)
 * @param annualReportLateShare       share of due annual reports filed after 30 June (default 0.05)
 * @param annualReportMissingShare    share of due annual reports never filed in the window (default 0.05)
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
public record SeedParameters(long seed, int enterprises, int firstYear, int years,
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

    public SeedParameters {
        if (enterprises < 1) {
            throw new IllegalArgumentException("enterprises must be at least 1, got " + enterprises);
        }
        if (years < 1) {
            throw new IllegalArgumentException("years must be at least 1, got " + years);
        }
        if (firstYear < 2000 || firstYear > 2100) {
            throw new IllegalArgumentException("firstYear must be between 2000 and 2100, got " + firstYear);
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

    /** The one-command data set: 20,000 enterprises, 2024 and 2025. */
    public static SeedParameters defaults() {
        return new SeedParameters(DEFAULT_SEED, DEFAULT_ENTERPRISES, 2024, 2,
                0.18, 0.04, 0.04,
                0.05, 0.05,
                0.08, 0.025, 0.05,
                0.01, 0.05, 0.3,
                0.08, 0.02, 0.04, 0.12,
                0.03, 0.45, 0.06,
                0.004, 0.002,
                0.12, 0.05, 0.01);
    }

    public SeedParameters withSeed(long newSeed) {
        return new SeedParameters(newSeed, enterprises, firstYear, years, newEnterpriseShare, jointStockShare, shellShare,
                annualReportLateShare, annualReportMissingShare, changeRate, deregistrationRate, inspectionRate,
                marketPenaltyRate, heavyPenaltyShare, penaltyRepairShare, traderShare, aeoShareOfTraders, customsPenaltyRate,
                smugglingShare, serviceTradeReporterShare, digitalServiceShare, lateServiceReportShare, techContractRate,
                courtDebtorRate, taxLevelAShare, taxLevelCShare, taxLevelDShare);
    }

    public SeedParameters withEnterprises(int count) {
        return new SeedParameters(seed, count, firstYear, years, newEnterpriseShare, jointStockShare, shellShare,
                annualReportLateShare, annualReportMissingShare, changeRate, deregistrationRate, inspectionRate,
                marketPenaltyRate, heavyPenaltyShare, penaltyRepairShare, traderShare, aeoShareOfTraders, customsPenaltyRate,
                smugglingShare, serviceTradeReporterShare, digitalServiceShare, lateServiceReportShare, techContractRate,
                courtDebtorRate, taxLevelAShare, taxLevelCShare, taxLevelDShare);
    }

    /** First day of the window. */
    public LocalDate windowStart() {
        return LocalDate.of(firstYear, 1, 1);
    }

    /** First day after the window. */
    public LocalDate windowEnd() {
        return windowStart().plusYears(years);
    }

    private static void share(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
