package org.sharebus.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharebus.topic.TopicCatalogue;

/** The conventions every department contract keeps, checked over the generated schemas. */
class EventContractTest {

    static Stream<Schema> departmentSchemas() {
        return TopicCatalogue.publishingDepartments().stream().map(department -> {
            try {
                return SpecificData.get().getSchema(Class.forName(TopicCatalogue.eventRecordName(department)));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("no generated class for " + department, e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("departmentSchemas")
    void shouldGiveEveryFieldADocAndADataClassWhenWalkingTheWholeSchema(Schema schema) {
        // given
        ContractWalk walk = new ContractWalk();

        // when
        walk.visit(schema, schema.getName());

        // then
        assertThat(walk.problems).isEmpty();
        assertThat(walk.fieldsChecked).isGreaterThan(schema.getField("header").schema().getFields().size());
    }

    static Stream<Schema> ownTopicSchemas() {
        return Stream.of(org.sharebus.notice.NoticeEvent.getClassSchema(), org.sharebus.inspection.InspectionEvent.getClassSchema(), org.sharebus.disclosure.DisclosureEvent.getClassSchema());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ownTopicSchemas")
    void shouldGiveEveryFieldOfSharebusOwnEventsADocAndADataClassWhenWalkingTheWholeSchema(Schema schema) {
        // given
        ContractWalk walk = new ContractWalk();

        // when
        walk.visit(schema, schema.getName());

        // then
        assertThat(walk.problems).isEmpty();
        assertThat(walk.fieldsChecked).isGreaterThan(schema.getFields().size());
    }

    @Test
    void shouldReportTheFieldWhenItHasNoDataClassOrAnUnknownOneOrNoDoc() {
        // given
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Broken", "doc": "A broken contract.", "fields": [
                  {"name": "inner", "dataClass": "SHARED", "doc": "Nested.", "type": {"type": "record", "name": "Inner",
                    "doc": "Inner record.", "fields": [
                      {"name": "noClass", "type": "string", "doc": "Has no data class."},
                      {"name": "oddClass", "type": "string", "dataClass": "SECRET", "doc": "Unknown class."},
                      {"name": "noDoc", "type": "string", "dataClass": "PUBLIC"}]}}]}
                """);
        ContractWalk walk = new ContractWalk();

        // when
        walk.visit(schema, "Broken");

        // then
        assertThat(walk.problems).containsExactly(
                "Broken.inner.noClass: field 'noClass' has no dataClass property",
                "Broken.inner.oddClass: dataClass 'SECRET' is not one of [PUBLIC, SHARED, INTERNAL, PERSONAL]",
                "Broken.inner.noDoc: no doc");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("departmentSchemas")
    void shouldGiveEveryPayloadBranchARequiredFieldNoOtherBranchHasWhenAClientPicksTheBranchByShape(Schema schema) {
        // given
        List<Schema> branches = schema.getField("payload").schema().getTypes();

        // when
        List<String> indistinct = new ArrayList<>();
        for (Schema branch : branches) {
            Set<String> own = branch.getFields().stream()
                    .filter(field -> !field.schema().isNullable() && !field.hasDefaultValue())
                    .map(Schema.Field::name)
                    .collect(Collectors.toCollection(HashSet::new));
            branches.stream().filter(other -> other != branch)
                    .forEach(other -> other.getFields().forEach(field -> own.remove(field.name())));
            if (own.isEmpty()) {
                indistinct.add(branch.getName());
            }
        }

        // then
        assertThat(branches).hasSizeGreaterThan(1);
        assertThat(indistinct).as("branches without a required field of their own").isEmpty();
    }

    @Test
    void shouldHaveAnExampleForEveryPayloadBranchWhenListingAllExamples() {
        // given
        Set<String> branches = departmentSchemas()
                .flatMap(schema -> schema.getField("payload").schema().getTypes().stream())
                .map(Schema::getFullName)
                .collect(Collectors.toCollection(TreeSet::new));

        // when
        Set<String> exemplified = EventExamples.all().stream()
                .map(example -> example.payload().getSchema().getFullName())
                .collect(Collectors.toCollection(TreeSet::new));

        // then
        assertThat(exemplified).isEqualTo(branches);
    }

    @Test
    void shouldNameThePayloadAndTheOwningDepartmentInTheHeaderWhenBuildingAnyExample() {
        for (EventExamples.Example example : EventExamples.all()) {
            // when
            var header = example.header();

            // then
            assertThat(header.getEventType()).as(example.name()).isEqualTo(example.payload().getSchema().getName());
            assertThat(TopicCatalogue.eventRecordName(header.getSourceDepartment()))
                    .as(example.name()).isEqualTo(example.event().getSchema().getFullName());
        }
    }

    /** Walks a schema once per named type and collects what breaks the conventions. */
    static final class ContractWalk {

        final List<String> problems = new ArrayList<>();
        final Set<String> visited = new HashSet<>();
        int fieldsChecked;

        void visit(Schema schema, String path) {
            switch (schema.getType()) {
                case RECORD -> {
                    if (!visited.add(schema.getFullName())) {
                        return;
                    }
                    requireDoc(schema.getDoc(), path);
                    for (Schema.Field field : schema.getFields()) {
                        String fieldPath = path + "." + field.name();
                        fieldsChecked++;
                        requireDoc(field.doc(), fieldPath);
                        requireDataClass(field, fieldPath);
                        visit(field.schema(), fieldPath);
                    }
                }
                case ENUM -> {
                    if (!visited.add(schema.getFullName())) {
                        return;
                    }
                    requireDoc(schema.getDoc(), path + " (enum " + schema.getName() + ")");
                    if (schema.getEnumDefault() == null) {
                        problems.add(path + ": enum " + schema.getName() + " has no default symbol, so it cannot grow");
                    }
                }
                case UNION -> schema.getTypes().forEach(branch -> visit(branch, path));
                case ARRAY -> visit(schema.getElementType(), path + "[]");
                case MAP -> visit(schema.getValueType(), path + "{}");
                default -> {
                    // primitives carry no doc of their own: the field's doc describes them
                }
            }
        }

        private void requireDoc(String doc, String path) {
            if (doc == null || doc.isBlank()) {
                problems.add(path + ": no doc");
            }
        }

        private void requireDataClass(Schema.Field field, String path) {
            try {
                DataClass.of(field);
            } catch (IllegalStateException e) {
                problems.add(path + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                problems.add(path + ": dataClass '" + field.getObjectProp(DataClass.PROPERTY) + "' is not one of "
                        + List.of(DataClass.values()));
            }
        }
    }
}
