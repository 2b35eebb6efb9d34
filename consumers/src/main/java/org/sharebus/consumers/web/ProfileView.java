package org.sharebus.consumers.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.sharebus.event.common.Department;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.FactOrigin;

/**
 * A profile as the API answers it to one member of staff's department, arranged for the page:
 * identity, the risk class with its factors, the facts grouped by the department that published
 * them, the timeline.
 *
 * <p>What the department may see is the API's to say ({@code ProfileVisibility}, the one rule:
 * {@link ProfileSource} asks on the department's behalf): a field or fact the answer leaves out is
 * not shown, and nothing here decides again. A field added to the schema is shown where the answer
 * has it without a change here. Empty values are left out.
 *
 * @param status         null, with identitySource and identityAsOf, when the answer has no identity (it came from an
 *                       event another department kept to itself)
 * @param risk       null when the answer has no risk class (the risk department's INTERNAL fact)
 * @param riskHidden whether the page says that the class is the risk department's, for staff of another
 */
record ProfileView(String uscc, String name, String status, List<Row> identity, String identitySource, String identityAsOf,
                   Risk risk, boolean riskHidden, List<DepartmentFacts> departments, List<Fact> timeline) {

    /** Facts the bus derives itself (a missing annual report): no department published them. */
    static final String DERIVED = "DERIVED";

    private static final Schema SCHEMA = EnterpriseProfile.getClassSchema();
    /** The zone the other staff pages show times in. */
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));
    /**
     * Top-level fields shown in their own place, or never (pendingRemovals, updatedAt, shared: the
     * builder's bookkeeping; the counts and times of events, which the timeline shows).
     */
    private static final Set<String> NOT_FACTS = Set.of("uscc", "name", "identity", "risk", "timeline", "pendingRemovals",
            "eventCount", "lastOccurredAt", "updatedAt", "changedAt", "internalEvents", "shared");

    /**
     * @param field  the schema's field name, the key of its label ({@code field.<name>})
     * @param lines  the value as codes, one line; a list's elements are codes of their own, looked up one by one
     *               (a joined {@code WARNING, FINE} has no words); nested records (service-trade periods) a line each
     * @param nested whether a line's codes are a nested record's values rather than a list's elements
     */
    record Row(String field, List<List<Code>> lines, boolean nested) {
        /** The value as the profile has it: a list's elements joined, each nested record a line. */
        public String value() {
            return String.join("\n", lines.stream()
                    .map(line -> String.join(nested ? " · " : ", ", line.stream().map(Code::code).toList())).toList());
        }
    }

    /**
     * One code and the message key of its words (an inspection's result, a report's status, a legal
     * form, yes or no); the page shows the code itself where no message has it.
     */
    record Code(String code, String key) {
        /** Keyed by the field's type, not by the text: a boolean nested in a record is yes or no too. */
        static Code of(Schema.Field field, String code) {
            if (recordSchema(field.schema()).getType() == Schema.Type.BOOLEAN) {
                return new Code(code, "value." + code);
            }
            return new Code(code, "resultCode".equals(field.name()) ? "inspection.result." + code : "code." + field.name() + "." + code);
        }
    }

    /** One fact: its rows, where it came from and as of when. */
    record Fact(List<Row> rows, String source, String asOf) {
        /** The value of one of the fact's fields; null when absent or hidden. */
        public String value(String field) {
            return rows.stream().filter(r -> r.field().equals(field)).map(Row::value).findFirst().orElse(null);
        }

        /**
         * A timeline entry's summary without its Chinese label, for an English page, which names the
         * event type in English beside it: the builder writes {@code <label> <detail>}, the label without a space.
         */
        public String summaryDetail() {
            String summary = value("summary");
            int space = summary == null ? -1 : summary.indexOf(' ');
            return summary == null ? null : space < 0 ? "" : summary.substring(space + 1);
        }

        /** The summary's Chinese label, what comes before its detail. */
        public String summaryLabel() {
            String summary = value("summary");
            int space = summary == null ? -1 : summary.indexOf(' ');
            return summary == null || space < 0 ? summary : summary.substring(0, space);
        }

        /**
         * The message key of the summary's detail where the builder wrote a code there (a customs class, a list, a
         * repaired record's type, a tax level, an inspection's result: "信用修复 SERIOUS_DISHONEST_LISTING"), so that
         * the page says it in words; null for a detail that is a document number or a year, shown as it is.
         */
        public String summaryDetailKey() {
            String prefix = TIMELINE_DETAIL_CODES.get(value("eventType"));
            String detail = summaryDetail();
            return prefix == null || detail == null || detail.isEmpty() ? null : prefix + detail;
        }
    }

    /** Event types whose summary's detail is a code, and the message keys of its words (Summaries.DETAIL_FIELDS). */
    private static final Map<String, String> TIMELINE_DETAIL_CODES = Map.of(
            "CustomsCreditClassChanged", "code.creditClass.",
            "SeriousDishonestSubjectListed", "code.list.",
            "CreditRepaired", "code.recordType.",
            "TaxCreditLevelPublished", "code.level.",
            "InspectionResultRecorded", "inspection.result.");

    /** @param section the profile's field name (penalties), the key of its title ({@code section.<name>}) */
    record Section(String section, List<Fact> facts) {
    }

    record DepartmentFacts(String department, List<Section> sections) {
    }

    record Factor(String ruleId, int points, String descriptionZh, String descriptionEn, String legalSource, String since) {
    }

    record Risk(String riskClass, int score, String explanation, String explanationZh, List<Factor> factors, String evaluatedAt) {
    }

    /** @param profile the API's answer for the viewer's department */
    @SuppressWarnings("unchecked")
    static ProfileView of(Map<String, Object> profile) {
        Map<String, Object> identity = (Map<String, Object>) profile.get("identity");
        Map<String, Object> identityOrigin = identity == null ? null : (Map<String, Object>) identity.get("origin");
        String identitySource = source(identityOrigin);
        List<Row> identityRows = identity == null ? List.of() : rows(identity, recordSchema(SCHEMA.getField("identity").schema()));

        Risk risk = profile.get("risk") == null ? null : risk((Map<String, Object>) profile.get("risk"));

        // Department order as the enum declares it, facts the bus derived last.
        Map<String, Map<String, List<Fact>>> byDepartment = new TreeMap<>(ProfileView::departmentOrder);
        for (Schema.Field field : SCHEMA.getFields()) {
            if (NOT_FACTS.contains(field.name()) || profile.get(field.name()) == null) {
                continue;
            }
            Schema itemSchema = recordSchema(field.schema());
            for (Map<String, Object> item : items(profile.get(field.name()))) {
                String source = source((Map<String, Object>) item.get("origin"));
                List<Row> rows = rows(item, itemSchema);
                if (!rows.isEmpty()) {
                    byDepartment.computeIfAbsent(source, s -> new java.util.LinkedHashMap<>())
                            .computeIfAbsent(field.name(), s -> new ArrayList<>())
                            .add(new Fact(rows, source, asOf((Map<String, Object>) item.get("origin"))));
                }
            }
        }
        List<DepartmentFacts> departments = new ArrayList<>();
        byDepartment.forEach((department, sections) -> departments.add(new DepartmentFacts(department,
                sections.entrySet().stream().map(e -> new Section(e.getKey(), e.getValue())).toList())));

        Schema timelineSchema = recordSchema(SCHEMA.getField("timeline").schema());
        List<Fact> timeline = new ArrayList<>();
        for (Map<String, Object> entry : items(profile.get("timeline"))) {
            timeline.add(new Fact(rows(entry, timelineSchema), String.valueOf(entry.get("source")), localTime(entry.get("occurredAt"))));
        }
        return new ProfileView(String.valueOf(profile.get("uscc")), String.valueOf(profile.get("name")),
                identity == null ? null : String.valueOf(identity.get("status")), identityRows, identity == null ? null : identitySource,
                identity == null ? null : asOf(identityOrigin),
                risk, risk == null, departments, timeline);
    }

    @SuppressWarnings("unchecked")
    private static List<Row> rows(Map<String, Object> item, Schema schema) {
        List<Row> rows = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            Object value = item.get(field.name());
            // Where a fact came from is shown as its department and as-of, not as rows (origin, creditClassOrigin).
            if (recordSchema(field.schema()).getName().equals(FactOrigin.class.getSimpleName()) || empty(value)) {
                continue;
            }
            if (value instanceof Collection<?> list && !list.isEmpty() && list.iterator().next() instanceof Map) {
                // Nested records (service-trade periods): one line each, of their visible values.
                Schema nested = recordSchema(field.schema());
                List<List<Code>> lines = new ArrayList<>();
                for (Object element : list) {
                    lines.add(rows((Map<String, Object>) element, nested).stream()
                            .flatMap(r -> r.lines().stream().flatMap(List::stream)).toList());
                }
                rows.add(new Row(field.name(), lines, true));
            } else if (value instanceof Collection<?> elements) {
                rows.add(new Row(field.name(), List.of(elements.stream().map(element -> Code.of(field, format(element))).toList()), false));
            } else {
                rows.add(new Row(field.name(), List.of(List.of(Code.of(field, isInstant(field.schema()) ? localTime(value) : format(value)))), false));
            }
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Risk risk(Map<String, Object> risk) {
        List<Factor> factors = new ArrayList<>();
        for (Map<String, Object> factor : items(risk.get("factors"))) {
            factors.add(new Factor(String.valueOf(factor.get("ruleId")), ((Number) factor.get("points")).intValue(),
                    String.valueOf(factor.get("descriptionZh")), String.valueOf(factor.get("descriptionEn")),
                    String.valueOf(factor.get("legalSource")), factor.get("since") == null ? null : String.valueOf(factor.get("since"))));
        }
        return new Risk(String.valueOf(risk.get("riskClass")), ((Number) risk.get("score")).intValue(),
                String.valueOf(risk.get("explanation")), String.valueOf(risk.get("explanationZh")), factors,
                localTime(risk.get("evaluatedAt")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Object value) {
        if (value instanceof Collection<?> list) {
            return (List<Map<String, Object>>) List.copyOf(list);
        }
        return value instanceof Map ? List.of((Map<String, Object>) value) : List.of();
    }

    private static String source(Map<String, Object> origin) {
        return origin == null ? DERIVED : String.valueOf(origin.get("source"));
    }

    private static String asOf(Map<String, Object> origin) {
        return origin == null ? null : localTime(origin.get("asOf"));
    }

    /** The record (or value) inside an array or a nullable union. */
    private static Schema recordSchema(Schema schema) {
        return switch (schema.getType()) {
            case ARRAY -> recordSchema(schema.getElementType());
            case UNION -> recordSchema(schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow());
            default -> schema;
        };
    }

    /**
     * An instant as staff read times everywhere else on the pages: Beijing time, to the minute. The
     * profile's JSON form holds instants in UTC ({@code 2025-03-31T16:30:00Z}), which on a page
     * would show 1 April's events under 31 March.
     */
    static String localTime(Object instant) {
        if (instant == null) {
            return null;
        }
        try {
            return LOCAL_TIME.format(Instant.parse(String.valueOf(instant)));
        } catch (DateTimeParseException e) {
            return String.valueOf(instant);
        }
    }

    private static boolean isInstant(Schema schema) {
        return recordSchema(schema).getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    private static boolean empty(Object value) {
        return value == null || value instanceof Collection<?> c && c.isEmpty() || value instanceof String s && s.isBlank();
    }

    private static String format(Object value) {
        if (value instanceof BigDecimal amount) {
            return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
        }
        return String.valueOf(value);
    }

    private static int departmentOrder(String a, String b) {
        return Integer.compare(rank(a), rank(b));
    }

    private static int rank(String department) {
        for (Department d : Department.values()) {
            if (d.name().equals(department)) {
                return d.ordinal();
            }
        }
        return Department.values().length;
    }
}
