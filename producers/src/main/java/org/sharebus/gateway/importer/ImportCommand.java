package org.sharebus.gateway.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.gateway.publish.EventTypes;
import org.sharebus.gateway.publish.EventTypes.EventType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports a department's file into the bus through the gateway's batch API (文件导入):
 * <pre>
 * ./sharebus-import --department CUSTOMS --file penalties.csv --gateway-url http://localhost:8080 --api-key KEY
 * </pre>
 * The file is CSV with a header row (payload fields as {@code payload.<field>} columns, e.g.
 * {@code payload.amount}; an array or record cell as JSON) or JSON Lines ({@code .jsonl}, one event
 * per line, as the REST API takes it). A line without {@code eventId} gets one derived from the
 * department and the line's content (a name-based UUID), so re-running the import after a failure
 * publishes nothing twice. Progress with rate and ETA goes to stderr; every refused line goes to the
 * error report ({@code <file>.errors.csv}: line, eventId, field, rule, message; with a byte-order
 * mark, so Excel on a Chinese Windows reads it as UTF-8). Exit status: 0 when every line was
 * published (or had been), 1 when any line failed, 2 when the import could not run.
 *
 * <p>The file is UTF-8 unless {@code --encoding} says otherwise (Excel's plain "CSV" on a Chinese
 * Windows is GBK: {@code --encoding GB18030}); a file that is not in its encoding is refused before
 * anything is sent. A batch the gateway finds too large (more events or bytes than it takes) is
 * split and sent again: the events keep their ids, so nothing is published twice.
 */
public final class ImportCommand {

    static final int BATCH_SIZE = 500;
    /** The gateway's own limit (sharebus.gateway.max-batch-size's default). */
    static final int MAX_BATCH_SIZE = 1_000;
    private static final String BOM = "\uFEFF";
    private static final int ATTEMPTS = 5;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final EventTypes types = new EventTypes();
    private final PrintStream err;

