package org.sharebus.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/** The logical-type changes Avro's own check lets through, each found where Avro's resolution would read it. */
class LogicalTypeCheckTest {

    @Test
    void shouldRefuseADecimalWhoseScaleChangedWhenAvroItselfAcceptsIt() {
        // given a fine's amount with two decimals, then four
        Schema written = fine("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":2}");
        Schema read = fine("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4}");

        // when
        List<LogicalTypeCheck.Change> changes = LogicalTypeCheck.changes(read, written);

        // then Avro sees two byte strings, and this names the field and the two decimals
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(read, written).getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(changes).extracting(LogicalTypeCheck.Change::toString).containsExactly("LOGICAL_TYPE_MISMATCH at payload[Fine].amount:"
                + " written as bytes decimal(18,2), read as bytes decimal(18,4) (a decimal's scale never changes: the same digits would"
                + " read as another amount)");
    }

    @Test
    void shouldAcceptAGrownPrecisionButNotAShrunkOneWhenTheScaleStays() {
        // given
        Schema narrow = fine("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":12,\"scale\":2}");
        Schema wide = fine("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":2}");

        // then
        assertThat(LogicalTypeCheck.changes(wide, narrow)).isEmpty();
        assertThat(LogicalTypeCheck.changes(narrow, wide)).singleElement()
                .satisfies(change -> assertThat(change.detail()).endsWith("(a decimal's precision may grow, never shrink)"));
    }

    @Test
    void shouldRefuseATimestampReadInOtherUnitsOrALogicalTypeDroppedWhenInsideAnArrayOrAMap() {
        // given times in an array and a map
        Schema millis = record("[{\"name\":\"times\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}}},"
                + "{\"name\":\"byDay\",\"type\":{\"type\":\"map\",\"values\":{\"type\":\"int\",\"logicalType\":\"date\"}}}]");
        Schema changed = record("[{\"name\":\"times\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}}},"
                + "{\"name\":\"byDay\",\"type\":{\"type\":\"map\",\"values\":\"int\"}}]");

        // then
        assertThat(LogicalTypeCheck.changes(changed, millis)).extracting(LogicalTypeCheck.Change::path, LogicalTypeCheck.Change::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("times[]", "written as long timestamp-millis, read as long timestamp-micros"
                                + " (a logical type is never added, removed or changed: the same value would mean something else)"),
                        org.assertj.core.groups.Tuple.tuple("byDay{}", "written as int date, read as plain int"
                                + " (a logical type is never added, removed or changed: the same value would mean something else)"));
    }

    @Test
    void shouldRefuseADateReadAsATimestampWhenAUnionTakesItByPromotion() {
        // given days since 1970 written as an int, read by a nullable union of long milliseconds
        Schema written = record("[{\"name\":\"on\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}}]");
        Schema read = record("[{\"name\":\"on\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null}]");

        // then Avro promotes int to long and sees no problem; the days would read as milliseconds
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(read, written).getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(LogicalTypeCheck.changes(read, written)).singleElement()
                .satisfies(change -> assertThat(change.detail()).startsWith("written as int date, read as long timestamp-millis"));
    }

    @Test
    void shouldFindNothingAndEndWhenTheSchemasAreTheSameAndRecursive() {
        // given a record that holds itself
        Schema node = new Schema.Parser().parse("""
                {"type":"record","name":"Node","fields":[{"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
                 {"name":"next","type":["null","Node"],"default":null}]}""");

        // then
        assertThat(LogicalTypeCheck.changes(node, new Schema.Parser().parse(node.toString()))).isEmpty();
    }

    /** An envelope whose payload is a nullable union holding one record, Fine, with the given amount type. */
    private static Schema fine(String amountType) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Envelope\",\"fields\":[{\"name\":\"payload\",\"type\":[\"null\","
                + "{\"type\":\"record\",\"name\":\"Fine\",\"fields\":[{\"name\":\"amount\",\"type\":" + amountType + "}]}]}]}");
    }

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Times\",\"fields\":" + fields + "}");
    }
}
