package org.sharebus.consumers.visibility;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * An Avro record as plain JSON values: records become objects in field order, unions their value
 * (no branch wrapper, unlike Avro's JSON encoding), enums their symbol, dates and instants ISO-8601
 * strings, decimals numbers.
 */
public final class AvroJson {

    private AvroJson() {
    }

    public static Map<String, Object> of(IndexedRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            json.put(field.name(), value(record.get(field.pos())));
        }
        return json;
    }

    static Object value(Object value) {
        if (value instanceof IndexedRecord record) {
            return of(record);
        }
        if (value instanceof Collection<?> items) {
            List<Object> list = new ArrayList<>(items.size());
            items.forEach(item -> list.add(value(item)));
            return list;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof GenericEnumSymbol<?> symbol) {
            return symbol.toString();
        }
        if (value instanceof LocalDate || value instanceof Instant || value instanceof CharSequence) {
            return value.toString();
        }
        return value;
    }
}