    ImportCommand(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new ImportCommand(System.err).run(args));
    }

    /** Runs the import; the exit status. */
    int run(String[] args) {
        Map<String, String> options;
        Department department;
        Path file;
        int batchSize;
        URI batchUri;
        Charset encoding;
        try {
            options = options(args);
            department = Department.valueOf(options.get("department").toUpperCase(Locale.ROOT));
            file = Path.of(options.get("file"));
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file);
            }
            batchSize = batchSize(options.getOrDefault("batch-size", Integer.toString(BATCH_SIZE)));
            batchUri = batchUri(options.get("gateway-url"));
            encoding = Charset.forName(options.getOrDefault("encoding", "UTF-8"));
        } catch (IllegalArgumentException | NullPointerException e) {
            err.println("sharebus-import: " + e.getMessage());
            err.println("usage: sharebus-import --department <DEPT> --file <file.csv|file.jsonl> --gateway-url <url> --api-key <key>"
                    + " [--error-report <file>] [--batch-size <1-" + MAX_BATCH_SIZE + ">] [--encoding <UTF-8|GB18030|...>]");
            return 2;
        }
        Path report = Path.of(options.getOrDefault("error-report", file + ".errors.csv"));
        List<String> lines;
        try {
            // Read first: a file that cannot be read leaves the previous run's report as it was.
            lines = new ArrayList<>(Files.readAllLines(file, encoding));
        } catch (CharacterCodingException e) {
            err.println("sharebus-import: " + file + " is not " + encoding.name() + " text. Save it as \"CSV UTF-8\" in Excel or WPS,"
                    + " or name its encoding, e.g. --encoding GB18030 for Excel's plain CSV on a Chinese Windows.");
            return 2;
        } catch (IOException e) {
            err.println("sharebus-import: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        if (!lines.isEmpty() && lines.get(0).startsWith(BOM)) {
            lines.set(0, lines.get(0).substring(1));
        }
        try (BufferedWriter errors = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
            errors.write(BOM + "line,eventId,field,rule,message\n");
            Lines parsed = isJsonLines(file, lines) ? jsonLines(lines, department) : csv(lines, department);
            Progress progress = new Progress(err, parsed.events().size() + parsed.failures().size());
            // Lines, not errors: a line the gateway refuses for three reasons is one failed line with three rows in the report.
            java.util.Set<Integer> failedLines = new java.util.HashSet<>();
            for (Failure failure : parsed.failures()) {
                write(errors, failure);
                failedLines.add(failure.line());
                progress.advance(1);
            }
            List<Line> events = parsed.events();
            for (int from = 0; from < events.size(); from += batchSize) {
                List<Line> batch = events.subList(from, Math.min(events.size(), from + batchSize));
                for (Failure failure : send(batchUri, options.get("api-key"), batch)) {
                    write(errors, failure);
                    failedLines.add(failure.line());
                }
                progress.advance(batch.size());
            }
            progress.done();
            int failed = failedLines.size();
            int published = events.size() + parsed.failures().size() - failed;
            err.printf("%d published (or already there), %d failed%s%n", published, failed,
                    failed > 0 ? "; see " + report : "");
            return failed > 0 ? 1 : 0;
        } catch (ImportAbort e) {
            err.println();
            err.println("sharebus-import: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("sharebus-import: " + e.getMessage());
            return 2;
        }
    }

    private static int batchSize(String value) {
        int size;
        try {
            size = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--batch-size must be a whole number, got '" + value + "'");
        }
        if (size < 1 || size > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("--batch-size must be 1 to " + MAX_BATCH_SIZE + ", got " + size);
        }
        return size;
    }

    private static URI batchUri(String gatewayUrl) {
        URI uri = URI.create(gatewayUrl.strip().replaceAll("/+$", "") + "/api/v1/events/batch");
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--gateway-url must be an http:// or https:// address such as http://localhost:8080, got '"
                    + gatewayUrl + "'");
        }
        return uri;
    }

    /** The event id of a line that has none: a name-based UUID of the department and the line's exact content. */
    public static UUID derivedEventId(Department department, String line) {
        return UUID.nameUUIDFromBytes((department.name() + "\n" + line).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends one batch; the lines that failed. A batch the gateway finds too large is sent again in
     * halves. Any answer that does not say what became of each line stops the import.
     */
    private List<Failure> send(URI uri, String apiKey, List<Line> batch) {
        ArrayNode body = NODES.arrayNode();
        batch.forEach(line -> body.add(line.event()));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        HttpResponse<String> response = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() < 500) {
                    break;
                }
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw new ImportAbort("the gateway at " + uri + " cannot be reached: " + e.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportAbort("interrupted");
            }
            if (attempt < ATTEMPTS) {
                // Safe to resend: the events keep their ids, the gateway answers the original receipts.
                sleep(waitBefore(attempt, response == null ? Optional.empty() : response.headers().firstValue("Retry-After")));
            }
        }
        int status = response.statusCode();
        if (status == 401 || status == 403 && !response.body().contains("\"errors\"")) {
            throw new ImportAbort("the gateway refused the credentials (" + status + "): " + response.body());
        }
        if (status >= 500) {
            throw new ImportAbort("the gateway failed after " + ATTEMPTS + " attempts (" + status + "): " + excerpt(response.body()));
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (JacksonException e) {
            throw new ImportAbort("the address " + uri + " answered " + status + " with something that is not the gateway's JSON ("
                    + excerpt(response.body()) + "): check --gateway-url");
        }
        String problem = answer.path("type").asString("");
        if ((status == 413 || problem.endsWith(":max-items")) && batch.size() > 1) {
            List<Failure> failures = new ArrayList<>(send(uri, apiKey, batch.subList(0, batch.size() / 2)));
            failures.addAll(send(uri, apiKey, batch.subList(batch.size() / 2, batch.size())));
            return failures;
        }
        if (status == 413) {
            // One line alone over the gateway's limit: that line's failure, the rest of the file goes on.
            Line line = batch.get(0);
            return List.of(new Failure(line.number(), line.eventId(), "", "max-size", answer.path("detail").asString("")));
        }
        List<Failure> failures = new ArrayList<>();
        if (status == 200 && answer.has("results")) {
            for (JsonNode result : answer.get("results")) {
                if ("REFUSED".equals(result.get("outcome").asString())) {
                    Line line = batch.get(result.get("index").asInt());
                    result.get("errors").forEach(error -> failures.add(failure(line, error)));
                }
            }
        } else if (problem.endsWith(":batch-refused")) {
            // No item accepted: the problem lists every item's errors by index.
            for (JsonNode error : answer.get("errors")) {
                failures.add(failure(batch.get(error.get("index").asInt()), error));
            }
        } else {
            // A refusal of the request as a whole (a wrong path, a line too large on its own): it says nothing of the lines.
            throw new ImportAbort("the gateway refused the request (" + status + (problem.isEmpty() ? "" : ", " + problem) + "): "
                    + answer.path("detail").asString(excerpt(response.body())));
        }
        return failures;
    }

    private static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static Failure failure(Line line, JsonNode error) {
        return new Failure(line.number(), line.eventId(), error.path("field").asString(""), error.path("rule").asString(""),
                error.path("message").asString(""));
    }

    private static boolean isJsonLines(Path file, List<String> lines) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return true;
        }
        return !name.endsWith(".csv") && lines.stream().filter(l -> !l.isBlank()).findFirst().map(l -> l.strip().startsWith("{")).orElse(false);
    }

    private Lines jsonLines(List<String> lines, Department department) {
        List<Line> events = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonNode node = json.readTree(text);
                if (!(node instanceof ObjectNode event)) {
                    failures.add(new Failure(i + 1, "", "", "parse", "a JSON Lines line must be a JSON object"));
                    continue;
                }
                add(events, failures, event, department, text, i + 1);
            } catch (JacksonException e) {
                failures.add(new Failure(i + 1, "", "", "parse", "not valid JSON: " + e.getOriginalMessage()));
            }
        }
        return new Lines(events, failures);
    }

    private Lines csv(List<String> lines, Department department) {
        List<Line> events = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        if (lines.isEmpty()) {
            return new Lines(events, failures);
        }
        List<String> header = Csv.parse(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            int number = i + 1;
            // A quoted cell may hold line breaks (Alt+Enter in Excel): the record goes on until its quote closes. The
            // quote state is carried line by line, not recounted over the record so far: a stray quote that takes the
            // rest of a large file must not cost the square of its length.
            StringBuilder record = new StringBuilder(lines.get(i));
            boolean open = Csv.openQuote(lines.get(i));
            while (open && i + 1 < lines.size()) {
                String next = lines.get(++i);
                record.append('\n').append(next);
                open ^= Csv.openQuote(next);
            }
            String text = record.toString();
            if (open) {
                // A stray quote took every line after it: each is reported, so the summary counts what was not read.
                for (int unread = number; unread <= i + 1; unread++) {
                    failures.add(new Failure(unread, "", "", "parse", "not read: the quote opened on line " + number
                            + " is never closed (a stray \" in a cell? double it, \"\", or quote the cell)"));
                }
                continue;
            }
            List<String> cells = Csv.parse(text);
            if (cells.stream().allMatch(String::isBlank)) {
                // A blank line, or a cleared row that Excel still exports as commas.
                continue;
            }
            if (cells.size() != header.size()) {
                failures.add(new Failure(number, "", "", "parse", "has " + cells.size() + " columns, the header has " + header.size()));
                continue;
            }
            ObjectNode event = NODES.objectNode();
            String eventType = cells.get(Math.max(0, header.indexOf("eventType")));
            EventType type = types.find(eventType).orElse(null);
            for (int c = 0; c < header.size(); c++) {
                if (!cells.get(c).isEmpty()) {
                    put(event, header.get(c), cells.get(c), type);
                }
            }
            add(events, failures, event, department, text, number);
        }
        return new Lines(events, failures);
    }

    /** Puts a CSV cell at its dotted path, typed by the schema where the schema says number, boolean or structure. */
    private void put(ObjectNode event, String path, String cell, EventType type) {
        String[] parts = path.split("\\.");
        ObjectNode target = event;
        for (int p = 0; p < parts.length - 1; p++) {
            target = target.has(parts[p]) ? (ObjectNode) target.get(parts[p]) : target.putObject(parts[p]);
        }
        Schema schema = parts.length == 2 && parts[0].equals("payload") && type != null
                ? fieldSchema(type.payloadSchema(), parts[1])
                : parts.length == 1 ? fieldSchema(EventHeader.getClassSchema(), parts[0]) : null;
        target.set(parts[parts.length - 1], typed(cell, schema));
    }

    private JsonNode typed(String cell, Schema schema) {
        if (schema == null || schema.getLogicalType() != null) {
            return NODES.stringNode(cell);
        }
        try {
            return switch (schema.getType()) {
                case INT, LONG, FLOAT, DOUBLE -> NODES.numberNode(new java.math.BigDecimal(cell.strip()));
                case BOOLEAN -> "true".equalsIgnoreCase(cell.strip()) || "false".equalsIgnoreCase(cell.strip())
                        ? NODES.booleanNode(Boolean.parseBoolean(cell.strip())) : NODES.stringNode(cell);
                case ARRAY, MAP, RECORD -> json.readTree(cell);
                default -> NODES.stringNode(cell);
            };
        } catch (NumberFormatException | JacksonException e) {
            // Sent as text: the gateway names the field and the rule it breaks.
            return NODES.stringNode(cell);
        }
    }

    private static Schema fieldSchema(Schema record, String name) {
        Schema.Field field = record.getField(name);
        if (field == null) {
            return null;
        }
        Schema schema = field.schema();
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(null);
        }
        return schema;
    }

    /**
     * The line as an event to send, or a failure when its type is another department's: the ids of lines
     * without one are derived from {@code --department}, so a file imported again under another
     * department (a key copied with the wrong option) would publish every line a second time.
     */
    private void add(List<Line> events, List<Failure> failures, ObjectNode event, Department department, String text, int number) {
        String eventType = event.hasNonNull("eventType") ? event.get("eventType").asString() : "";
        EventType type = types.find(eventType).orElse(null);
        if (type != null && type.department() != department) {
            failures.add(new Failure(number, event.hasNonNull("eventId") ? event.get("eventId").asString() : "", "eventType", "department",
                    eventType + " is a " + type.department() + " event type, but this import is --department " + department
                            + ": give the department whose key you use (event ids are derived from it)"));
            return;
        }
        events.add(withId(event, department, text, number));
    }

    private static Line withId(ObjectNode event, Department department, String text, int number) {
        if (!event.hasNonNull("eventId")) {
            event.put("eventId", derivedEventId(department, text).toString());
        }
        return new Line(number, event.get("eventId").asString(), event);
    }

    private static void write(BufferedWriter errors, Failure failure) {
        try {
            errors.write(failure.line() + "," + Csv.quote(failure.eventId()) + "," + Csv.quote(failure.field()) + ","
                    + Csv.quote(failure.rule()) + "," + Csv.quote(failure.message()) + "\n");
        } catch (IOException e) {
            throw new ImportAbort("cannot write the error report: " + e.getMessage());
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        for (String required : List.of("department", "file", "gateway-url", "api-key")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return options;
    }

    /**
     * How long to wait before another attempt: the doubling back-off, or longer when the gateway
     * asked for it (Retry-After in seconds, on a 503), up to a minute.
     */
    static Duration waitBefore(int attempt, Optional<String> retryAfter) {
        Duration backOff = Duration.ofMillis(500L << attempt);
        try {
            Duration asked = Duration.ofSeconds(Math.min(60, Long.parseLong(retryAfter.orElse("0").strip())));
            return asked.compareTo(backOff) > 0 ? asked : backOff;
        } catch (NumberFormatException e) {
            return backOff; // an HTTP date, which the gateway does not send
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportAbort("interrupted");
        }
    }

    private record Line(int number, String eventId, ObjectNode event) {
    }

    private record Failure(int line, String eventId, String field, String rule, String message) {
    }

    private record Lines(List<Line> events, List<Failure> failures) {
    }

    /** The import cannot go on (credentials refused, gateway unreachable): exit status 2. */
    private static final class ImportAbort extends RuntimeException {
        ImportAbort(String message) {
            super(message);
        }
    }
}
