package org.sharebus.consumers.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.sharebus.event.EventDates;
import org.sharebus.event.EventText;
import org.sharebus.event.common.EventHeader;

/**
 * The gateway's checks of an event's strings, made again on a record written straight to a
 * department topic (docs/connecting-a-department.md allows it): no control character or unpaired
 * surrogate ({@link EventText}), since PostgreSQL's text cannot hold U+0000 and every projection of
 * the event would fail on it; and no string longer than the gateway would take (a field's
 * {@code maxLength}, the envelope's limits, else {@link EventText#DEFAULT_MAX_LENGTH}), since a
 * 300,000-character name repeated in a notice makes a record Kafka refuses, which stops the builder.
 * And no whole number outside its field's {@code minimum} and {@code maximum} (a report year 0 or
 * 3000), and no date or instant outside {@link EventDates}' years (one of year 26 stopped the
 * builder), which the gateway refuses as well.
 *
 * <p>Runs on every event, so each record schema's fields and limits are worked out once.
 */
final class EventStrings {

    private static final String HEADER = EventHeader.getClassSchema().getFullName();
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            Schema schema = SpecificData.get().getSchema(type);
            boolean header = schema.getFullName().equals(HEADER);
            List<Field> fields = new ArrayList<>();
            for (Schema.Field field : schema.getFields()) {
                Object max = field.getObjectProp("maxLength");
                Integer envelope = header ? EventText.HEADER_MAX_LENGTH.get(field.name()) : null;
                int limit = max instanceof Number n ? n.intValue() : envelope != null ? envelope : -1;
                Long minimum = whole(field.getObjectProp("minimum"));
                Long maximum = whole(field.getObjectProp("maximum"));
                boolean dated = dated(withoutNull(field.schema()));
                if (minimum != null || maximum != null || dated || holdsText(field.schema(), new java.util.HashSet<>())) {
                    fields.add(new Field(field.pos(), field.name(), withoutNull(field.schema()), limit, minimum, maximum, dated));
                }
            }
            return List.copyOf(fields);
        }
    };

    private EventStrings() {
    }

    private static Long whole(Object bound) {
        return bound instanceof Number n ? n.longValue() : null;
    }

    /** A date or an instant: read as {@link LocalDate} or {@link Instant}, checked against {@link EventDates}. */
    private static boolean dated(Schema schema) {
        return schema.getLogicalType() != null
                && (schema.getLogicalType().getName().equals("date") || schema.getLogicalType().getName().equals("timestamp-millis"));
    }

    /**
     * Whether values of the schema can hold a string to check. Numbers, enums, dates and UUIDs (the
     * {@code uuid} logical type reads as {@link java.util.UUID}) cannot: their fields are not walked.
     */
    private static boolean holdsText(Schema schema, java.util.Set<String> seen) {
        return switch (schema.getType()) {
            case STRING -> schema.getLogicalType() == null;
            case RECORD -> seen.add(schema.getFullName()) && schema.getFields().stream().anyMatch(f -> holdsText(f.schema(), seen));
            case ARRAY -> holdsText(schema.getElementType(), seen);
            case MAP -> true;
            case UNION -> schema.getTypes().stream().anyMatch(branch -> holdsText(branch, seen));
            default -> false;
        };
    }

    /** A nullable field's one other branch, so that its values need no union lookup; any other schema as it is. */
    private static Schema withoutNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
        return branches.size() == 1 ? branches.get(0) : schema;
    }

    /** What is wrong with the first string, number or date of {@code event} the gateway would have refused, naming its field; empty: none. */
    static Optional<String> problem(IndexedRecord event) {
        String problem = record(event);
        // Paths are built only for a string found wrong, from the inside out: ".payload.items[2] has ...".
        return problem == null ? Optional.empty() : Optional.of(problem.substring(1));
    }

    /** A record's fields have their own limits, as the gateway reads them: a list's strings have their field's. */
    private static String record(IndexedRecord record) {
        for (Field field : FIELDS.get(record.getClass())) {
            Object value = record.get(field.pos());
            if (field.dated()) {
                Optional<String> range = value instanceof LocalDate date ? EventDates.problem(date)
                        : value instanceof Instant instant ? EventDates.problem(instant) : Optional.empty();
                if (range.isPresent()) {
                    return "." + field.name() + " " + range.get();
                }
                continue;
            }
            // A whole number within its field's minimum and maximum, as the gateway takes it (rules min, max).
            if (value instanceof Number number && (field.minimum() != null || field.maximum() != null)) {
                long n = number.longValue();
                if (field.minimum() != null && n < field.minimum()) {
                    return "." + field.name() + " must be at least " + field.minimum() + ", got " + n;
                }
                if (field.maximum() != null && n > field.maximum()) {
                    return "." + field.name() + " must be at most " + field.maximum() + ", got " + n;
                }
                continue;
            }
            String problem = value(field.schema(), value, field.limit() < 0 ? EventText.DEFAULT_MAX_LENGTH : field.limit());
            if (problem != null) {
                return "." + field.name() + problem;
            }
        }
        return null;
    }

    private static String value(Schema schema, Object value, int limit) {
        if (value == null) {
            return null;
        }
        switch (schema.getType()) {
            case STRING -> {
                // A string with a logical type (uuid) reads as another object, with nothing to check.
                return value instanceof CharSequence text ? string(text.toString(), limit) : null;
            }
            case RECORD -> {
                return record((IndexedRecord) value);
            }
            case ARRAY -> {
                int i = 0;
                for (Object item : (List<?>) value) {
                    String problem = value(schema.getElementType(), item, limit);
                    if (problem != null) {
                        return "[" + i + "]" + problem;
                    }
                    i++;
                }
                return null;
            }
            case MAP -> {
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    String key = entry.getKey().toString();
                    String problem = string(key, limit);
                    if (problem != null) {
                        return " key" + problem;
                    }
                    problem = value(schema.getValueType(), entry.getValue(), limit);
                    if (problem != null) {
                        return "." + key + problem;
                    }
                }
                return null;
            }
            case UNION -> {
                Schema branch = branch(schema, value);
                return branch == null ? null : value(branch, value, limit);
            }
            default -> {
                return null;
            }
        }
    }

    /** The union's branch that holds strings, records, arrays or maps for a value of that kind; null for any other value. */
    private static Schema branch(Schema union, Object value) {
        for (Schema branch : union.getTypes()) {
            boolean fits = switch (branch.getType()) {
                case STRING -> value instanceof CharSequence;
                case RECORD -> value instanceof IndexedRecord r && r.getSchema().getFullName().equals(branch.getFullName());
                case ARRAY -> value instanceof List<?>;
                case MAP -> value instanceof Map<?, ?>;
                default -> false;
            };
            if (fits) {
                return branch;
            }
        }
        return null;
    }

    /** Null when the string is one the gateway takes, else what is wrong, starting with a space. */
    private static String string(String text, int limit) {
        if (EventText.firstForbidden(text) >= 0) {
            return " " + EventText.problem(text).orElseThrow().message();
        }
        if (text.length() > limit) {
            int length = text.codePointCount(0, text.length());
            if (length > limit) {
                return " has " + length + " characters, at most " + limit + " are allowed (the gateway's limit)";
            }
        }
        return null;
    }

    private record Field(int pos, String name, Schema schema, int limit, Long minimum, Long maximum, boolean dated) {
    }
}
