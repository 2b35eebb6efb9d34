package org.sharebus.seeds.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificRecord;
import org.sharebus.event.common.EventHeader;
import org.sharebus.seeds.generate.SeedEvent;

/**
 * The JSON form of an event as the gateway's batch API takes it (issue 3): the envelope's fields
 * at the top ({@code eventId}, {@code eventType}, {@code uscc}, {@code enterpriseName},
 * {@code occurredAt}, {@code regionCode}, …) and the payload's own fields, camelCase as in the
 * Avro schema, under {@code payload}. Dates are ISO-8601 dates, instants ISO-8601 with the
 * Hangzhou offset, money a decimal string with its two places, enums their symbol. Null fields
 * are left out. {@code sourceDepartment} and {@code publishedAt} are the gateway's to set.
 */
public final class GatewayJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ZoneOffset HANGZHOU = ZoneOffset.ofHours(8);
    private static final Set<String> SET_BY_GATEWAY = Set.of("sourceDepartment", "publishedAt");

    private GatewayJson() {
    }

    public static ObjectNode of(SeedEvent event) {
        EventHeader header = event.header();
        ObjectNode json = NODES.objectNode();
        for (Schema.Field field : header.getSchema().getFields()) {
            if (!SET_BY_GATEWAY.contains(field.name())) {
                put(json, field.name(), header.get(field.pos()));
            }
        }
        json.set("payload", record(event.payload()));
        return json;
    }

    private static ObjectNode record(SpecificRecord record) {
        ObjectNode json = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            put(json, field.name(), record.get(field.pos()));
        }
        return json;
    }

    private static void put(ObjectNode json, String name, Object value) {
        if (value != null) {
            json.set(name, value(value));
        }
    }

    private static JsonNode value(Object value) {
        if (value instanceof SpecificRecord record) {
            return record(record);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(value(item)));
            return array;
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(HANGZHOU)));
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.textNode(decimal.toPlainString());
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof LocalDate || value instanceof UUID || value instanceof CharSequence
                || value instanceof Enum<?> || value instanceof GenericEnumSymbol<?>) {
            return NODES.textNode(value.toString());
        }
        throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName() + ": " + value);
    }
}
