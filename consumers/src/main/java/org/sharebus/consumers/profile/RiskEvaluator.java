package org.sharebus.consumers.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.consumers.visibility.ProfileVisibility;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.profile.AbnormalListing;
import org.sharebus.profile.AbnormalTaxpayer;
import org.sharebus.profile.AnnualReport;
import org.sharebus.profile.AnnualReportStatus;
import org.sharebus.profile.CustomsStanding;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.EnterpriseStatus;
import org.sharebus.profile.FactOrigin;
import org.sharebus.profile.Identity;
import org.sharebus.profile.Inspection;
import org.sharebus.profile.JointMeasure;
import org.sharebus.profile.Penalty;
import org.sharebus.profile.RiskAssessment;
import org.sharebus.profile.RiskClass;
import org.sharebus.profile.RiskFactor;
import org.sharebus.profile.SeriousListing;
import org.sharebus.profile.TaxCredit;

/**
 * The credit-risk class (企业信用风险分类) of a profile at a given time, with the factors that
 * produced it, and the facts that depend on time: annual reports MISSING once their deadline
 * passed, joint restrictions in force while a serious listing is. Pure: the caller gives "now".
 *
 * <p>Each rule id below is a row of the rules table ({@code sharebus.rules.risk.rules}), which
 * holds its points, descriptions and legal source; this class decides only when a rule applies.
 * Repaired facts are already gone from the profile, so they score nothing; nor do facts another
 * department than the class's own ({@code sharebus.rules.risk.department}) published as INTERNAL:
 * they are kept from the class's readers, so a factor naming one would show it to them.
 */
final class RiskEvaluator {

    static final List<String> RULE_IDS = List.of("SERIOUS_LIST_MARKET", "SERIOUS_LIST_COURT", "SERIOUS_LIST_OTHER",
            "CUSTOMS_DISHONEST", "CUSTOMS_AEO", "ABNORMAL_LIST", "ABNORMAL_LIST_OVERDUE", "MARKET_PENALTY",
            "CUSTOMS_SMUGGLING_PENALTY", "CUSTOMS_PENALTY", "LICENCE_REVOKED", "ANNUAL_REPORT_MISSING",
            "ANNUAL_REPORT_LATE", "TAX_CREDIT_D", "TAX_CREDIT_C", "TAX_CREDIT_A", "ABNORMAL_TAXPAYER",
            "INSPECTION_PROBLEM", "INSPECTION_REFUSED");

    private static final Set<String> DISHONEST_CUSTOMS = Set.of("DISHONEST", "SERIOUS_DISHONEST");
    private static final Set<String> AEO_CUSTOMS = Set.of("ADVANCED_CERTIFIED", "CERTIFIED");
    private static final Set<String> INSPECTION_PROBLEMS = Set.of("INFORMATION_NOT_DISCLOSED",
            "UNREACHABLE_AT_REGISTERED_ADDRESS", "CORRECTION_ORDERED");

    private final Rules rules;
    private final Department riskDepartment;
    private final int annualReportYears;

