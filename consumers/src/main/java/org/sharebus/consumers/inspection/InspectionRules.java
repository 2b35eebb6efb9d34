package org.sharebus.consumers.inspection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sharebus.inspection.InspectionItem;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The inspection section of the rules table ({@code rules.yml}, prefix
 * {@code sharebus.rules.inspection}): sampling ratios per risk class, the public-information
 * minimum, inspectors per task, rotation, the task period, the disclosure deadline and the
 * working-day calendar, each with its source. Missing or inconsistent entries fail at start-up
 * with the property's name.
 */
@ConfigurationProperties("sharebus.rules.inspection")
public record InspectionRules(Ratios ratios, BigDecimal generalMaxPercent, String generalMaxSource,
                              PublicInformation publicInformation, YearlyCap yearlyCap, InspectorsPerTask inspectorsPerTask, Rotation rotation,
                              String recusalSource, Period taskPeriod, String taskPeriodSource, Disclosure disclosure,
                              Calendar calendar) {

    /** The risk classes a ratio is given for, in draw order; UNKNOWN: not yet classified. */
    public static final List<String> RISK_CLASSES = List.of("A", "B", "C", "D", "UNKNOWN");

    public InspectionRules {
        require(ratios, "ratios");
        require(generalMaxPercent, "general-max-percent");
        require(publicInformation, "public-information");
        require(yearlyCap, "yearly-cap");
        require(inspectorsPerTask, "inspectors-per-task");
        require(rotation, "rotation");
        require(recusalSource, "recusal-source");
        require(taskPeriod, "task-period");
        require(disclosure, "disclosure");
        require(calendar, "calendar");
        // A plan records each ratio with two decimals (DrawStratum.ratioPercent): a finer one could not be recorded.
        for (Map.Entry<String, RatioTable> table : Map.of("general", ratios.general(), "key", ratios.key()).entrySet()) {
            for (Map.Entry<String, BigDecimal> ratio : table.getValue().percent().entrySet()) {
                requireTwoDecimals(ratio.getValue(), "ratios." + table.getKey() + "." + ratio.getKey());
            }
        }
        requireTwoDecimals(publicInformation.minPercent(), "public-information.min-percent");
        for (Map.Entry<String, BigDecimal> ratio : ratios.general().percent().entrySet()) {
            if (ratio.getValue().compareTo(generalMaxPercent) > 0) {
                throw new IllegalArgumentException("sharebus.rules.inspection.ratios.general." + ratio.getKey() + " is "
                        + ratio.getValue() + " %, above general-max-percent " + generalMaxPercent
                        + " % (一般检查事项的抽查比例应严格控制)");
            }
        }
        if (inspectorsPerTask.count() < 2) {
            throw new IllegalArgumentException("sharebus.rules.inspection.inspectors-per-task.count must be at least 2"
                    + " (行政处罚法第四十二条), got " + inspectorsPerTask.count());
        }
    }

    /** The ratio, in percent of the class's pool, for an item: the kind's ratio, raised to the public-information minimum. */
    public BigDecimal ratioPercent(InspectionItem item, String riskClass) {
        RatioTable table = item.kind() == InspectionItem.Kind.KEY ? ratios.key() : ratios.general();
        BigDecimal ratio = table.percent().get(riskClass);
        if (publicInformation.items().contains(item.code()) && ratio.compareTo(publicInformation.minPercent()) < 0) {
            return publicInformation.minPercent();
        }
        return ratio;
    }

    /**
     * The fewest targets a draw of {@code item} may have in a scope of {@code scopeSize} enterprises:
     * the public-information minimum of all of them (rounded up) for such an item, counted before the
     * yearly cap leaves enterprises out; 0 for other items.
     */
    public int minimumTargets(InspectionItem item, int scopeSize) {
        if (!publicInformation.items().contains(item.code())) {
            return 0;
        }
        return BigDecimal.valueOf(scopeSize).multiply(publicInformation.minPercent())
                .divide(BigDecimal.valueOf(100), 0, java.math.RoundingMode.CEILING).intValue();
    }

    public record Ratios(RatioTable general, RatioTable key) {
        public Ratios {
            require(general, "ratios.general");
            require(key, "ratios.key");
        }
    }

    /** Percent per risk class A, B, C, D, UNKNOWN, and the source. */
    public record RatioTable(BigDecimal a, BigDecimal b, BigDecimal c, BigDecimal d, BigDecimal unknown, String source) {
        public RatioTable {
            require(a, "ratios.*.A");
            require(b, "ratios.*.B");
            require(c, "ratios.*.C");
            require(d, "ratios.*.D");
            require(unknown, "ratios.*.UNKNOWN");
            require(source, "ratios.*.source");
            for (BigDecimal ratio : List.of(a, b, c, d, unknown)) {
                // Above 0: a class the draws never sample would be exempt, and no class is (国市监信发〔2022〕6号).
                if (ratio.signum() <= 0 || ratio.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new IllegalArgumentException("sharebus.rules.inspection.ratios: a ratio is a percent above 0 and at most 100"
                            + " (no risk class is exempt from random inspections, 国市监信发〔2022〕6号), got " + ratio);
                }
            }
        }

        public Map<String, BigDecimal> percent() {
            return Map.of("A", a, "B", b, "C", c, "D", d, "UNKNOWN", unknown);
        }
    }

    public record PublicInformation(Set<String> items, BigDecimal minPercent, String source) {
        public PublicInformation {
            require(items, "public-information.items");
            require(minPercent, "public-information.min-percent");
            require(source, "public-information.source");
        }
    }

    /**
     * At most this many random inspections (tasks) of one enterprise by one department in a
     * calendar year, per risk class, drawing general items (key items have no cap); 0: no cap.
     */
    public record YearlyCap(int a, int b, int c, int d, int unknown, String source) {
        public YearlyCap {
            require(source, "yearly-cap.source");
            for (int cap : List.of(a, b, c, d, unknown)) {
                if (cap < 0) {
                    throw new IllegalArgumentException("sharebus.rules.inspection.yearly-cap: a cap is 0 (none) or more, got " + cap);
                }
            }
        }

        /** The cap of a class (A–D; anything else is UNKNOWN); 0: none. */
        public int of(String riskClass) {
            return switch (riskClass == null ? "UNKNOWN" : riskClass) {
                case "A" -> a;
                case "B" -> b;
                case "C" -> c;
                case "D" -> d;
                default -> unknown;
            };
        }
    }

    public record InspectorsPerTask(int count, String source) {
        public InspectorsPerTask {
            require(source, "inspectors-per-task.source");
        }
    }

    /** No inspector inspects the same enterprise again within the department's latest {@code plans} plans that drew it. */
    public record Rotation(int plans, String source) {
        public Rotation {
            require(source, "rotation.source");
        }
    }

    public record Disclosure(int workingDays, String source) {
        public Disclosure {
            require(source, "disclosure.source");
            if (workingDays < 1) {
                throw new IllegalArgumentException("sharebus.rules.inspection.disclosure.working-days must be at least 1, got " + workingDays);
            }
        }
    }

    /**
     * The State Council's holiday schedule for the listed {@code years}: a day of another year
     * counts Monday to Friday (its schedule is not known to the bus), and {@link CalendarCoverage}
     * warns when the years do not reach far enough ahead.
     */
    public record Calendar(List<Integer> years, List<LocalDate> holidays, List<LocalDate> makeUpWorkingDays, String source) {
        public Calendar {
            require(years, "calendar.years");
            if (years.isEmpty()) {
                throw new IllegalArgumentException("sharebus.rules.inspection.calendar.years lists no year");
            }
            years = List.copyOf(years);
            holidays = holidays == null ? List.of() : List.copyOf(holidays);
            makeUpWorkingDays = makeUpWorkingDays == null ? List.of() : List.copyOf(makeUpWorkingDays);
            require(source, "calendar.source");
            for (LocalDate day : concat(holidays, makeUpWorkingDays)) {
                if (!years.contains(day.getYear())) {
                    throw new IllegalArgumentException("sharebus.rules.inspection.calendar lists " + day + ", but calendar.years " + years
                            + " does not include " + day.getYear() + ": add the year once its whole schedule is entered");
                }
            }
        }

        /** The last day the schedule is known for. */
        public LocalDate coveredUntil() {
            return LocalDate.of(years.stream().mapToInt(Integer::intValue).max().orElseThrow(), 12, 31);
        }

        private static List<LocalDate> concat(List<LocalDate> first, List<LocalDate> second) {
            List<LocalDate> all = new java.util.ArrayList<>(first);
            all.addAll(second);
            return all;
        }
    }

    private static void requireTwoDecimals(BigDecimal percent, String property) {
        if (percent.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("sharebus.rules.inspection." + property + " is " + percent.toPlainString()
                    + " %: a ratio has at most two decimals");
        }
    }

    private static void require(Object value, String property) {
        if (value == null) {
            throw new IllegalArgumentException("sharebus.rules.inspection." + property + " is missing from the rules table (rules.yml)");
        }
    }
}
