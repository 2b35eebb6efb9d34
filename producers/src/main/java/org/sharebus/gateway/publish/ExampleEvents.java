package org.sharebus.gateway.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.sharebus.gateway.publish.EventTypes.EventType;

/**
 * A valid JSON event of any event type, made from its schema: the examples in the OpenAPI
 * document, and a starting point for a department's developer. Every optional field is filled, so
 * the example shows all of them.
 */
public final class ExampleEvents {

    /**
     * 杭州萧山进出口贸易有限公司, Xiaoshan: the fictitious trader of the schemas' examples
     * ({@code EventExamples.XIAOSHAN_TRADING}); no real enterprise is an example.
     */
    public static final String EXAMPLE_USCC = "91330109J6H9752474";

    private ExampleEvents() {
    }

    /** The JSON form (as maps and lists) of an example event of {@code type}. */
    public static Map<String, Object> of(EventType type, UUID eventId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId.toString());
        event.put("eventType", type.name());
        event.put("uscc", EXAMPLE_USCC);
        event.put("enterpriseName", "杭州萧山进出口贸易有限公司");
        event.put("regionCode", "330109");
        event.put("occurredAt", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.ofHours(8)).toString());
        event.put("visibility", "SHARED");
        event.put("docNo", "杭示例〔2025〕1号");
        event.put("legalBasis", "示例法律依据");
        event.put("payload", value(type.payloadSchema(), null));
        return event;
    }

    /** An example of {@code schema}, the type of {@code field} (null for the payload itself). */
    private static Object value(Schema schema, Schema.Field field) {
        String name = field == null ? "payload" : field.name();
        LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case NULL -> null;
            case BOOLEAN -> false;
            case INT -> logical instanceof LogicalTypes.Date ? LocalDate.now().minusDays(1).toString() : (int) wholeNumber(field);
            case LONG -> logical instanceof LogicalTypes.TimestampMillis
                    ? Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString() : wholeNumber(field);
            case FLOAT, DOUBLE -> 1.5;
            case STRING -> logical != null && "uuid".equals(logical.getName()) ? UUID.randomUUID().toString() : "示例 " + name;
            case BYTES, FIXED -> logical instanceof LogicalTypes.Decimal ? "1000.00" : null;
            case ENUM -> schema.getEnumSymbols().get(0);
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                items.add(value(schema.getElementType(), field));
                yield items;
            }
            case MAP -> Map.of("key", value(schema.getValueType(), field));
            case RECORD -> {
                Map<String, Object> record = new LinkedHashMap<>();
                for (Schema.Field member : schema.getFields()) {
                    record.put(member.name(), value(member.schema(), member));
                }
                yield record;
            }
            case UNION -> value(schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
                    .orElseThrow(), field);
        };
    }

    /**
     * A whole number a reader takes for real: last year for a year (a report is on the year before),
     * else 90 (a count, or a score: 90 is the lowest of level A, the first symbol of the level's enum),
     * moved into the field's {@code minimum} and {@code maximum} where it has them.
     */
    private static long wholeNumber(Schema.Field field) {
        String name = field == null ? "" : field.name();
        long example = name.equals("year") || name.endsWith("Year") ? LocalDate.now().getYear() - 1 : 90;
        if (field != null && field.getObjectProp("minimum") instanceof Number minimum) {
            example = Math.max(example, minimum.longValue());
        }
        if (field != null && field.getObjectProp("maximum") instanceof Number maximum) {
            example = Math.min(example, maximum.longValue());
        }
        return example;
    }
}
