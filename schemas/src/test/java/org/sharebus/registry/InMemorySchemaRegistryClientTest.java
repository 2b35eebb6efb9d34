package org.sharebus.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.sharebus.event.customs.CustomsEvent;

class InMemorySchemaRegistryClientTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldGiveIdsFromOneAndTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
        // given
        Schema fine = record("Fine", "{\"name\": \"amount\", \"type\": \"long\"}");

        // when
        int first = registry.register("fines-value", fine);
        int again = registry.register("fines-value", new Schema.Parser().parse(fine.toString()));

        // then
        assertThat(first).isEqualTo(1);
        assertThat(again).isEqualTo(1);
        assertThat(registry.getLatest("fines-value")).isEqualTo(new RegisteredSchema("fines-value", 1, 1, fine));
    }

    @Test
    void shouldShareTheIdWhenTheSameSchemaIsRegisteredUnderAnotherSubject() {
        // given
        int id = registry.register("customs.events.v1-value", CustomsEvent.getClassSchema());

        // when
        int other = registry.register("customs.events.v1.DLT-value", CustomsEvent.getClassSchema());

        // then
        assertThat(other).isEqualTo(id);
        assertThat(registry.subjects()).containsExactly("customs.events.v1-value", "customs.events.v1.DLT-value");
    }

    @Test
    void shouldGiveDifferentIdsWhenDecimalsDifferOnlyInScale() {
        // given
        registry.setCompatibility(null, Compatibility.NONE);
        Schema yuan = record("Fine", "{\"name\": \"amount\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 18, \"scale\": 2}}");
        Schema fen = record("Fine", "{\"name\": \"amount\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 18, \"scale\": 0}}");

        // when
        int yuanId = registry.register("fines-value", yuan);
        int fenId = registry.register("fines-value", fen);

        // then
        assertThat(fenId).isNotEqualTo(yuanId);
        assertThat(registry.getById(fenId).getField("amount").schema().getObjectProp("scale")).isEqualTo(0);
        assertThat(registry.getById(yuanId).getField("amount").schema().getObjectProp("scale")).isEqualTo(2);
    }

    @Test
    void shouldRejectWith409WhenANewFieldHasNoDefault() {
        // given
        registry.register("fines-value", record("Fine", "{\"name\": \"amount\", \"type\": \"long\"}"));
        Schema withRequiredField = record("Fine", "{\"name\": \"amount\", \"type\": \"long\"}, {\"name\": \"decisionNo\", \"type\": \"string\"}");

        // when / then
        assertThatThrownBy(() -> registry.register("fines-value", withRequiredField))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessageStartingWith("in-memory schema registry: schema is incompatible with subject 'fines-value'"
                        + " at level BACKWARD_TRANSITIVE (409): the new schema cannot read data written with version 1:"
                        + " READER_FIELD_MISSING_DEFAULT_VALUE")
                .hasMessageContaining("decisionNo");
        assertThat(registry.isCompatible("fines-value", withRequiredField)).isFalse();
        assertThat(registry.getLatest("fines-value").version()).isEqualTo(1);
    }

    @Test
    void shouldCheckEveryEarlierVersionWhenLevelIsTransitive() {
        // given: version 3 reads version 2 but not version 1 (int cannot become string)
        registry.setCompatibility("fines-value", Compatibility.BACKWARD);
        registry.register("fines-value", record("Fine", "{\"name\": \"amount\", \"type\": \"int\"}"));
        registry.register("fines-value", record("Fine", ""));
        Schema third = record("Fine", "{\"name\": \"amount\", \"type\": \"string\", \"default\": \"\"}");
        assertThat(registry.isCompatible("fines-value", third)).isTrue();

        // when
        registry.setCompatibility("fines-value", Compatibility.BACKWARD_TRANSITIVE);

        // then
        assertThat(registry.isCompatible("fines-value", third)).isFalse();
        assertThatThrownBy(() -> registry.register("fines-value", third))
                .hasMessageContaining("cannot read data written with version 1");
    }

    @Test
    void shouldCheckTheOtherDirectionWhenLevelIsForward() {
        // given: removing a field without default breaks old readers, not new ones
        registry.setCompatibility("fines-value", Compatibility.FORWARD);
        registry.register("fines-value", record("Fine", "{\"name\": \"amount\", \"type\": \"long\"}"));
        Schema withoutAmount = record("Fine", "");

        // when / then
        assertThatThrownBy(() -> registry.register("fines-value", withoutAmount))
                .hasMessageContaining("version 1 cannot read data written with the new schema");
        assertThat(Compatibility.BACKWARD.incompatibilities(withoutAmount, java.util.List.of(
                record("Fine", "{\"name\": \"amount\", \"type\": \"long\"}")))).isEmpty();
    }

    @Test
    void shouldRefuseADecimalWhoseScaleChangedWhenAvroItselfWouldAcceptIt() {
        // given fines registered with two decimals
        registry.register("fines-value", record("Fine",
                "{\"name\": \"amount\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 18, \"scale\": 2}}"));

        // when / then: four decimals would read every fine a hundred times smaller
        assertThatThrownBy(() -> registry.register("fines-value", record("Fine",
                "{\"name\": \"amount\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 18, \"scale\": 4}}")))
                .hasMessageContaining("the new schema cannot read data written with version 1: LOGICAL_TYPE_MISMATCH at amount:"
                        + " written as bytes decimal(18,2), read as bytes decimal(18,4)");
    }

    @Test
    void shouldDefaultToBackwardTransitiveAndKeepSubjectLevelsApart() {
        // when
        registry.setCompatibility("fines-value", Compatibility.NONE);

        // then
        assertThat(registry.getCompatibility(null)).isEqualTo(Compatibility.BACKWARD_TRANSITIVE);
        assertThat(registry.getCompatibility("fines-value")).isEqualTo(Compatibility.NONE);
        assertThat(registry.getCompatibility("other-value")).isEqualTo(Compatibility.BACKWARD_TRANSITIVE);
    }

    @Test
    void shouldAnswer40401WhenSubjectIsUnknown() {
        // when / then
        assertThatThrownBy(() -> registry.getLatest("x-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40401);
                })
                .hasMessage("in-memory schema registry: subject 'x-value' not found (40401)");
    }

    @Test
    void shouldAnswer40403WhenIdIsUnknown() {
        // when / then
        assertThatThrownBy(() -> registry.getById(7))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403))
                .hasMessage("in-memory schema registry: schema id 7 not found (40403)");
    }

    @Test
    void shouldAcceptAnySchemaWhenSubjectDoesNotExist() {
        // when / then
        assertThat(registry.isCompatible("new-value", CustomsEvent.getClassSchema())).isTrue();
        assertThat(registry.subjects()).isEmpty();
    }

    private static Schema record(String name, String fields) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"" + name + "\", \"namespace\": \"test\","
                + " \"fields\": [" + fields + "]}");
    }
}
