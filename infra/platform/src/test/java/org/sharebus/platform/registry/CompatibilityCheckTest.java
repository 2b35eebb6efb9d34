package org.sharebus.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The rules of each level and the words of each problem, without a broker. */
class CompatibilityCheckTest {

    private static final Schema WITH_COUNT_INT = parse("""
            {"type":"record","name":"Tally","fields":[{"name":"count","type":"int"}]}""");
    private static final Schema WITHOUT_COUNT = parse("""
            {"type":"record","name":"Tally","fields":[]}""");
    private static final Schema WITH_COUNT_STRING_DEFAULTED = parse("""
            {"type":"record","name":"Tally","fields":[{"name":"count","type":"string","default":""}]}""");

    @Test
    void shouldFindNothingWhenTheLevelIsNone() {
        // when
        List<String> problems = CompatibilityCheck.problems(CompatibilityLevel.NONE, WITH_COUNT_STRING_DEFAULTED,
                versions(WITHOUT_COUNT, WITH_COUNT_INT));

        // then
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldCheckOnlyTheLatestVersionWhenTheLevelIsNotTransitive() {
        // given: version 1 has count as int, version 2 dropped it
        List<SchemaVersion> history = versions(WITH_COUNT_INT, WITHOUT_COUNT);

        // when: count comes back as a string
        List<String> backward = CompatibilityCheck.problems(CompatibilityLevel.BACKWARD, WITH_COUNT_STRING_DEFAULTED, history);
        List<String> transitive = CompatibilityCheck.problems(CompatibilityLevel.BACKWARD_TRANSITIVE, WITH_COUNT_STRING_DEFAULTED, history);

        // then
        assertThat(backward).isEmpty();
        assertThat(transitive).containsExactly("TYPE_MISMATCH at /fields/0/type (field 'count'): reader type: STRING not "
                + "compatible with writer type: INT, new schema reading data written with version 1");
    }

    @Test
    void shouldCheckBothDirectionsWhenTheLevelIsFull() {
        // when
        List<String> problems = CompatibilityCheck.problems(CompatibilityLevel.FULL, WITH_COUNT_INT, versions(WITHOUT_COUNT));

        // then: only the backward direction fails: the old schema ignores the new field
        assertThat(problems).containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/0 (field 'count'), "
                + "new schema reading data written with version 1");
        assertThat(CompatibilityCheck.problems(CompatibilityLevel.FULL, WITHOUT_COUNT, versions(WITH_COUNT_INT)))
                .containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/0 (field 'count'), "
                        + "version 1 reading data written with the new schema");
    }

    @Test
    void shouldNameTheNestedFieldWhenTheProblemIsInsideAUnion() {
        // given: the payload is a union; inside it the amount changed type
        Schema old = parse("""
                {"type":"record","name":"Envelope","fields":[
                  {"name":"eventId","type":"string"},
                  {"name":"payload","type":["null",{"type":"record","name":"Penalty","fields":[{"name":"amount","type":"int"}]}]}]}""");
        Schema changed = parse("""
                {"type":"record","name":"Envelope","fields":[
                  {"name":"eventId","type":"string"},
                  {"name":"payload","type":{"type":"record","name":"Penalty","fields":[{"name":"amount","type":"string"}]}}]}""");

        // when
        List<String> problems = CompatibilityCheck.problems(CompatibilityLevel.BACKWARD, changed, versions(old));

        // then
        assertThat(problems).containsExactly(
                "TYPE_MISMATCH at /fields/1/type/0 (field 'payload'): reader type: RECORD not compatible with writer type: NULL, "
                        + "new schema reading data written with version 1",
                "TYPE_MISMATCH at /fields/1/type/1/fields/0/type (field 'payload.amount'): reader type: STRING not compatible "
                        + "with writer type: INT, new schema reading data written with version 1");
    }

    @Test
    void shouldNameTheSymbolsWhenAnEnumLosesThem() {
        // given
        Schema old = parse("""
                {"type":"record","name":"Inspection","fields":[{"name":"result","type":{"type":"enum","name":"Result","symbols":["PASSED","FAILED","PENDING"]}}]}""");
        Schema fewer = parse("""
                {"type":"record","name":"Inspection","fields":[{"name":"result","type":{"type":"enum","name":"Result","symbols":["PASSED","FAILED"]}}]}""");

        // when
        List<String> problems = CompatibilityCheck.problems(CompatibilityLevel.BACKWARD, fewer, versions(old));

        // then
        assertThat(problems).containsExactly("MISSING_ENUM_SYMBOLS at /fields/0/type/symbols (field 'result'): [PENDING], "
                + "new schema reading data written with version 1");
    }

    @Test
    void shouldNameTheFieldInBothDirectionsWhenADecimalsScaleChanges() {
        // given amounts with two decimals, then four: Avro's own check sees two byte strings
        Schema two = parse("""
                {"type":"record","name":"Fine","fields":[{"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":2}}]}""");
        Schema four = parse("""
                {"type":"record","name":"Fine","fields":[{"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":4}}]}""");

        // when
        List<String> problems = CompatibilityCheck.problems(CompatibilityLevel.FULL, four, versions(two));

        // then
        assertThat(problems).containsExactly(
                "LOGICAL_TYPE_MISMATCH at amount: written as bytes decimal(18,2), read as bytes decimal(18,4) (a decimal's scale never"
                        + " changes: the same digits would read as another amount), new schema reading data written with version 1",
                "LOGICAL_TYPE_MISMATCH at amount: written as bytes decimal(18,4), read as bytes decimal(18,2) (a decimal's scale never"
                        + " changes: the same digits would read as another amount), version 1 reading data written with the new schema");
    }

    /** The subject's history, oldest given first, handed over newest first as the registry does. */
    private static List<SchemaVersion> versions(Schema... oldestFirst) {
        List<SchemaVersion> versions = new java.util.ArrayList<>();
        for (int i = oldestFirst.length - 1; i >= 0; i--) {
            versions.add(new SchemaVersion("tally-value", i + 1, i + 1, oldestFirst[i].toString(), false));
        }
        return versions;
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
