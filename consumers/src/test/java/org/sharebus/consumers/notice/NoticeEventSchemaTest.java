package org.sharebus.consumers.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;
import org.sharebus.event.DataClass;
import org.sharebus.notice.NoticeEvent;
import org.sharebus.schemas.evolution.SchemaHistory;

/**
 * The notice topic's contract keeps the conventions (a doc and a data class on every field) and
 * its evolution rule: the schemas module's gate covers the department topics, this test covers
 * {@code sharebus.notices.v1-value} the same way (BACKWARD_TRANSITIVE against every released
 * version, and the current schema released).
 */
class NoticeEventSchemaTest {

    private static final String SUBJECT = "sharebus.notices.v1-value";
    private final SchemaHistory history = new SchemaHistory(Path.of("..", "schemas", "history").normalize());

    @Test
    void shouldDocumentAndClassifyEveryFieldWhenNoticeSchemaIsWalked() {
        // given
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();

        // when
        walk(NoticeEvent.getClassSchema(), "NoticeEvent", problems, seen);

        // then
        assertThat(problems).isEmpty();
        assertThat(seen).contains("org.sharebus.notice.NoticeRaised", "org.sharebus.notice.NoticeAcknowledged",
                "org.sharebus.notice.NoticeClosed");
    }

    @Test
    void shouldReadEveryReleasedVersionAndHaveReleasedTheCurrentSchemaWhenCheckedAgainstHistory() throws IOException {
        // given
        List<Integer> versions = history.versions(SUBJECT);
        Schema current = NoticeEvent.getClassSchema();

        // then
        assertThat(versions).startsWith(1);
        for (int version : versions) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, history.read(SUBJECT, version)).getType())
                    .as("current reads v" + version).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
        Path latest = history.root().resolve(SUBJECT).resolve("v" + versions.get(versions.size() - 1) + ".avsc");
        assertThat(Files.readString(latest, StandardCharsets.UTF_8).strip()).as("the current schema is released")
                .isEqualTo(current.toString(true).strip());
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
