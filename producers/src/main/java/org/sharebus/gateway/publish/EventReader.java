package org.sharebus.gateway.publish;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.sharebus.event.EventText;
import org.sharebus.event.EventDates;
import org.sharebus.event.ReportYear;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.market.AnnualReportFiled;
import org.sharebus.gateway.GatewayProperties;
import org.sharebus.gateway.Violation;
import org.sharebus.gateway.publish.EventTypes.EventType;
import org.sharebus.uscc.Uscc;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns the JSON form of an event into the department's generated {@code <Dept>Event}, walking the
 * Avro schema rather than code per event type, and collects every rule the event breaks.
 *
 * <p>The JSON form is the envelope's fields at the top level with the event's own fields under
 * {@code payload}, camelCase as in the schema. Decimals are JSON numbers or strings (strings keep
 * every digit in any client), dates ISO dates ({@code 2025-03-14}), instants ISO instants with an
 * offset ({@code 2025-03-14T09:30:00+08:00}).
 *
 * <p>Rules beyond the schema's own: the USCC check character; {@code occurredAt} at most the
 * allowed clock skew in the future; decimals at least 0 with no more decimals than their scale;
 * whole numbers within their {@code minimum} and {@code maximum} schema properties; strings at most
 * their {@code maxLength} schema property (or the limits below); required strings not blank; no
 * string with a control character or an unpaired surrogate ({@link EventText}); an annual report's
 * year before the year it was filed ({@link ReportYear}); every date and instant from 1949 to 9999
 * ({@link EventDates}). Payload dates are not checked against the clock: some are legitimately ahead
 * (the date from which a class applies).
 */
@Component
public final class EventReader {

    /** Longest payload string when the schema gives no {@code maxLength}: one limit with the consumers' check of direct writes. */
    static final int DEFAULT_MAX_LENGTH = EventText.DEFAULT_MAX_LENGTH;
    private static final Pattern REGION_CODE = Pattern.compile("\\d{6}");
    private static final Pattern CANONICAL_UUID = Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
    /** Set by the gateway from the credentials and its clock, never by the sender. */
    private static final Set<String> GATEWAY_FIELDS = Set.of("sourceDepartment", "publishedAt");
    private static final Schema HEADER_SCHEMA = EventHeader.getClassSchema();
    private static final MessageDigest SHA256 = newSha256();
    private static final int USCC = HEADER_SCHEMA.getField("uscc").pos();
    private static final int OCCURRED_AT = HEADER_SCHEMA.getField("occurredAt").pos();
    private static final int REGION_CODE_FIELD = HEADER_SCHEMA.getField("regionCode").pos();
    private static final int SOURCE_DEPARTMENT = HEADER_SCHEMA.getField("sourceDepartment").pos();
    private static final int PUBLISHED_AT = HEADER_SCHEMA.getField("publishedAt").pos();
    /** The envelope's fields the sender gives, with their length limits. */
    private static final List<FieldPlan> HEADER_FIELDS = HEADER_SCHEMA.getFields().stream()
            .filter(field -> !GATEWAY_FIELDS.contains(field.name()))
            .map(field -> new FieldPlan(field, EventText.HEADER_MAX_LENGTH.getOrDefault(field.name(), DEFAULT_MAX_LENGTH)))
            .toList();
    /**
     * What the walk needs of each record, union and enum schema, worked out once: the lookups and
     * streams over the schema took a third of reading an event when done for every value.
     */
    private static final Map<SchemaIdentity, List<FieldPlan>> RECORD_FIELDS = new ConcurrentHashMap<>();
    private static final Map<SchemaIdentity, List<Schema>> UNION_BRANCHES = new ConcurrentHashMap<>();
    private static final Map<SchemaIdentity, Map<String, Object>> ENUM_CONSTANTS = new ConcurrentHashMap<>();

    private final EventTypes types;
    private final Duration maxClockSkew;

    public EventReader(EventTypes types, GatewayProperties properties) {
        this.types = types;
        this.maxClockSkew = properties.maxClockSkew();
    }

