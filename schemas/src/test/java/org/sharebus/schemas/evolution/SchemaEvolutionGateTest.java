package org.sharebus.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.market.MarketEvent;
import org.sharebus.schemas.evolution.SchemaEvolutionGate.IncompatibleSchemaException;
import org.sharebus.schemas.evolution.SchemaEvolutionGate.Release;

/**
 * The schema-evolution gate. The first test is the build's gate itself: it fails when a change to
 * a department schema cannot read what a released version wrote. The others break the contract on
 * purpose and show that the gate catches it and names the field.
 */
class SchemaEvolutionGateTest {

    private static final String CUSTOMS = "customs.events.v1-value";
    private static final String MARKET = "market.events.v1-value";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaHistory released = SchemaHistory.locate();

    @Test
    void shouldFindNothingWhenCheckingTheCurrentSchemasAgainstEveryReleasedVersion() {
        // given
        SchemaEvolutionGate gate = SchemaEvolutionGate.forTopics(released);

        // when
        List<Finding> findings = gate.check();

        // then
        assertThat(findings).isEmpty();
        assertThat(SchemaEvolutionGate.topicSchemas().keySet()).containsExactlyInAnyOrder(
                "commerce.events.v1-value", "credit.events.v1-value", CUSTOMS, MARKET, "tax.events.v1-value",
                "sharebus.notices.v1-value", "sharebus.inspections.v1-value", "sharebus.disclosures.v1-value");
        SchemaEvolutionGate.topicSchemas().keySet()
                .forEach(subject -> assertThat(released.versions(subject)).as(subject).startsWith(1));
    }

    @Test
    void shouldHaveReleasedEveryTopicsCurrentSchemaWhenTheSchemasChanged() {
        // The latest released version is what a department's developer is told to register or read
        // offline (docs/connecting-a-department.md); a change left unreleased (a doc, a property) is
        // one the registry would assign a new id to, and the history would not show.
        SchemaEvolutionGate.topicSchemas().forEach((subject, current) -> {
            List<Integer> versions = released.versions(subject);
            assertThat(released.read(subject, versions.get(versions.size() - 1)).toString())
                    .as(subject + ": changed since v" + versions.size() + "; run SchemaEvolutionGate release").isEqualTo(current.toString());
        });
    }

