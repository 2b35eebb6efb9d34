package org.sharebus.gateway.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
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
        // given a CSV file: line 2 good, 3 with a bad USCC, 4 with a bad amount, 5 with both a bad USCC and a negative
        // amount (one line, two errors), 6 with a missing column
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = List.of(HEADER,
                line("91330109J6H9752474", "杭关缉违字〔2025〕1号-" + suffix, "1000.00"),
                line("91330109J6H975247A", "杭关缉违字〔2025〕2号-" + suffix, "2000.00"),
                line("91350100M000100Y43", "杭关缉违字〔2025〕3号-" + suffix, "\"3,000.50\""),
                line("91330109J6H975247A", "杭关缉违字〔2025〕4号-" + suffix, "-5.00"),
                "CustomsPenaltyDecided,91330109J6H9752474,只有三列");
        Path file = Files.write(dir.resolve("penalties.csv"), lines, StandardCharsets.UTF_8);
        Path report = dir.resolve("errors.csv");

        // when
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = new ImportCommand(new PrintStream(stderr, true, StandardCharsets.UTF_8)).run(args(file, report));

        // then
        assertThat(status).isEqualTo(1);
        List<String> errors = Files.readAllLines(report, StandardCharsets.UTF_8);
        // (with a byte-order mark, so Excel on a Chinese Windows opens the report as UTF-8)
        assertThat(errors.get(0)).isEqualTo("\uFEFFline,eventId,field,rule,message");
        assertThat(errors).anyMatch(l -> l.startsWith("3,") && l.contains(",uscc,uscc,"));
        assertThat(errors).anyMatch(l -> l.startsWith("4,") && l.contains(",payload.amount,type,"));
        assertThat(errors).anyMatch(l -> l.startsWith("5,") && l.contains(",payload.amount,min,"));
        assertThat(errors).anyMatch(l -> l.startsWith("5,") && l.contains(",uscc,uscc,"));
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
        assertThat(Files.readAllLines(dir.resolve("errors.csv"))).containsExactly("\uFEFFline,eventId,field,rule,message");
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

    @Test
    void shouldReportALineOfAnotherDepartmentsTypeAndPublishNothingWhenTheDepartmentIsNotTheKeys() throws Exception {
        // given customs' file, imported once as customs
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = List.of(HEADER, line("91330109J6H9752474", "杭关缉违字〔2025〕7号-" + suffix, "700.00"));
        Path file = Files.write(dir.resolve("penalties.csv"), lines, StandardCharsets.UTF_8);
        Path report = dir.resolve("errors.csv");
        assertThat(new ImportCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(args(file, report)))
                .isZero();

        // when it is imported again with customs' key but --department TAX (the example copied, one option changed)
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = new ImportCommand(new PrintStream(stderr, true, StandardCharsets.UTF_8)).run(new String[] {"--department", "TAX",
                "--file", file.toString(), "--gateway-url", baseUrl(), "--api-key", CUSTOMS_KEY, "--error-report", report.toString()});

        // then the line is reported, naming its department and the option, and it is not published a second time
        assertThat(status).isEqualTo(1);
        assertThat(Files.readAllLines(report, StandardCharsets.UTF_8)).anyMatch(l -> l.startsWith("2,") && l.contains(",eventType,department,")
                && l.contains("CustomsPenaltyDecided is a CUSTOMS event type, but this import is --department TAX"));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("0 published (or already there), 1 failed");
        assertThat(recordsOf("customs.events.v1", ImportCommand.derivedEventId(Department.CUSTOMS, lines.get(1)))).hasSize(1);
        assertThat(recordsOf("customs.events.v1", ImportCommand.derivedEventId(Department.TAX, lines.get(1)))).isEmpty();
    }

    @Test
    void shouldReadFilesAsOfficeSoftwareSavesThem() throws Exception {
        // given a CSV saved by Excel: a byte-order mark, a quoted name with a line break (Alt+Enter), a cleared row of commas
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String multiLine = "CustomsPenaltyDecided,91330109J6H9752474,\"某某进出口\n有限公司\",2025-03-14T09:30:00+08:00,SMUGGLING,"
                + "杭关缉违字〔2025〕7号-" + suffix + ",700.00,2025-03-14";
        Path csv = Files.writeString(dir.resolve("excel.csv"), "\uFEFF" + HEADER + "\r\n" + multiLine + "\r\n,,,,,,,\r\n"
                + line("91330109J6H9752474", "杭关缉违字〔2025〕8号-" + suffix, "800.00") + "\r\n", StandardCharsets.UTF_8);
        // and a JSON Lines file with a byte-order mark
        UUID id = UUID.randomUUID();
        Path jsonl = Files.writeString(dir.resolve("bom.jsonl"), "\uFEFF" + json(customsPenalty(id)) + "\n", StandardCharsets.UTF_8);

        // when
        int csvStatus = new ImportCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(args(csv, dir.resolve("excel.errors.csv")));
        int jsonlStatus = new ImportCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(args(jsonl, dir.resolve("bom.errors.csv")));

        // then every event is published, the two-line record as one
        assertThat(Files.readAllLines(dir.resolve("excel.errors.csv"))).hasSize(1);
        assertThat(csvStatus).isZero();
        assertThat(recordsOf("customs.events.v1", ImportCommand.derivedEventId(Department.CUSTOMS, multiLine))).hasSize(1);
        assertThat(jsonlStatus).isZero();
        assertThat(recordsOf("customs.events.v1", id)).hasSize(1);
    }

    @Test
    void shouldSayHowToReadAGbkFileWhenItIsNotUtf8AndReadItWhenToldItsEncoding() throws Exception {
        // given a CSV in GBK, as Excel's plain "CSV" saves it on a Chinese Windows
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String line = line("91330109J6H9752474", "杭关缉违字〔2025〕9号-" + suffix, "900.00");
        Path file = Files.writeString(dir.resolve("gbk.csv"), HEADER + "\r\n" + line + "\r\n", Charset.forName("GBK"));
        Path report = Files.writeString(dir.resolve("gbk.errors.csv"), "the previous run's report\n");

        // when
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = new ImportCommand(new PrintStream(stderr, true, StandardCharsets.UTF_8)).run(args(file, report));

        // then nothing is sent, the previous report is kept, and the message says what to do
        assertThat(status).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("is not UTF-8 text", "--encoding GB18030");
        assertThat(Files.readString(report)).isEqualTo("the previous run's report\n");

        // when told the encoding
        String[] withEncoding = Stream.concat(Arrays.stream(args(file, report)), Stream.of("--encoding", "GB18030")).toArray(String[]::new);
        int again = new ImportCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(withEncoding);

        // then it is published
        assertThat(again).isZero();
        assertThat(recordsOf("customs.events.v1", ImportCommand.derivedEventId(Department.CUSTOMS, line))).hasSize(1);
    }

    @Test
    void shouldSplitABatchTheGatewayFindsTooLargeAndPublishEveryLine() throws Exception {
        // given 120 events of about 12 KB each: one batch of them is over the gateway's 1 MiB
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String description = "海关行政处罚说明".repeat(500);
        List<String> lines = new java.util.ArrayList<>(List.of(HEADER + ",payload.description"));
        for (int i = 0; i < 120; i++) {
            lines.add(line("91330109J6H9752474", "杭关缉违字〔2025〕" + i + "号-" + suffix, "10.00") + "," + description);
        }
        Path file = Files.write(dir.resolve("large.csv"), lines, StandardCharsets.UTF_8);
        String[] oneBatch = args(file, dir.resolve("large.errors.csv"));
        oneBatch[oneBatch.length - 1] = "120";

        // when
        int status = new ImportCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(oneBatch);

        // then every line is published, none twice
        assertThat(status).isZero();
        assertThat(recordsOf("customs.events.v1", ImportCommand.derivedEventId(Department.CUSTOMS, lines.get(1)))).hasSize(1);
        assertThat(recordsOf("customs.events.v1", ImportCommand.derivedEventId(Department.CUSTOMS, lines.get(120)))).hasSize(1);
    }

    @Test
    void shouldReportALineTooLargeOnItsOwnAndGoOnWithTheRest() throws Exception {
        // given a line over the gateway's 1 MiB on its own (a stray column of padding), and a good line after it
        UUID good = UUID.randomUUID();
        Map<String, Object> huge = customsPenalty(UUID.randomUUID());
        huge.put("padding", "x".repeat(1_100_000));
        Path file = Files.writeString(dir.resolve("huge.jsonl"), json(huge) + "\n" + json(customsPenalty(good)) + "\n");
        Path report = dir.resolve("huge.errors.csv");

        // when
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = new ImportCommand(new PrintStream(stderr, true, StandardCharsets.UTF_8)).run(args(file, report));

        // then the large line is that line's failure, the other is published
        assertThat(status).isEqualTo(1);
        assertThat(Files.readAllLines(report, StandardCharsets.UTF_8)).anyMatch(l -> l.startsWith("1,") && l.contains(",max-size,"));
        assertThat(recordsOf("customs.events.v1", good)).hasSize(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("1 published (or already there), 1 failed");
    }

    @Test
    void shouldCountEveryLineAStrayQuoteSwallowedAsNotRead() throws Exception {
        // given a CSV whose line 3 has an unquoted cell with a " in it (12" pipe), and two lines after it
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = List.of(HEADER,
                line("91330109J6H9752474", "杭关缉违字〔2025〕31号-" + suffix, "10.00"),
                line("91330109J6H9752474", "杭关缉违字〔2025〕32号-" + suffix + " 12\" 钢管", "10.00"),
                line("91330109J6H9752474", "杭关缉违字〔2025〕33号-" + suffix, "10.00"),
                line("91330109J6H9752474", "杭关缉违字〔2025〕34号-" + suffix, "10.00"));
        Path file = Files.write(dir.resolve("stray.csv"), lines, StandardCharsets.UTF_8);
        Path report = dir.resolve("stray.errors.csv");

        // when
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = new ImportCommand(new PrintStream(stderr, true, StandardCharsets.UTF_8)).run(args(file, report));

        // then lines 3 to 5 are each reported as not read, and the summary counts them
        assertThat(status).isEqualTo(1);
        List<String> errors = Files.readAllLines(report, StandardCharsets.UTF_8);
        assertThat(errors).anyMatch(l -> l.startsWith("3,") && l.contains("never closed"))
                .anyMatch(l -> l.startsWith("4,") && l.contains("not read"))
                .anyMatch(l -> l.startsWith("5,") && l.contains("not read"));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("1 published (or already there), 3 failed");
    }

    @Test
    void shouldExitWithStatus2NamingTheOptionWhenTheAddressOrBatchSizeIsWrong() throws Exception {
        Path file = Files.writeString(dir.resolve("events.jsonl"), json(customsPenalty(UUID.randomUUID())) + "\n");

        ByteArrayOutputStream wrongPath = new ByteArrayOutputStream();
        int status = new ImportCommand(new PrintStream(wrongPath, true, StandardCharsets.UTF_8)).run(new String[] {
                "--department", "CUSTOMS", "--file", file.toString(), "--gateway-url", baseUrl() + "/gateway", "--api-key", CUSTOMS_KEY});
        assertThat(status).isEqualTo(2);
        assertThat(wrongPath.toString(StandardCharsets.UTF_8)).contains("refused the request (404");

        ByteArrayOutputStream noScheme = new ByteArrayOutputStream();
        assertThat(new ImportCommand(new PrintStream(noScheme, true, StandardCharsets.UTF_8)).run(new String[] {
                "--department", "CUSTOMS", "--file", file.toString(), "--gateway-url", "localhost:8080", "--api-key", CUSTOMS_KEY}))
                .isEqualTo(2);
        assertThat(noScheme.toString(StandardCharsets.UTF_8)).contains("--gateway-url must be an http:// or https:// address");

        ByteArrayOutputStream zero = new ByteArrayOutputStream();
        String[] zeroBatch = args(file, dir.resolve("errors.csv"));
        zeroBatch[zeroBatch.length - 1] = "0";
        assertThat(new ImportCommand(new PrintStream(zero, true, StandardCharsets.UTF_8)).run(zeroBatch)).isEqualTo(2);
        assertThat(zero.toString(StandardCharsets.UTF_8)).contains("--batch-size must be 1 to 1000, got 0");
    }

    private String[] args(Path file, Path report) {
        return new String[] {"--department", "customs", "--file", file.toString(), "--gateway-url", baseUrl() + "/",
                "--api-key", CUSTOMS_KEY, "--error-report", report.toString(), "--batch-size", "2"};
    }

    private static String line(String uscc, String decisionNo, String amount) {
        return "CustomsPenaltyDecided," + uscc + ",某某进出口有限公司,2025-03-14T09:30:00+08:00,SMUGGLING," + decisionNo + "," + amount + ",2025-03-14";
    }

    @Test
    void shouldWaitAsLongAsTheGatewayAsksBeforeRetryingWhenItAnswers503WithRetryAfter() {
        // the gateway's 503 says Retry-After: 5; the first back-off is 1 s
        assertThat(ImportCommand.waitBefore(1, java.util.Optional.of("5"))).isEqualTo(java.time.Duration.ofSeconds(5));
        // no header, or one asking less than the back-off, or an HTTP date: the back-off
        assertThat(ImportCommand.waitBefore(1, java.util.Optional.empty())).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(ImportCommand.waitBefore(4, java.util.Optional.of("5"))).isEqualTo(java.time.Duration.ofSeconds(8));
        assertThat(ImportCommand.waitBefore(2, java.util.Optional.of("Fri, 27 Nov 2026 10:00:00 GMT"))).isEqualTo(java.time.Duration.ofSeconds(2));
        // never more than a minute
        assertThat(ImportCommand.waitBefore(1, java.util.Optional.of("3600"))).isEqualTo(java.time.Duration.ofSeconds(60));
    }
}
