package org.sharebus.gateway.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.GatewayIntegrationTest;

/** The file importer against a running gateway: good lines published, bad lines reported, re-runs publish nothing twice. */
class ImportCommandTest extends GatewayIntegrationTest {

    private static final String HEADER = "eventType,uscc,enterpriseName,occurredAt,payload.caseType,payload.decisionNo,payload.amount,payload.decidedAt";

    @TempDir
    Path dir;

    @Test
    void shouldPublishGoodLinesReportBadOnesAndExitNonZeroWhenACsvFileHasBadLines() throws Exception {
        // given a CSV file: lines 2 and 4 good, 3 with a bad USCC, 5 with a bad amount, 6 with a missing column
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = List.of(HEADER,
                line("91330100799655058B", "杭关缉违字〔2025〕1号-" + suffix, "1000.00"),
                line("91330100799655058A", "杭关缉违字〔2025〕2号-" + suffix, "2000.00"),
                line("91350100M000100Y43", "杭关缉违字〔2025〕3号-" + suffix, "\"3,000.50\""),
                line("91330100799655058B", "杭关缉违字〔2025〕4号-" + suffix, "-5.00"),
                "CustomsPenaltyDecided,91330100799655058B,只有三列");
        Path file = Files.write(dir.resolve("penalties.csv"), lines, StandardCharsets.UTF_8);
        Path report = dir.resolve("errors.csv");

        // when
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = new ImportCommand(new PrintStream(stderr, true, StandardCharsets.UTF_8)).run(args(file, report));

        // then
        assertThat(status).isEqualTo(1);
        List<String> errors = Files.readAllLines(report, StandardCharsets.UTF_8);
        assertThat(errors.get(0)).isEqualTo("line,eventId,field,rule,message");
        assertThat(errors).anyMatch(l -> l.startsWith("3,") && l.contains(",uscc,uscc,"));
        assertThat(errors).anyMatch(l -> l.startsWith("4,") && l.contains(",payload.amount,type,"));
        assertThat(errors).anyMatch(l -> l.startsWith("5,") && l.contains(",payload.amount,min,"));
        assertThat(errors).anyMatch(l -> l.startsWith("6,") && l.contains(",parse,"));
        assertThat(errors).noneMatch(l -> l.startsWith("2,"));
        UUID published = ImportCommand.derivedEventId(Department.CUSTOMS, lines.get(1));
        assertThat(recordsOf("customs.events.v1", published)).hasSize(1);
        assertThat(recordsOf("customs.events.v1", ImportCommand.derivedEventId(Department.CUSTOMS, lines.get(2)))).isEmpty();
        String progress = stderr.toString(StandardCharsets.UTF_8);
        assertThat(progress).contains("5/5", "100%", "lines/s", "ETA", "1 published (or already there), 4 failed");

        // and when the same file is imported again, nothing is published twice
        int again = new ImportCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(args(file, report));
        assertThat(again).isEqualTo(1);
        assertThat(recordsOf("customs.events.v1", published)).hasSize(1);
    }

    @Test
    void shouldExitZeroWhenEveryJsonLinesEventIsPublished() throws Exception {
        // given
        UUID id = UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("events.jsonl"), json(customsPenalty(id)) + "\n\n", StandardCharsets.UTF_8);

        // when
        int status = new ImportCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(args(file, dir.resolve("errors.csv")));

        // then
        assertThat(status).isZero();
        assertThat(recordsOf("customs.events.v1", id)).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve("errors.csv"))).containsExactly("line,eventId,field,rule,message");
    }

    @Test
    void shouldExitWithStatus2WhenTheKeyIsRefused() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("events.jsonl"), json(customsPenalty(UUID.randomUUID())) + "\n");

        // when
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = new ImportCommand(new PrintStream(stderr, true, StandardCharsets.UTF_8)).run(new String[] {
                "--department", "CUSTOMS", "--file", file.toString(), "--gateway-url", baseUrl(), "--api-key", "wrong"});

        // then
        assertThat(status).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("refused the credentials (401)");
    }

    private String[] args(Path file, Path report) {
        return new String[] {"--department", "customs", "--file", file.toString(), "--gateway-url", baseUrl() + "/",
                "--api-key", CUSTOMS_KEY, "--error-report", report.toString(), "--batch-size", "2"};
    }

    private static String line(String uscc, String decisionNo, String amount) {
        return "CustomsPenaltyDecided," + uscc + ",某某进出口有限公司,2025-03-14T09:30:00+08:00,SMUGGLING," + decisionNo + "," + amount + ",2025-03-14";
    }
}