    @Test
    void shouldNameTheFieldWhenAFieldIsAddedWithoutADefault() {
        // given
        Schema broken = customs(schema -> fields(branch(schema, "CustomsPenaltyDecided")).add(JSON.createObjectNode()
                .put("name", "seizedGoodsValue").put("type", "string").put("dataClass", "PUBLIC").put("doc", "New.")));

        // when
        List<Finding> findings = check(CUSTOMS, broken);

        // then
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.subject()).isEqualTo(CUSTOMS);
            assertThat(finding.version()).isEqualTo(1);
            assertThat(finding.location()).isEqualTo("payload[CustomsPenaltyDecided].seizedGoodsValue");
            assertThat(finding.problem()).startsWith("READER_FIELD_MISSING_DEFAULT_VALUE: seizedGoodsValue");
        });
    }

    @Test
    void shouldNameTheEnumAndSymbolWhenASymbolIsRemovedFromAnEnumWithoutDefault() {
        // given
        Schema broken = customs(schema -> {
            ObjectNode caseType = (ObjectNode) field(branch(schema, "CustomsPenaltyDecided"), "caseType").get("type");
            caseType.remove("default");
            caseType.set("symbols", JSON.createArrayNode().add("REGULATORY_VIOLATION").add("OTHER"));
        });

        // when
        List<Finding> findings = check(CUSTOMS, broken);

        // then
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.location()).isEqualTo("payload[CustomsPenaltyDecided].caseType");
            assertThat(finding.problem()).startsWith("MISSING_ENUM_SYMBOLS: [SMUGGLING]");
        });
    }

    @Test
    void shouldNameEveryUseOfTheEnumWhenItSitsInANullableUnion() {
        // given
        Schema broken = customs(schema -> {
            ObjectNode creditClass = (ObjectNode) field(branch(schema, "CustomsCreditClassChanged"), "oldClass").get("type").get(1);
            creditClass.remove("default");
            ((ArrayNode) creditClass.get("symbols")).remove(3);
        });

        // when
        List<Finding> findings = check(CUSTOMS, broken);

        // then
        assertThat(findings).extracting(Finding::location).containsExactly(
                "payload[CustomsCreditClassChanged].oldClass[CustomsCreditClass]",
                "payload[CustomsCreditClassChanged].newClass");
        assertThat(findings).allSatisfy(finding -> assertThat(finding.problem()).contains("[DISHONEST]"));
    }

    @Test
    void shouldNameTheBranchWhenAUnionBranchIsRemoved() {
        // given
        Schema broken = customs(schema -> ((ArrayNode) field(schema, "payload").get("type")).remove(0));

        // when
        List<Finding> findings = check(CUSTOMS, broken);

        // then
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.location()).isEqualTo("payload");
            assertThat(finding.problem()).isEqualTo("MISSING_UNION_BRANCH: union branch "
                    + "org.sharebus.event.customs.CustomsFilingRegistered was removed (union branches are never removed)");
        });
    }

    @Test
    void shouldNameTheFieldWhenItsTypeChanges() {
        // given: money as double, the mistake the team's schemas forbid
        Schema broken = customs(schema -> field(branch(schema, "CustomsPenaltyDecided"), "amount").put("type", "double"));

        // when
        List<Finding> findings = check(CUSTOMS, broken);

        // then
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.location()).isEqualTo("payload[CustomsPenaltyDecided].amount");
            assertThat(finding.problem()).startsWith("TYPE_MISMATCH: reader type: DOUBLE not compatible with writer type: BYTES");
        });
        assertThat(findings.get(0).toString()).isEqualTo("customs.events.v1-value v1 at payload[CustomsPenaltyDecided].amount: "
                + findings.get(0).problem());
    }

    @Test
    void shouldNameTheFieldWhenADecimalsScaleChangesThoughAvroItselfAcceptsIt() {
        // given: the fine's amount with four decimals instead of two (still bytes: Avro's own check sees no change)
        Schema broken = customs(schema -> ((ObjectNode) field(branch(schema, "CustomsPenaltyDecided"), "amount").get("type"))
                .put("scale", 4));

        // when
        List<Finding> findings = check(CUSTOMS, broken);

        // then every fine already written would read a hundred times smaller: refused, naming the field
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.location()).isEqualTo("payload[CustomsPenaltyDecided].amount");
            assertThat(finding.problem()).isEqualTo("LOGICAL_TYPE_MISMATCH: written as bytes decimal(18,2), read as bytes decimal(18,4)"
                    + " (a decimal's scale never changes: the same digits would read as another amount)");
        });
    }

    @Test
    void shouldNameTheFieldWhenAnOptionalFieldBecomesRequired() {
        // given
        Schema broken = customs(schema -> {
            ObjectNode person = field(branch(schema, "CustomsPenaltyDecided"), "responsiblePerson");
            person.put("type", "string");
            person.remove("default");
        });

        // when
        List<Finding> findings = check(CUSTOMS, broken);

        // then
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.location()).isEqualTo("payload[CustomsPenaltyDecided].responsiblePerson");
            assertThat(finding.problem()).startsWith("TYPE_MISMATCH: reader type: STRING not compatible with writer type: NULL");
        });
    }

    @Test
    void shouldNameTheHeaderFieldWhenTheEnvelopeChanges() {
        // given
        Schema broken = market(schema -> fields((ObjectNode) field(schema, "header").get("type")).add(JSON.createObjectNode()
                .put("name", "signature").put("type", "bytes").put("dataClass", "SHARED").put("doc", "New.")));

        // when
        List<Finding> findings = check(MARKET, broken);

        // then
        assertThat(findings).extracting(Finding::location).containsOnly("header.signature");
    }

    @Test
    void shouldNameTheArrayItemFieldWhenARecordInsideAnArrayChanges() {
        // given
        Schema broken = market(schema -> {
            ObjectNode changeItem = (ObjectNode) field(branch(schema, "EnterpriseChanged"), "changeItems").get("type").get("items");
            fields(changeItem).add(JSON.createObjectNode()
                    .put("name", "itemCode").put("type", "int").put("dataClass", "PUBLIC").put("doc", "New."));
        });

        // when
        List<Finding> findings = check(MARKET, broken);

        // then
        assertThat(findings).extracting(Finding::location).containsOnly("payload[EnterpriseChanged].changeItems[].itemCode");
    }

    @Test
    void shouldAcceptTheChangeWhenABranchAndADefaultedFieldAreAdded() {
        // given
        Schema evolved = customs(schema -> {
            fields(branch(schema, "CustomsPenaltyDecided")).add(JSON.createObjectNode()
                    .put("name", "seizedGoodsValue").put("type", "string").put("default", "")
                    .put("dataClass", "PUBLIC").put("doc", "New."));
            ((ArrayNode) field(schema, "payload").get("type")).add(newBranch("CustomsAuditConcluded"));
        });

        // when
        List<Finding> findings = check(CUSTOMS, evolved);

        // then
        assertThat(findings).isEmpty();
    }

    @Test
    void shouldAcceptARemovedSymbolWhenTheEnumHasADefault() {
        // given: Avro reads the removed symbol as the default; the team's rule (never remove) is for review
        Schema evolved = customs(schema -> ((ObjectNode) field(branch(schema, "CustomsPenaltyDecided"), "caseType").get("type"))
                .set("symbols", JSON.createArrayNode().add("REGULATORY_VIOLATION").add("OTHER")));

        // when
        List<Finding> findings = check(CUSTOMS, evolved);

        // then
        assertThat(findings).isEmpty();
    }

    @Test
    void shouldFailAgainstTheOlderVersionOnlyWhenOnlyItCannotBeRead(@TempDir Path dir) throws IOException {
        // given: v2 added a defaulted field, the current schema drops its default
        Schema v2 = customs(schema -> fields(branch(schema, "CustomsPenaltyDecided")).add(JSON.createObjectNode()
                .put("name", "seizedGoodsValue").put("type", "string").put("default", "")
                .put("dataClass", "PUBLIC").put("doc", "New.")));
        Schema current = customs(schema -> fields(branch(schema, "CustomsPenaltyDecided")).add(JSON.createObjectNode()
                .put("name", "seizedGoodsValue").put("type", "string").put("dataClass", "PUBLIC").put("doc", "New.")));
        SchemaHistory history = new SchemaHistory(dir);
        history.write(CUSTOMS, 1, CustomsEvent.getClassSchema());
        history.write(CUSTOMS, 2, v2);

        // when
        List<Finding> findings = new SchemaEvolutionGate(history, Map.of(CUSTOMS, current)).check();

        // then
        assertThat(findings).extracting(Finding::version, Finding::location)
                .containsExactly(tuple(1, "payload[CustomsPenaltyDecided].seizedGoodsValue"));
    }

    @Test
    void shouldWriteTheNextVersionWhenReleasingACompatibleChange(@TempDir Path dir) {
        // given
        SchemaHistory history = new SchemaHistory(dir);
        history.write(CUSTOMS, 1, CustomsEvent.getClassSchema());
        Schema evolved = customs(schema -> ((ArrayNode) field(schema, "payload").get("type")).add(newBranch("CustomsAuditConcluded")));
        SchemaEvolutionGate gate = new SchemaEvolutionGate(history, Map.of(CUSTOMS, evolved));

        // when
        List<Release> first = gate.release();
        List<Release> second = gate.release();

        // then
        assertThat(first).containsExactly(new Release(CUSTOMS, 2, dir.resolve(CUSTOMS).resolve("v2.avsc")));
        assertThat(history.read(CUSTOMS, 2)).isEqualTo(evolved);
        assertThat(history.read(CUSTOMS, 2).toString()).isEqualTo(evolved.toString());
        assertThat(second).isEmpty();
        assertThat(history.versions(CUSTOMS)).containsExactly(1, 2);
    }

    @Test
    void shouldReleaseVersionOneWhenASubjectWasNeverReleased(@TempDir Path dir) {
        // given
        SchemaHistory history = new SchemaHistory(dir);
        SchemaEvolutionGate gate = new SchemaEvolutionGate(history, Map.of(CUSTOMS, CustomsEvent.getClassSchema()));

        // when
        List<Finding> before = gate.check();
        List<Release> releases = gate.release();

        // then
        assertThat(before).singleElement().satisfies(finding ->
                assertThat(finding.problem()).isEqualTo("no released version: run SchemaEvolutionGate release"));
        assertThat(releases).extracting(Release::version).containsExactly(1);
        assertThat(gate.check()).isEmpty();
    }

    @Test
    void shouldWriteNothingWhenReleasingAnIncompatibleChange(@TempDir Path dir) {
        // given
        SchemaHistory history = new SchemaHistory(dir);
        history.write(CUSTOMS, 1, CustomsEvent.getClassSchema());
        history.write(MARKET, 1, MarketEvent.getClassSchema());
        Schema broken = customs(schema -> field(branch(schema, "CustomsPenaltyDecided"), "amount").put("type", "double"));
        Schema evolved = market(schema -> ((ArrayNode) field(schema, "payload").get("type")).add(newBranch("LicenceGranted")));
        SchemaEvolutionGate gate = new SchemaEvolutionGate(history, Map.of(CUSTOMS, broken, MARKET, evolved));

        // when / then
        assertThatThrownBy(gate::release)
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("customs.events.v1-value v1 at payload[CustomsPenaltyDecided].amount: TYPE_MISMATCH");
        assertThat(history.versions(CUSTOMS)).containsExactly(1);
        assertThat(history.versions(MARKET)).containsExactly(1);
    }

    @Test
    void shouldReportTheGapWhenAReleasedVersionIsMissing(@TempDir Path dir) {
        // given
        SchemaHistory history = new SchemaHistory(dir);
        history.write(CUSTOMS, 1, CustomsEvent.getClassSchema());
        history.write(CUSTOMS, 3, CustomsEvent.getClassSchema());

        // when
        List<Finding> findings = new SchemaEvolutionGate(history, Map.of(CUSTOMS, CustomsEvent.getClassSchema())).check();

        // then
        assertThat(findings).singleElement().satisfies(finding ->
                assertThat(finding.problem()).isEqualTo("released versions must be v1 to v2 without gaps, found [1, 3]"));
    }

    @Test
    void shouldNameTheFileWhenAReleasedVersionIsNotAValidSchema(@TempDir Path dir) throws IOException {
        // given
        Files.createDirectories(dir.resolve(CUSTOMS));
        Files.writeString(dir.resolve(CUSTOMS).resolve("v1.avsc"), "{\"type\": \"record\"");
        SchemaEvolutionGate gate = new SchemaEvolutionGate(new SchemaHistory(dir), Map.of(CUSTOMS, CustomsEvent.getClassSchema()));

        // when / then
        assertThatThrownBy(gate::check)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(dir.resolve(CUSTOMS).resolve("v1.avsc") + " is not a valid Avro schema");
    }

    @Test
    void shouldNeverOverwriteAReleasedVersion(@TempDir Path dir) {
        // given
        SchemaHistory history = new SchemaHistory(dir);
        history.write(CUSTOMS, 1, CustomsEvent.getClassSchema());

        // when / then
        assertThatThrownBy(() -> history.write(CUSTOMS, 1, CustomsEvent.getClassSchema()))
                .hasMessageEndingWith("v1.avsc exists: a released version is never rewritten");
    }

    @Test
    void shouldExitWithZeroWhenTheCommandLineChecksTheReleasedHistory() {
        // given
        Output output = new Output();

        // when
        int status = SchemaEvolutionGate.run(new String[] {"check", released.root().toString()}, output.out, output.err);

        // then
        assertThat(status).isZero();
        assertThat(output.out()).startsWith("8 subjects compatible with every released version in ");
        assertThat(output.err()).isEmpty();
    }

    @Test
    void shouldExitWithOneAndPrintTheFindingWhenTheCommandLineFindsABranchRemoved(@TempDir Path dir) {
        // given: released v1 of customs had a branch the current schema lacks
        SchemaHistory history = new SchemaHistory(dir);
        SchemaEvolutionGate.topicSchemas().forEach((subject, schema) -> history.write(subject, 1,
                subject.equals(CUSTOMS) ? customs(json -> ((ArrayNode) field(json, "payload").get("type"))
                        .add(newBranch("CustomsAuditConcluded"))) : schema));
        Output output = new Output();

        // when
        int status = SchemaEvolutionGate.run(new String[] {"check", dir.toString()}, output.out, output.err);

        // then
        assertThat(status).isEqualTo(1);
        assertThat(output.err()).isEqualTo("1 schema evolution finding(s):\n  customs.events.v1-value v1 at payload: "
                + "MISSING_UNION_BRANCH: union branch org.sharebus.event.customs.CustomsAuditConcluded was removed "
                + "(union branches are never removed)\n");
    }

    @Test
    void shouldReleaseEveryDepartmentTopicWhenTheCommandLineReleasesIntoAnEmptyHistory(@TempDir Path dir) {
        // given
        Output output = new Output();

        // when
        int status = SchemaEvolutionGate.run(new String[] {"release", dir.toString()}, output.out, output.err);

        // then
        assertThat(status).isZero();
        assertThat(output.out()).contains("released customs.events.v1-value v1 as " + dir.resolve(CUSTOMS).resolve("v1.avsc"));
        assertThat(new SchemaHistory(dir).read(CUSTOMS, 1)).isEqualTo(CustomsEvent.getClassSchema());
        assertThat(new SchemaHistory(dir).versions(MARKET)).containsExactly(1);
        assertThat(new SchemaHistory(dir).versions("sharebus.inspections.v1-value")).containsExactly(1);
    }

    @Test
    void shouldPrintUsageWhenTheCommandIsUnknown() {
        // given
        Output output = new Output();

        // when
        int status = SchemaEvolutionGate.run(new String[] {"publish"}, output.out, output.err);

        // then
        assertThat(status).isEqualTo(2);
        assertThat(output.err()).startsWith("usage: SchemaEvolutionGate [check|release] [history directory]");
    }

    /** Captures what the command line prints. */
    private static final class Output {
        private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

        String out() {
            return outBytes.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }
    }

    private List<Finding> check(String subject, Schema current) {
        return new SchemaEvolutionGate(released, Map.of(subject, current)).check();
    }

    private static Schema customs(Consumer<ObjectNode> change) {
        return edit(CustomsEvent.getClassSchema(), change);
    }

    private static Schema market(Consumer<ObjectNode> change) {
        return edit(MarketEvent.getClassSchema(), change);
    }

    private static Schema edit(Schema schema, Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
            change.accept(json);
            return new Schema.Parser().parse(json.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode field(ObjectNode record, String name) {
        for (JsonNode field : record.get("fields")) {
            if (field.get("name").asText().equals(name)) {
                return (ObjectNode) field;
            }
        }
        throw new IllegalArgumentException("no field " + name + " in " + record.get("name"));
    }

    private static ArrayNode fields(ObjectNode record) {
        return (ArrayNode) record.get("fields");
    }

    private static ObjectNode branch(ObjectNode envelope, String name) {
        for (JsonNode branch : field(envelope, "payload").get("type")) {
            if (branch.isObject() && branch.get("name").asText().equals(name)) {
                return (ObjectNode) branch;
            }
        }
        throw new IllegalArgumentException("no payload branch " + name);
    }

    private static ObjectNode newBranch(String name) {
        ObjectNode branch = JSON.createObjectNode().put("type", "record").put("name", name).put("doc", "New event.");
        branch.putArray("fields").add(JSON.createObjectNode()
                .put("name", "concludedOn").put("type", "string").put("dataClass", "PUBLIC").put("doc", "New."));
        return branch;
    }
}
