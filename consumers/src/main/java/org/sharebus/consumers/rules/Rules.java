package org.sharebus.consumers.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.sharebus.event.common.Department;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rules table ({@code rules.yml}, prefix {@code sharebus.rules}): publicity periods, list
 * durations, the annual-report deadline and the risk-scoring rules, each with its legal source.
 * Code takes every legal number from here, so a changed rule is a configuration change.
 *
 * <p>Missing entries fail at start-up with the property's name.
 *
 * @param zone          the zone in which dates and deadlines are days
 * @param publicity     how long penalties are published
 * @param listings      list durations and escalation
 * @param annualReports the annual-report deadline
 * @param risk          the risk-scoring rules and class thresholds
 */
@ConfigurationProperties("sharebus.rules")
public record Rules(ZoneId zone, Publicity publicity, Listings listings, AnnualReports annualReports, Risk risk) {

    public Rules {
        require(zone, "zone");
        require(publicity, "publicity");
        require(listings, "listings");
        require(annualReports, "annual-reports");
        require(risk, "risk");
    }

    /** A legal period and where it comes from. */
    public record LegalPeriod(Period length, String source) {
        public LegalPeriod {
            require(length, "…length");
            require(source, "…source");
        }

        /**
         * The first day after the period that starts on {@code start}: the day not counted is the start
         * itself, and the period's last day is the corresponding day of its last month or year, or that
         * month's end where it has none (民法典 Art. 201, 202). A listing of 2023-05-01 is three years old
         * on 2026-05-01, its last day, and due from 2026-05-02; one of 2024-02-29 is due from 2027-03-01.
         */
        public LocalDate after(LocalDate start) {
            return start.plus(length).plusDays(1);
        }
    }

    /**
     * @param minorPenalty       a reprimand or a fine up to {@code smallFineMax}
     * @param smallFineMax       the largest fine still "small" (较低数额罚款), RMB yuan
     * @param otherPenalty       every other published penalty
     * @param notPublishedSource why warning-only and simplified-procedure penalties are not published
     * @param customsPenalty     customs penalties
     */
    public record Publicity(LegalPeriod minorPenalty, BigDecimal smallFineMax, LegalPeriod otherPenalty,
                            String notPublishedSource, LegalPeriod customsPenalty) {
        public Publicity {
            require(minorPenalty, "publicity.minor-penalty");
            require(smallFineMax, "publicity.small-fine-max");
            require(otherPenalty, "publicity.other-penalty");
            require(notPublishedSource, "publicity.not-published-source");
            require(customsPenalty, "publicity.customs-penalty");
        }
    }

    public record Listings(LegalPeriod abnormalEscalation, LegalPeriod seriousEarlyExit, LegalPeriod seriousAutoExit,
                           LegalPeriod courtListing) {
        public Listings {
            require(abnormalEscalation, "listings.abnormal-escalation");
            require(seriousEarlyExit, "listings.serious-early-exit");
            require(seriousAutoExit, "listings.serious-auto-exit");
            require(courtListing, "listings.court-listing");
        }
    }

    /** @param dueBy last day to file the previous year's report, as {@code --MM-DD} */
    public record AnnualReports(String dueBy, String source) {
        public AnnualReports {
            require(dueBy, "annual-reports.due-by");
            require(source, "annual-reports.source");
            try {
                MonthDay.parse(dueBy);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("sharebus.rules.annual-reports.due-by must look like --06-30, got '" + dueBy + "'", e);
            }
        }

        // Parsed once: the deadline is asked for on every profile update, and parsing was 3 % of the builder's time.
        private static final Map<String, MonthDay> PARSED = new ConcurrentHashMap<>();

        /** The last day to file the report on {@code reportYear}. */
        public LocalDate deadline(int reportYear) {
            return PARSED.computeIfAbsent(dueBy, MonthDay::parse).atYear(reportYear + 1);
        }
    }

    /**
     * @param department whose classification the class is (企业信用风险分类 is market supervision's,
     *                   国市监信发〔2022〕6号): an INTERNAL fact of that department, seen only by its staff;
     *                   facts other departments marked INTERNAL are theirs alone and score nothing
     * @param rules      the scoring rules by id, in the table's order
     */
    public record Risk(Department department, ClassThresholds classes, Map<String, RiskRule> rules) {
        public Risk {
            require(department, "risk.department");
            require(classes, "risk.classes");
            require(rules, "risk.rules");
            rules = new LinkedHashMap<>(rules);
        }

        /** The rule with this id; fails naming the property when the table lacks it. */
        public RiskRule rule(String id) {
            RiskRule rule = rules.get(id);
            if (rule == null) {
                throw new IllegalStateException("sharebus.rules.risk.rules." + id + " is missing from the rules table");
            }
            return rule;
        }
    }

    /** Minimum score of classes B, C and D; below {@code b} is A. */
    public record ClassThresholds(int b, int c, int d, String source) {
        public ClassThresholds {
            require(source, "risk.classes.source");
            if (!(b <= c && c <= d)) {
                throw new IllegalArgumentException("sharebus.rules.risk.classes must rise from b to c to d, got b=" + b + " c=" + c + " d=" + d);
            }
        }
    }

    /**
     * One scoring rule. Descriptions may hold {@code {since}} (the fact's start date) and
     * {@code {ref}} (its decision number or code).
     */
    public record RiskRule(int points, String zh, String en, String source) {
        public RiskRule {
            require(zh, "risk.rules.*.zh");
            require(en, "risk.rules.*.en");
            require(source, "risk.rules.*.source");
        }
    }

    private static void require(Object value, String property) {
        Objects.requireNonNull(value, () -> "sharebus.rules." + property + " is missing from the rules table (rules.yml)");
    }
}
