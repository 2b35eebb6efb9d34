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

    /** Alibaba (China) Co., Ltd., Hangzhou: the worked example of domain.md §7. */
    public static final String EXAMPLE_USCC = "91330100799655058B";

    private ExampleEvents() {
    }

    /** The JSON form (as maps and lists) of an example event of {@code type}. */
    public static Map<String, Object> of(EventType type, UUID eventId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId.toString());
        event.put("eventType", type.name());
        event.put("uscc", EXAMPLE_USCC);
        event.put("enterpriseName", "阿里巴巴(中国)有限公司");
        event.put("regionCode", "330108");
        event.put("occurredAt", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.ofHours(8)).toString());
        event.put("visibility", "SHARED");
        event.put("docNo", "杭示例〔2025〕1号");
        event.put("legalBasis", "示例法律依据");
        event.put("payload", value(type.payloadSchema(), "payload"));
        return event;
    }

    private static Object value(Schema schema, String name) {
        LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case NULL -> null;
            case BOOLEAN -> false;
            case INT -> logical instanceof LogicalTypes.Date ? LocalDate.now().minusDays(1).toString() : 1;
            case LONG -> logical instanceof LogicalTypes.TimestampMillis
                    ? Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString() : 1L;
            case FLOAT, DOUBLE -> 1.5;
            case STRING -> logical != null && "uuid".equals(logical.getName()) ? UUID.randomUUID().toString() : "示例 " + name;
            case BYTES, FIXED -> logical instanceof LogicalTypes.Decimal ? "1000.00" : null;
            case ENUM -> schema.getEnumSymbols().get(0);
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                items.add(value(schema.getElementType(), name));
                yield items;
            }
            case MAP -> Map.of("key", value(schema.getValueType(), name));
            case RECORD -> {
                Map<String, Object> record = new LinkedHashMap<>();
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.name(), value(field.schema(), field.name()));
                }
                yield record;
            }
            case UNION -> value(schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
                    .orElseThrow(), name);
        };
    }
}