    RiskEvaluator(Rules rules, ProfileSettings.Limits limits) {
        this.rules = rules;
        this.riskDepartment = rules.risk().department();
        this.annualReportYears = limits.annualReportYears();
        // Fail at start-up, naming the property, rather than on the first enterprise a rule meets.
        RULE_IDS.forEach(rules.risk()::rule);
        Set<String> unknown = rules.risk().rules().keySet().stream().filter(id -> !RULE_IDS.contains(id))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("sharebus.rules.risk.rules has rules this build cannot apply: " + unknown
                    + "; known: " + RULE_IDS);
        }
    }

    /** Updates the time-dependent facts and the risk assessment of {@code profile} as of {@code now}. */
    void evaluate(EnterpriseProfile profile, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, rules.zone());
        markMissingReports(profile, today);
        boolean seriousInForce = profile.getSeriousListings().stream().anyMatch(l -> inForce(l, today));
        for (JointMeasure measure : profile.getJointMeasures()) {
            measure.setInForce(!"RESTRICTION".equals(measure.getKind()) || seriousInForce);
        }

        List<RiskFactor> factors = factors(profile, today);
        factors.sort(Comparator.comparing(RiskFactor::getPoints).reversed());
        int score = factors.stream().mapToInt(RiskFactor::getPoints).sum();
        RiskClass riskClass = classOf(score);
        RiskAssessment risk = profile.getRisk();
        risk.setRiskClass(riskClass);
        risk.setScore(score);
        risk.setFactors(factors);
        risk.setExplanation(riskClass + (factors.isEmpty() ? ": no risk factor"
                : " because: " + factors.stream().map(f -> f.getDescriptionEn() + " " + signed(f.getPoints()))
                        .collect(Collectors.joining("; "))));
        risk.setExplanationZh(riskClass + " 类" + (factors.isEmpty() ? "：无风险因素"
                : "，因为：" + factors.stream().map(f -> f.getDescriptionZh() + " " + signed(f.getPoints()))
                        .collect(Collectors.joining("；"))));
        risk.setEvaluatedAt(now);
        risk.setNextReviewAt(nextReview(profile, today));
    }

    private RiskClass classOf(int score) {
        Rules.ClassThresholds t = rules.risk().classes();
        return score >= t.d() ? RiskClass.D : score >= t.c() ? RiskClass.C : score >= t.b() ? RiskClass.B : RiskClass.A;
    }

    private List<RiskFactor> factors(EnterpriseProfile p, LocalDate today) {
        List<RiskFactor> factors = new ArrayList<>();
        for (SeriousListing l : p.getSeriousListings()) {
            if (inForce(l, today) && scored(l.getOrigin())) {
                String rule = switch (l.getList()) {
                    case "MARKET_SERIOUS" -> "SERIOUS_LIST_MARKET";
                    case "COURT_DEBTOR" -> "SERIOUS_LIST_COURT";
                    default -> "SERIOUS_LIST_OTHER";
                };
                factors.add(factor(rule, l.getListedOn(), l.getList()));
            }
        }
        CustomsStanding customs = (CustomsStanding) seen(p, "customs");
        // Scored as the class change that set it was published, not as whatever customs event came last.
        if (customs != null && customs.getCreditClass() != null
                && scored(customs.getCreditClassOrigin() != null ? customs.getCreditClassOrigin() : customs.getOrigin())) {
            if (DISHONEST_CUSTOMS.contains(customs.getCreditClass())) {
                factors.add(factor("CUSTOMS_DISHONEST", customs.getCreditClassSince(), customs.getCreditClass()));
            } else if (AEO_CUSTOMS.contains(customs.getCreditClass())) {
                factors.add(factor("CUSTOMS_AEO", customs.getCreditClassSince(), customs.getCreditClass()));
            }
        }
        for (AbnormalListing l : p.getAbnormalListings()) {
            if (l.getRemovedOn() == null && scored(l.getOrigin())) {
                factors.add(factor("ABNORMAL_LIST", l.getListedOn(), l.getDecisionNo()));
                if (!today.isBefore(l.getEscalationDueOn())) {
                    factors.add(factor("ABNORMAL_LIST_OVERDUE", l.getListedOn(), l.getDecisionNo()));
                }
            }
        }
        for (Penalty penalty : p.getPenalties()) {
            if (inPublicity(penalty, today) && scored(penalty.getOrigin())) {
                String rule = penalty.getOrigin().getSource() != Department.CUSTOMS ? "MARKET_PENALTY"
                        : "SMUGGLING".equals(penalty.getKind()) ? "CUSTOMS_SMUGGLING_PENALTY" : "CUSTOMS_PENALTY";
                factors.add(factor(rule, penalty.getDecidedOn(), penalty.getDecisionNo()));
            }
        }
        Identity identity = (Identity) seen(p, "identity");
        if (identity.getStatus() == EnterpriseStatus.REVOKED && scored(identity.getOrigin())) {
            factors.add(factor("LICENCE_REVOKED", identity.getStatusSince(), null));
        }
        for (AnnualReport report : p.getAnnualReports()) {
            if (report.getStatus() == AnnualReportStatus.MISSING) {
                factors.add(factor("ANNUAL_REPORT_MISSING", null, Integer.toString(report.getYear())));
            }
        }
        int latestDue = latestDueYear(today);
        p.getAnnualReports().stream()
                .filter(r -> r.getYear() == latestDue && r.getStatus() == AnnualReportStatus.LATE && scored(r.getOrigin()))
                .findFirst()
                .ifPresent(r -> factors.add(factor("ANNUAL_REPORT_LATE", null, Integer.toString(r.getYear()))));
        TaxCredit taxCredit = (TaxCredit) seen(p, "taxCredit");
        if (taxCredit != null && scored(taxCredit.getOrigin())) {
            String rule = switch (taxCredit.getLevel()) {
                case "D" -> "TAX_CREDIT_D";
                case "C" -> "TAX_CREDIT_C";
                case "A" -> "TAX_CREDIT_A";
                default -> null;
            };
            if (rule != null) {
                factors.add(factor(rule, null, Integer.toString(taxCredit.getYear())));
            }
        }
        AbnormalTaxpayer abnormalTaxpayer = (AbnormalTaxpayer) seen(p, "abnormalTaxpayer");
        if (abnormalTaxpayer != null && scored(abnormalTaxpayer.getOrigin())) {
            factors.add(factor("ABNORMAL_TAXPAYER", abnormalTaxpayer.getListedOn(), null));
        }
        Inspection latest = p.getInspections().stream().filter(i -> scored(i.getOrigin())).findFirst().orElse(null);
        if (latest != null) {
            if ("SERIOUS_REFUSAL_TO_COOPERATE".equals(latest.getResultCode())) {
                factors.add(factor("INSPECTION_REFUSED", latest.getResultFormedOn(), latest.getResultCode()));
            } else if (INSPECTION_PROBLEMS.contains(latest.getResultCode())) {
                factors.add(factor("INSPECTION_PROBLEM", latest.getResultFormedOn(), latest.getResultCode()));
            }
        }
        return factors;
    }

    /**
     * A fact that holds one value as the risk department knows it: where another department's
     * INTERNAL event replaced it, the value before, which scores as it did (the INTERNAL one may not
     * score, and without the one before the class would count the enterprise as having no such fact).
     */
    private Object seen(EnterpriseProfile p, String field) {
        return ProfileVisibility.seenBy(p, field, riskDepartment);
    }

    /** Whether a fact may score: not one another department kept to itself (derived facts have no origin). */
    private boolean scored(FactOrigin origin) {
        return origin == null || origin.getVisibility() != Visibility.INTERNAL || origin.getSource() == riskDepartment;
    }

    private RiskFactor factor(String ruleId, LocalDate since, String ref) {
        Rules.RiskRule rule = rules.risk().rule(ruleId);
        return new RiskFactor(ruleId, rule.points(), fill(rule.zh(), since, ref), fill(rule.en(), since, ref), rule.source(), since);
    }

    private static String fill(String template, LocalDate since, String ref) {
        return template.replace("{since}", since == null ? "" : since.toString())
                .replace("{ref}", ref == null ? "" : ref)
                .strip();
    }

    private static String signed(int points) {
        return points >= 0 ? "+" + points : Integer.toString(points);
    }

    static boolean inForce(SeriousListing l, LocalDate today) {
        return l.getRemovedOn() == null && (l.getExitOn() == null || today.isBefore(l.getExitOn()));
    }

    static boolean inPublicity(Penalty p, LocalDate today) {
        return p.getPublicityEndsOn() != null && today.isBefore(p.getPublicityEndsOn());
    }

    // --- annual reports ---

    /** The latest report year whose deadline has passed by {@code today}. */
    private int latestDueYear(LocalDate today) {
        int year = today.getYear() - 1;
        return today.isAfter(rules.annualReports().deadline(year)) ? year : year - 1;
    }

    /**
     * A report year is MISSING once its deadline passed without a filing, for an enterprise that
     * existed in that year and still exists (a deregistered one reports no more). Also done alone,
     * after every event, before {@link #evaluate} runs at the commit: the notices read which years
     * are missing.
     */
    void markMissingReports(EnterpriseProfile p, Instant now) {
        markMissingReports(p, LocalDate.ofInstant(now, rules.zone()));
    }

    private void markMissingReports(EnterpriseProfile p, LocalDate today) {
        Identity identity = p.getIdentity();
        if (identity.getStatus() == EnterpriseStatus.DEREGISTERED) {
            unmarkAfterDeregistration(p, identity.getStatusSince());
            return;
        }
        if (identity.getEstablishedOn() == null) {
            return;
        }
        int latest = latestDueYear(today);
        int first = Math.max(identity.getEstablishedOn().getYear(), latest - annualReportYears + 1);
        // Runs after every event: nothing is copied unless a year is missing.
        List<AnnualReport> reports = null;
        for (int year = first; year <= latest; year++) {
            if (!hasYear(p.getAnnualReports(), year)) {
                if (reports == null) {
                    reports = new ArrayList<>(p.getAnnualReports());
                }
                reports.add(new AnnualReport(year, AnnualReportStatus.MISSING, null, null));
            }
        }
        if (reports != null) {
            reports.sort(Comparator.comparing(AnnualReport::getYear).reversed());
            p.setAnnualReports(reports.size() <= annualReportYears ? reports : new ArrayList<>(reports.subList(0, annualReportYears)));
        }
    }

    /**
     * An enterprise deregistered on or before a year's deadline owed no report for it: a year marked
     * MISSING before the deregistration arrived (events come late) is taken back.
     */
    private void unmarkAfterDeregistration(EnterpriseProfile p, LocalDate deregisteredOn) {
        if (deregisteredOn == null) {
            return;
        }
        java.util.function.Predicate<AnnualReport> notOwed = r -> r.getStatus() == AnnualReportStatus.MISSING
                && !deregisteredOn.isAfter(rules.annualReports().deadline(r.getYear()));
        if (p.getAnnualReports().stream().anyMatch(notOwed)) {
            List<AnnualReport> reports = new ArrayList<>(p.getAnnualReports());
            reports.removeIf(notOwed);
            p.setAnnualReports(reports);
        }
    }

    private static boolean hasYear(List<AnnualReport> reports, int year) {
        for (AnnualReport report : reports) {
            if (report.getYear() == year) {
                return true;
            }
        }
        return false;
    }

    // --- when to look again ---

    /** The first instant after today at which a time-dependent fact changes state. */
    private Instant nextReview(EnterpriseProfile p, LocalDate today) {
        List<LocalDate> dates = new ArrayList<>();
        p.getPenalties().forEach(x -> dates.add(x.getPublicityEndsOn()));
        p.getAbnormalListings().stream().filter(l -> l.getRemovedOn() == null).forEach(l -> dates.add(l.getEscalationDueOn()));
        p.getSeriousListings().stream().filter(l -> l.getRemovedOn() == null).forEach(l -> dates.add(l.getExitOn()));
        Identity identity = p.getIdentity();
        if (identity.getEstablishedOn() != null && identity.getStatus() != EnterpriseStatus.DEREGISTERED) {
            dates.add(rules.annualReports().deadline(latestDueYear(today) + 1).plusDays(1));
        }
        return dates.stream()
                .filter(Objects::nonNull)
                .filter(d -> d.isAfter(today))
                .min(Comparator.naturalOrder())
                .map(d -> d.atStartOfDay(rules.zone()).toInstant())
                .orElse(null);
    }
}
