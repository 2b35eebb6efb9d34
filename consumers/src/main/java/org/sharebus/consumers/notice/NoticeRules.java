package org.sharebus.consumers.notice;

import java.time.Period;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sharebus.event.common.Department;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The notice rules (跨部门信息通报规则) of the rules table ({@code rules.yml}, prefix
 * {@code sharebus.rules.notices}): for each trigger of docs/domain.md §9 that the bus can detect,
 * who is told, what they read, what they are asked to do and by when. {@link NoticeRouter}
 * decides only when a rule fires.
 *
 * <p>Missing entries and codes the router does not know fail at start-up with the property's name.
 *
 * @param rules               the rules by code, in the table's order
 * @param labels              how a {@code {detail}} symbol reads in Chinese and English; symbols without one are shown as they are
 * @param historyCutoff       a fact older than this (calendar days, by when it came about) when the bus first sees it is
 *                            history, not news: it raises no notice
 * @param historyCutoffSource where the cutoff comes from
 */
@ConfigurationProperties("sharebus.rules.notices")
public record NoticeRules(Map<String, NoticeRule> rules, Map<String, Label> labels, Period historyCutoff,
                          String historyCutoffSource) {

    /** Departments whose staff work on the bus and so can receive a notice. */
    static final Set<Department> STAFFED = EnumSet.of(Department.MARKET, Department.CUSTOMS, Department.COMMERCE,
            Department.CREDIT, Department.TAX);

    public NoticeRules {
        Objects.requireNonNull(rules, "sharebus.rules.notices.rules is missing from the rules table (rules.yml)");
        rules = new LinkedHashMap<>(rules);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        NoticeRule.require(historyCutoff, "sharebus.rules.notices.history-cutoff");
        NoticeRule.require(historyCutoffSource, "sharebus.rules.notices.history-cutoff-source");
        if (historyCutoff.isNegative() || historyCutoff.isZero()) {
            throw new IllegalStateException("sharebus.rules.notices.history-cutoff must be positive, got " + historyCutoff);
        }
        for (String code : NoticeRouter.CODES) {
            if (!rules.containsKey(code)) {
                throw new IllegalStateException("sharebus.rules.notices.rules." + code + " is missing from the rules table (rules.yml)");
            }
        }
        rules.forEach((code, rule) -> {
            if (!NoticeRouter.CODES.contains(code)) {
                throw new IllegalStateException("sharebus.rules.notices.rules." + code + " is not a rule the notice router raises; known: "
                        + NoticeRouter.CODES);
            }
            rule.validate("sharebus.rules.notices.rules." + code);
        });
    }

    public NoticeRule rule(String code) {
        NoticeRule rule = rules.get(code);
        if (rule == null) {
            throw new IllegalStateException("sharebus.rules.notices.rules." + code + " is missing from the rules table (rules.yml)");
        }
        return rule;
    }

    /** A symbol as it reads in each language. */
    public record Label(String zh, String en) {
    }

    /**
     * One notice rule. Texts may hold {@code {name}}, {@code {ref}} and {@code {detail}}.
     *
     * @param targets              departments told when the rule fires (the source department never is)
     * @param summaryZh            what happened, Chinese template
     * @param summaryEn            what happened, English template
     * @param actionZh             the suggested action (建议措施), Chinese
     * @param actionEn             the suggested action, English
     * @param responsePeriod       calendar days from the day raised to the due day
     * @param responsePeriodSource where the response period comes from
     * @param source               the legal or source basis of the rule
     */
    public record NoticeRule(List<Department> targets, String summaryZh, String summaryEn, String actionZh, String actionEn,
                             Period responsePeriod, String responsePeriodSource, String source) {

        void validate(String property) {
            require(targets, property + ".targets");
            require(summaryZh, property + ".summary-zh");
            require(summaryEn, property + ".summary-en");
            require(actionZh, property + ".action-zh");
            require(actionEn, property + ".action-en");
            require(responsePeriod, property + ".response-period");
            require(responsePeriodSource, property + ".response-period-source");
            require(source, property + ".source");
            if (targets.isEmpty() || !STAFFED.containsAll(targets)) {
                throw new IllegalStateException(property + ".targets must name departments among " + STAFFED + ", got " + targets);
            }
            if (responsePeriod.isNegative() || responsePeriod.isZero()) {
                throw new IllegalStateException(property + ".response-period must be positive, got " + responsePeriod);
            }
        }

        private static void require(Object value, String property) {
            Objects.requireNonNull(value, () -> property + " is missing from the rules table (rules.yml)");
        }
    }
}