    /** Reads one event; {@code now} becomes its {@code publishedAt}. */
    public ReadEvent read(int index, JsonNode json, Instant now) {
        Walk walk = new Walk(index);
        if (json == null || !json.isObject()) {
            // A missing node is an empty body (a single event); a batch's items are never missing.
            walk.violation("", "type", "an event must be a JSON object, got " + (json == null || json.isMissingNode() ? "an empty body"
                    : "a JSON " + json.getNodeType().name().toLowerCase(Locale.ROOT)));
            return new ReadEvent(index, null, null, null, null, walk.violations, null, null);
        }
        String eventId = json.path("eventId").isString() ? json.path("eventId").stringValue() : null;
        EventType type = null;
        JsonNode typeNode = json.get("eventType");
        if (typeNode != null && typeNode.isString() && !typeNode.stringValue().isBlank()) {
            type = types.find(typeNode.stringValue()).orElse(null);
            if (type == null) {
                walk.violation("eventType", "unknown-event-type", "'" + typeNode.stringValue()
                        + "' is not an event type of any department; GET /api/v1/event-types lists them");
            }
        }

        SpecificData model = type == null ? SpecificData.get() : SpecificData.getForClass(type.envelope());
        SpecificRecord header = (SpecificRecord) model.newRecord(null, HEADER_SCHEMA);
        for (FieldPlan field : HEADER_FIELDS) {
            walk.put(header, field, walk.field(model, field, json.get(field.name), field.name, field.maxLength));
        }
        for (String name : json.propertyNames()) {
            if (GATEWAY_FIELDS.contains(name)) {
                walk.violation(name, "unknown-field", "is set by the gateway, not by the sender");
            } else if (!name.equals("payload") && HEADER_SCHEMA.getField(name) == null) {
                walk.violation(name, "unknown-field", "is not a field of the event envelope");
            }
        }
        checkHeader(walk, header, now);

        Object payload = null;
        if (type != null) {
            JsonNode payloadNode = json.get("payload");
            if (payloadNode == null || payloadNode.isNull()) {
                walk.violation("payload", "required", "is required: the fields of " + type.name());
            } else {
                payload = walk.value(model, type.payloadSchema(), payloadNode, "payload", DEFAULT_MAX_LENGTH);
            }
        }
        if (payload instanceof AnnualReportFiled report) {
            ReportYear.problem(report.getReportYear(), report.getFiledAt())
                    .ifPresent(problem -> walk.violation("payload.reportYear", ReportYear.RULE, problem));
        }
        if (!walk.violations.isEmpty() || type == null) {
            return new ReadEvent(index, eventId, null, type, null, walk.violations, null, null);
        }

        header.put(SOURCE_DEPARTMENT, type.department());
        header.put(PUBLISHED_AT, now.truncatedTo(ChronoUnit.MILLIS));
        SpecificRecord event = (SpecificRecord) model.newRecord(null, type.envelopeSchema());
        event.put(type.envelopeSchema().getField("header").pos(), header);
        event.put(type.envelopeSchema().getField("payload").pos(), payload);
        // One encoding gives both the stored bytes and the digest that leaves publishedAt out.
        EventEncoding.Encoded encoded = EventEncoding.encode(model, event);
        return new ReadEvent(index, eventId, ((EventHeader) header).getEventId(), type, event, List.of(), encoded.digest(),
                encoded.avro());
    }

    private void checkHeader(Walk walk, SpecificRecord header, Instant now) {
        Object uscc = header.get(USCC);
        if (uscc instanceof String code) {
            String normalised = code.strip().toUpperCase(Locale.ROOT);
            Uscc.problem(normalised).ifPresentOrElse(
                    problem -> walk.violation("uscc", "uscc", "'" + code + "' is not a valid USCC: " + problem),
                    () -> header.put(USCC, normalised));
        }
        Object occurredAt = header.get(OCCURRED_AT);
        if (occurredAt instanceof Instant at && at.isAfter(now.plus(maxClockSkew))) {
            walk.violation("occurredAt", "not-future", "is " + at + ", more than " + maxClockSkew.toMinutes()
                    + " minutes after the gateway's clock (" + now.truncatedTo(ChronoUnit.SECONDS) + ")");
        }
        Object regionCode = header.get(REGION_CODE_FIELD);
        if (regionCode instanceof String region && !REGION_CODE.matcher(region).matches()) {
            walk.violation("regionCode", "pattern", "'" + region + "' is not a six-digit GB/T 2260 division code");
        }
    }

