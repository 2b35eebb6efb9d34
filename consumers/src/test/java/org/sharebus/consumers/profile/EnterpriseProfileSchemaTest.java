package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.sharebus.event.DataClass;
import org.sharebus.profile.EnterpriseProfile;

/** The profile schema keeps the contract's conventions: a doc and a data class on every field, defaults on enums. */
class EnterpriseProfileSchemaTest {

    @Test
    void shouldDocumentAndClassifyEveryFieldWhenProfileSchemaIsWalked() {
        // given
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();

        // when
        walk(EnterpriseProfile.getClassSchema(), "EnterpriseProfile", problems, seen);

        // then
        assertThat(problems).isEmpty();
        assertThat(seen).contains("org.sharebus.profile.RiskFactor", "org.sharebus.profile.TimelineEntry", "org.sharebus.profile.FactOrigin");
    }

    private static void walk(Schema schema, String path, List<String> problems, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (schema.getDoc() == null) {
                    problems.add(path + ": record without doc");
                }
                for (Schema.Field field : schema.getFields()) {
                    String fieldPath = path + "." + field.name();
                    if (field.doc() == null || field.doc().isBlank()) {
                        problems.add(fieldPath + ": no doc");
                    }
                    try {
                        DataClass.of(field);
                    } catch (RuntimeException e) {
                        problems.add(fieldPath + ": " + e.getMessage());
                    }
                    walk(field.schema(), fieldPath, problems, seen);
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> walk(branch, path, problems, seen));
            case ARRAY -> walk(schema.getElementType(), path + "[]", problems, seen);
            case ENUM -> {
                if (seen.add(schema.getFullName()) && (schema.getEnumDefault() == null || schema.getDoc() == null)) {
                    problems.add(path + ": enum " + schema.getName() + " needs a default symbol and a doc");
                }
            }
            default -> {
            }
        }
    }
}