    static byte[] sha256(byte[] bytes) {
        return sha256Digest().digest(bytes);
    }

    /**
     * A fresh SHA-256 digest, cloned from one made at start: {@code MessageDigest.getInstance} looks
     * the provider up on every call, which took longer than hashing an event (half the samples of
     * the two digests per event in a profile of the batch benchmark). The prototype is never updated,
     * so cloning it from many threads at once is safe.
     */
    static MessageDigest sha256Digest() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * The result of reading one event.
     *
     * @param eventId    the sender's event id as given (may be invalid), for reporting
     * @param id         the event id, only when valid
     * @param type       the event type, when known
     * @param event      the envelope record, only when there are no violations
     * @param digest     SHA-256 of the event's content without publishedAt, only when valid ({@link EventEncoding})
     * @param avro       the event's Avro binary as it will be stored (without the wire format's header), only when valid
     */
    public record ReadEvent(int index, String eventId, UUID id, EventType type, SpecificRecord event,
                            List<Violation> violations, byte[] digest, byte[] avro) {
        public boolean valid() {
            return event != null;
        }
    }

    /** One walk over an event's JSON, collecting violations. */
    private static final class Walk {
        private final int index;
        private final List<Violation> violations = new ArrayList<>();

        Walk(int index) {
            this.index = index;
        }

        void violation(String path, String rule, String message) {
            violations.add(new Violation(index, path, rule, message));
        }

        /**
         * Sets a field to what the walk read. A value the walk refused is null (its violation is
         * recorded, so the record is never published); a field of a primitive type (int, long,
         * boolean) cannot hold null, and setting it would throw, so it keeps its zero instead.
         */
        void put(SpecificRecord record, FieldPlan field, Object value) {
            if (value != null || field.nullable) {
                record.put(field.pos, value);
            }
        }

        Object field(SpecificData model, FieldPlan field, JsonNode node, String path, int maxLength) {
            if (node == null || node.isNull()) {
                if (field.nullable) {
                    return null;
                }
                if (field.hasDefault) {
                    return value(model, field.schema, FieldPlan.defaultNode(field.defaultValue), path, maxLength);
                }
                violation(path, "required", "is required");
                return null;
            }
            Object value = value(model, field.schema, node, path, field.schemaMaxLength < 0 ? maxLength : field.schemaMaxLength);
            return field.bounded ? withinBounds(field, value, path) : value;
        }

        /** A whole number against its field's {@code minimum} and {@code maximum} properties (dates are LocalDates, not numbers). */
        private Object withinBounds(FieldPlan field, Object value, String path) {
            if (!(value instanceof Integer || value instanceof Long)) {
                return value;
            }
            long number = ((Number) value).longValue();
            if (field.minimum != null && number < field.minimum) {
                violation(path, "min", "must be at least " + field.minimum + ", got " + number);
                return null;
            }
            if (field.maximum != null && number > field.maximum) {
                violation(path, "max", "must be at most " + field.maximum + ", got " + number);
                return null;
            }
            return value;
        }

        Object value(SpecificData model, Schema schema, JsonNode node, String path, int maxLength) {
            LogicalType logical = schema.getLogicalType();
            return switch (schema.getType()) {
                case NULL -> {
                    if (!node.isNull()) {
                        violation(path, "type", "must be null");
                    }
                    yield null;
                }
                case BOOLEAN -> node.isBoolean() ? node.booleanValue() : typeError(path, "true or false");
                case INT -> {
                    if (logical instanceof LogicalTypes.Date) {
                        yield date(node, path);
                    }
                    yield node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : typeError(path, "a whole number");
                }
                case LONG -> {
                    if (logical instanceof LogicalTypes.TimestampMillis) {
                        yield instant(node, path);
                    }
                    yield node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : typeError(path, "a whole number");
                }
                case FLOAT -> node.isNumber() ? node.floatValue() : typeError(path, "a number");
                case DOUBLE -> node.isNumber() ? node.doubleValue() : typeError(path, "a number");
                case STRING -> string(node, path, logical, maxLength);
                case BYTES, FIXED -> {
                    if (logical instanceof LogicalTypes.Decimal decimal) {
                        yield decimal(node, path, decimal, Boolean.TRUE.equals(schema.getObjectProp("signed")));
                    }
                    yield typeError(path, "a value of a type the gateway does not accept in JSON (" + schema.getType() + ")");
                }
                case ENUM -> {
                    Object constant = node.isString() ? enumConstants(model, schema).get(node.stringValue()) : null;
                    if (constant != null) {
                        yield constant;
                    }
                    violation(path, "enum", "must be one of " + schema.getEnumSymbols() + ", got " + node);
                    yield null;
                }
                case ARRAY -> {
                    if (!node.isArray()) {
                        yield typeError(path, "a JSON array");
                    }
                    List<Object> items = new ArrayList<>(node.size());
                    int i = 0;
                    for (JsonNode item : node.values()) {
                        items.add(value(model, schema.getElementType(), item, path + "[" + i++ + "]", maxLength));
                    }
                    yield items;
                }
                case MAP -> {
                    if (!node.isObject()) {
                        yield typeError(path, "a JSON object");
                    }
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> entry : node.properties()) {
                        map.put(entry.getKey(), value(model, schema.getValueType(), entry.getValue(),
                                path + "." + entry.getKey(), maxLength));
                    }
                    yield map;
                }
                case RECORD -> record(model, schema, node, path);
                case UNION -> union(model, schema, node, path, maxLength);
            };
        }

        private Object record(SpecificData model, Schema schema, JsonNode node, String path) {
            if (!node.isObject()) {
                return typeError(path, "a JSON object with the fields of " + schema.getName());
            }
            SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
            for (FieldPlan field : RECORD_FIELDS.computeIfAbsent(new SchemaIdentity(schema), key -> FieldPlan.of(key.schema()))) {
                put(record, field, field(model, field, node.get(field.name), field.pathUnder(path), DEFAULT_MAX_LENGTH));
            }
            for (String name : node.propertyNames()) {
                if (schema.getField(name) == null) {
                    violation(path + "." + name, "unknown-field", "is not a field of " + schema.getName());
                }
            }
            return record;
        }

        private Object union(SpecificData model, Schema schema, JsonNode node, String path, int maxLength) {
            List<Schema> branches = UNION_BRANCHES.computeIfAbsent(new SchemaIdentity(schema),
                    key -> key.schema().getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList());
            if (node.isNull() && branches.size() < schema.getTypes().size()) {
                return null;
            }
            if (branches.size() == 1) {
                return value(model, branches.get(0), node, path, maxLength);
            }
            // Several non-null branches: the first the value fits without violations.
            for (Schema branch : branches) {
                Walk trial = new Walk(index);
                Object value = trial.value(model, branch, node, path, maxLength);
                if (trial.violations.isEmpty()) {
                    return value;
                }
            }
            return typeError(path, "one of " + branches.stream().map(Schema::getName).toList());
        }

        private Object string(JsonNode node, String path, LogicalType logical, int maxLength) {
            if (!node.isString()) {
                return typeError(path, "a JSON string");
            }
            String text = node.stringValue();
            // Before every other rule: a NUL would fail every projection downstream, and a rule's message quoting the string
            // would carry the character on.
            EventText.Forbidden forbidden = EventText.problem(text).orElse(null);
            if (forbidden != null) {
                violation(path, forbidden.rule(), forbidden.message());
                return null;
            }
            if (logical != null && "uuid".equals(logical.getName())) {
                try {
                    // The JDK also reads 1-2-3-4-5 as a UUID; the receipt would then name another string than the one sent.
                    if (!CANONICAL_UUID.matcher(text).matches()) {
                        throw new IllegalArgumentException("not 8-4-4-4-12");
                    }
                    return UUID.fromString(text);
                } catch (IllegalArgumentException e) {
                    violation(path, "format", "'" + text + "' is not a UUID (8-4-4-4-12 hexadecimal digits)");
                    return null;
                }
            }
            if (text.isBlank()) {
                violation(path, "required", "must not be blank");
                return null;
            }
            int length = text.codePointCount(0, text.length());
            if (length > maxLength) {
                violation(path, "max-length", "has " + length + " characters, at most " + maxLength + " are allowed");
                return null;
            }
            return text;
        }

        private Object date(JsonNode node, String path) {
            if (node.isString()) {
                try {
                    LocalDate date = IsoDateTimes.parseDate(node.stringValue());
                    // Well-formed is not enough: year 0026 (for 2026) stopped the profile builder, +999999999 was
                    // written wrapped round into another date than the one receipted.
                    Optional<String> range = EventDates.problem(date);
                    if (range.isPresent()) {
                        violation(path, EventDates.RULE, range.get());
                        return null;
                    }
                    return date;
                } catch (DateTimeException e) {
                    // reported below
                }
            }
            violation(path, "format", "must be an ISO-8601 date such as 2025-03-14, got " + node);
            return null;
        }

        private Object instant(JsonNode node, String path) {
            if (node.isString()) {
                try {
                    Instant instant = IsoDateTimes.parseInstant(node.stringValue()).truncatedTo(ChronoUnit.MILLIS);
                    // Beyond the years of a long's milliseconds, encoding threw and the sender was told the gateway had
                    // failed (500) for its own mistake.
                    Optional<String> range = EventDates.problem(instant);
                    if (range.isPresent()) {
                        violation(path, EventDates.RULE, range.get());
                        return null;
                    }
                    return instant;
                } catch (DateTimeException e) {
                    // reported below
                }
            }
            violation(path, "format", "must be an ISO-8601 instant with an offset such as 2025-03-14T09:30:00+08:00, got " + node);
            return null;
        }

        /** Amounts are 0 or more unless the contract marks the decimal {@code "signed": true} (a net profit may be a loss). */
        private Object decimal(JsonNode node, String path, LogicalTypes.Decimal decimal, boolean signed) {
            BigDecimal value;
            if (node.isNumber()) {
                value = node.decimalValue();
            } else if (node.isString()) {
                try {
                    value = new BigDecimal(node.stringValue().strip());
                } catch (NumberFormatException e) {
                    return typeError(path, "a decimal number such as 1250.50");
                }
            } else {
                return typeError(path, "a decimal number such as 1250.50");
            }
            boolean ok = true;
            if (value.signum() < 0 && !signed) {
                violation(path, "min", "must be 0 or more, got " + shown(value));
                ok = false;
            }
            if (value.stripTrailingZeros().scale() > decimal.getScale()) {
                violation(path, "scale", "must have at most " + decimal.getScale() + " decimals, got " + shown(value));
                ok = false;
            }
            int integerDigits = decimal.getPrecision() - decimal.getScale();
            // In long: 1e2147483647 has scale -2147483647, and precision minus scale would overflow an int.
            if ((long) value.precision() - value.scale() > integerDigits) {
                violation(path, "precision", "must have at most " + integerDigits + " digits before the decimal point, got "
                        + shown(value));
                ok = false;
            }
            return ok ? value.setScale(decimal.getScale()) : null;
        }

        /**
         * A decimal for a message: as written out where that is short, else in exponent form. A sender's
         * {@code "1e999999999"} is a valid BigDecimal; written out in full it would be a billion digits,
         * gigabytes of heap for one error message.
         */
        private static String shown(BigDecimal value) {
            return Math.abs((long) value.scale()) <= 100 && value.precision() <= 100 ? value.toPlainString() : value.toString();
        }

        private Object typeError(String path, String expected) {
            violation(path, "type", "must be " + expected);
            return null;
        }

        /** The schema's symbols and their generated enum's constants (kept only when the generated class was found). */
        private static Map<String, Object> enumConstants(SpecificData model, Schema schema) {
            Map<String, Object> known = ENUM_CONSTANTS.get(new SchemaIdentity(schema));
            if (known != null) {
                return known;
            }
            Map<String, Object> constants = new HashMap<>();
            schema.getEnumSymbols().forEach(symbol -> constants.put(symbol, model.createEnum(symbol, schema)));
            if (constants.values().stream().allMatch(Enum.class::isInstance)) {
                ENUM_CONSTANTS.put(new SchemaIdentity(schema), Map.copyOf(constants));
            }
            return constants;
        }
    }

    /**
     * A schema as a key of the plans above, by identity. By value, every lookup of a union such as
     * {@code ["null", "string"]} met an equal union of another record first and compared the two in
     * depth (2 % of a batch request's CPU); the generated classes' schemas are fixed, so there are as
     * many keys either way, give or take the equal copies.
     */
    private record SchemaIdentity(Schema schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SchemaIdentity identity && identity.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }

    /** A record field as the walk uses it. */
    private static final class FieldPlan {
        final String name;
        final int pos;
        final Schema schema;
        final boolean nullable;
        final boolean hasDefault;
        /** The schema's default, used when the sender leaves a non-nullable field out. */
        final Object defaultValue;
        /** The field's {@code maxLength} schema property, or -1 for the caller's limit. */
        final int schemaMaxLength;
        /** The envelope's limit for this field (header fields only). */
        final int maxLength;
        /** The field's {@code minimum} and {@code maximum} schema properties, for whole numbers; null where it has none. */
        final Long minimum;
        final Long maximum;
        final boolean bounded;
        /** The last path built under a parent path: under a fixed parent such as {@code payload}, built once. */
        private volatile PathUnder last;

        FieldPlan(Schema.Field field, int maxLength) {
            this.name = field.name();
            this.pos = field.pos();
            this.schema = field.schema();
            this.nullable = schema.getType() == Schema.Type.UNION
                    && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
            this.hasDefault = field.hasDefaultValue();
            this.defaultValue = hasDefault ? field.defaultVal() : null;
            Object max = field.getObjectProp("maxLength");
            this.schemaMaxLength = max instanceof Number n ? n.intValue() : -1;
            this.maxLength = maxLength;
            this.minimum = field.getObjectProp("minimum") instanceof Number n ? n.longValue() : null;
            this.maximum = field.getObjectProp("maximum") instanceof Number n ? n.longValue() : null;
            this.bounded = minimum != null || maximum != null;
        }

        static List<FieldPlan> of(Schema record) {
            return record.getFields().stream().map(field -> new FieldPlan(field, DEFAULT_MAX_LENGTH)).toList();
        }

        String pathUnder(String parent) {
            PathUnder seen = last;
            // Parents are the same String each time when they come from here or from a constant.
            if (seen != null && seen.parent == parent) {
                return seen.path;
            }
            String path = parent + "." + name;
            last = new PathUnder(parent, path);
            return path;
        }

        private record PathUnder(String parent, String path) {
        }

        /** The schema's default as the JSON a sender could have sent: Avro gives it as Java values (lists for arrays, maps for records). */
        static JsonNode defaultNode(Object value) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            if (value == null || value == JsonProperties.NULL_VALUE) {
                return nodes.nullNode();
            }
            if (value instanceof java.util.Collection<?> items) {
                var array = nodes.arrayNode();
                items.forEach(item -> array.add(defaultNode(item)));
                return array;
            }
            if (value instanceof Map<?, ?> fields) {
                var object = nodes.objectNode();
                fields.forEach((name, field) -> object.set(String.valueOf(name), defaultNode(field)));
                return object;
            }
            if (value instanceof Float f) {
                return nodes.numberNode(f);
            }
            if (value instanceof String s) {
                return nodes.stringNode(s);
            }
            if (value instanceof Integer i) {
                return nodes.numberNode(i);
            }
            if (value instanceof Long l) {
                return nodes.numberNode(l);
            }
            if (value instanceof Boolean b) {
                return nodes.booleanNode(b);
            }
            if (value instanceof Double d) {
                return nodes.numberNode(d);
            }
            throw new IllegalStateException("a schema default of type " + value.getClass().getName()
                    + " on a field the sender left out; the gateway fills only null, string, number and boolean defaults");
        }
    }
}
