package org.sharebus.gateway.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.DependencyUnavailableException;
import org.sharebus.gateway.GatewayMetrics;
import org.sharebus.gateway.GatewayProblem;
import org.sharebus.gateway.GatewayProperties;
import org.sharebus.gateway.Violation;
import org.sharebus.gateway.audit.AuditEntry;
import org.sharebus.gateway.audit.AuditLog;
import org.sharebus.gateway.auth.DepartmentKeys;
import org.sharebus.gateway.publish.PublishService.RequestContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The department-facing publishing API: {@code POST /api/v1/events} (one event),
 * {@code POST /api/v1/events/batch} (a JSON array of 1 to 1,000 events) and
 * {@code GET /api/v1/events/{eventId}} (the receipt again). Answers come only after the broker has
 * acknowledged. The request body is read here, not by Spring, so its size limit and the position of
 * a JSON syntax error are the gateway's to report.
 */
@RestController
class EventController {

    private final DepartmentKeys keys;
    private final PublishService service;
    private final ReceiptIndex index;
    private final AuditLog audit;
    private final GatewayMetrics metrics;
    private final GatewayProperties properties;
    /** What the publishing endpoints read, for a 415's Accept header. */
    private static final String ACCEPTED_TYPES = "application/json, application/*+json";
    /** Decimals as BigDecimal (every digit kept), a repeated key an error rather than the last one silently winning. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    EventController(DepartmentKeys keys, PublishService service, ReceiptIndex index, AuditLog audit, GatewayMetrics metrics,
                    GatewayProperties properties) {
        this.keys = keys;
        this.service = service;
        this.index = index;
        this.audit = audit;
        this.metrics = metrics;
        this.properties = properties;
    }

    @PostMapping("/api/v1/events")
    ResponseEntity<Receipt> publish(HttpServletRequest request) {
        return timed("events", () -> {
            RequestContext context = context(request, "publish");
            Department caller = authenticate(request, context);
            requireJson(request, context, caller);
            JsonNode event = parse(readBody(request, context, caller, "an event may have at most %d bytes (1 MiB) of JSON"), context,
                    caller);
            metrics.batch(1);
            ItemResult result = service.publish(caller, List.of(event), context).get(0);
            if (result.refused()) {
                // A message follows its field's name ("uscc '9133…' is not a valid USCC"); one about the whole event has no field.
                Violation first = result.errors().get(0);
                throw new GatewayProblem(HttpStatus.valueOf(result.status()), result.reason(), titleOf(result.reason()),
                        "the event was not published: " + (first.field().isEmpty() ? "" : first.field() + " ") + first.message()
                                + (result.errors().size() > 1 ? " (and " + (result.errors().size() - 1) + " more)" : ""),
                        result.errors());
            }
            return ResponseEntity.status(result.status()).location(URI.create("/api/v1/events/" + result.eventId()))
                    .body(result.receipt());
        });
    }

    /**
     * The batch answer is 200 with one result per item when at least one item was accepted (or had
     * been before); when none was it is a problem: the items' common status (403, 409) if they share
     * one, else 400, with every item's errors.
     */
    @PostMapping("/api/v1/events/batch")
    ResponseEntity<BatchResult> publishBatch(HttpServletRequest request) {
        return timed("events/batch", () -> {
            RequestContext context = context(request, "publish-batch");
            Department caller = authenticate(request, context);
            requireJson(request, context, caller);
            byte[] body = readBody(request, context, caller, "a batch may have at most %d bytes (1 MiB) of JSON; split it");
            JsonNode batch = parse(body, context, caller);
            if (!batch.isArray()) {
                // Jackson reads an empty body as a missing node, not as an error.
                String got = batch.isMissingNode() ? "an empty body" : "a JSON " + batch.getNodeType().name().toLowerCase(Locale.ROOT);
                throw refuse(context, caller, body, HttpStatus.BAD_REQUEST, "not-a-batch", "Not a batch",
                        "a batch is a JSON array of events, got " + got,
                        List.of(new Violation(0, "", "type", "must be a JSON array of events, got " + got)));
            }
            if (batch.size() > properties.maxBatchSize()) {
                throw refuse(context, caller, body, HttpStatus.BAD_REQUEST, "max-items", "Batch too large",
                        "a batch holds at most " + properties.maxBatchSize() + " events, this one has " + batch.size(),
                        List.of(new Violation(0, "", "max-items", "at most " + properties.maxBatchSize() + " events per batch, got "
                                + batch.size())));
            }
            if (batch.isEmpty()) {
                // Refused like one too many: an empty batch is a sender's fault (a loop that sent before filling), and a
                // 200 with nothing accepted would hide it.
                throw refuse(context, caller, body, HttpStatus.BAD_REQUEST, "min-items", "Empty batch",
                        "a batch holds 1 to " + properties.maxBatchSize() + " events, this one has none",
                        List.of(new Violation(0, "", "min-items", "at least 1 event per batch, got 0")));
            }
            metrics.batch(batch.size());
            List<JsonNode> items = new ArrayList<>(batch.values());
            List<ItemResult> results = service.publish(caller, items, context);
            long accepted = results.stream().filter(r -> r.outcome() == ItemResult.Outcome.ACCEPTED).count();
            long duplicates = results.stream().filter(r -> r.outcome() == ItemResult.Outcome.DUPLICATE).count();
            if (accepted + duplicates == 0 && !results.isEmpty()) {
                List<Integer> statuses = results.stream().map(ItemResult::status).distinct().toList();
                HttpStatus status = statuses.size() == 1 ? HttpStatus.valueOf(statuses.get(0)) : HttpStatus.BAD_REQUEST;
                throw new GatewayProblem(status, "batch-refused", "No event of the batch was published",
                        "all " + results.size() + " events were refused; see errors (by index)",
                        results.stream().flatMap(r -> r.errors().stream()).toList());
            }
            return ResponseEntity.ok(new BatchResult(context.requestId(), accepted, duplicates,
                    results.size() - accepted - duplicates, results));
        });
    }

    @GetMapping("/api/v1/events/{eventId}")
    Receipt receipt(@PathVariable String eventId, @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        // Counted like the publishing refusals: a system polling receipts with a rotated key is locked out as surely.
        Department caller = keys.authenticate(authorization).orElseThrow(() -> counted(unauthenticated()));
        UUID id;
        try {
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw counted(new GatewayProblem(HttpStatus.BAD_REQUEST, "validation", "Invalid event id",
                    "'" + eventId + "' is not a UUID", List.of(new Violation(0, "eventId", "format", "is not a UUID"))));
        }
        // Another department's receipt is answered like an unknown id: ids do not leak across departments.
        return index.find(id).filter(row -> row.department().equals(caller.name())).filter(ReceiptIndex.Row::published)
                .map(ReceiptIndex.Row::receipt)
                .orElseThrow(() -> new GatewayProblem(HttpStatus.NOT_FOUND, "unknown-event", "No receipt",
                        id + " is not the id of an event " + caller + " has published"));
    }

    private <T> ResponseEntity<T> timed(String endpoint, Supplier<ResponseEntity<T>> handler) {
        long start = System.nanoTime();
        int status = 500;
        try {
            ResponseEntity<T> response = handler.get();
            status = response.getStatusCode().value();
            return response;
        } catch (GatewayProblem problem) {
            status = problem.status().value();
            throw problem;
        } catch (DependencyUnavailableException unavailable) {
            // Answered 503 (the client retries), not 500.
            status = HttpStatus.SERVICE_UNAVAILABLE.value();
            throw unavailable;
        } finally {
            metrics.latency(endpoint, status, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static RequestContext context(HttpServletRequest request, String action) {
        return new RequestContext(UUID.randomUUID().toString(), request.getRemoteAddr(), action);
    }

    private Department authenticate(HttpServletRequest request, RequestContext context) {
        return keys.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION))
                .orElseThrow(() -> {
                    GatewayProblem problem = unauthenticated();
                    auditRefusal(context, null, null, problem, problem.getMessage());
                    return problem;
                });
    }

    private GatewayProblem counted(GatewayProblem problem) {
        metrics.refused(problem.slug());
        return problem;
    }

    private static GatewayProblem unauthenticated() {
        return new GatewayProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Missing or unknown credentials",
                "send your department's API key as 'Authorization: Bearer <key>'");
    }

    /**
     * The body is read raw, so Spring checks no media type: a form, a text or an untyped body would
     * otherwise be read as JSON, and one in another charset (GBK) as UTF-8, its Chinese garbled or
     * refused as malformed. JSON exchanged between systems is UTF-8 (RFC 8259, section 8.1).
     */
    private void requireJson(HttpServletRequest request, RequestContext context, Department caller) {
        String given = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String rule = "media-type";
        String message;
        if (given == null || given.isBlank()) {
            message = "is missing: send the body as application/json";
        } else {
            MediaType type;
            try {
                type = MediaType.parseMediaType(given);
            } catch (InvalidMediaTypeException e) {
                // Spring also refuses here a charset the JVM does not know.
                type = null;
            }
            if (type == null) {
                message = "is " + quoted(given) + ", not a media type with a charset the gateway knows: send the body as application/json";
            } else if (!"application".equals(type.getType()) || !("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"))) {
                message = "is " + quoted(given) + ": the gateway reads application/json (or application/*+json) only";
            } else if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
                rule = "charset";
                message = "names the charset " + type.getCharset().name() + ": JSON is UTF-8 (RFC 8259), send the body in UTF-8";
            } else {
                return;
            }
        }
        throw refuse(context, caller, null, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "http-415", "Unsupported Media Type",
                "Content-Type " + message, List.of(new Violation(0, "Content-Type", rule, message)))
                .header(HttpHeaders.ACCEPT, ACCEPTED_TYPES);
    }

    /** A header value for a message: the start of it, as the audit log keeps the message for ever. */
    private static String quoted(String value) {
        return "'" + (value.length() <= 100 ? value : value.substring(0, 100) + "…") + "'";
    }

    /** The body, at most the configured size; {@code limit} says so to the sender, with a {@code %d} for the size. */
    private byte[] readBody(HttpServletRequest request, RequestContext context, Department caller, String limitFormat) {
        int max = properties.maxBodyBytes();
        String limit = limitFormat.formatted(max);
        if (request.getContentLengthLong() > max) {
            throw refuse(context, caller, null, HttpStatus.CONTENT_TOO_LARGE, "max-size", "Request too large",
                    limit + "; this one declares " + request.getContentLengthLong(), List.of());
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw refuse(context, caller, null, HttpStatus.CONTENT_TOO_LARGE, "max-size", "Request too large", limit, List.of());
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }

    private JsonNode parse(byte[] body, RequestContext context, Department caller) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            GatewayProblem problem = new GatewayProblem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "the body is not valid JSON" + where + ": " + e.getOriginalMessage(),
                    List.of(new Violation(0, "", "json", "not valid JSON" + where)));
            // The parser's message quotes the body (a name, an id number): the sender gets it, the audit log,
            // which keeps every entry for ever, gets where it broke only.
            auditRefusal(context, caller, body, problem, "the body is not valid JSON" + where);
            throw problem;
        }
    }

    /** A refusal of the whole request: audited, counted, thrown by the caller. Its detail holds nothing of the body. */
    private GatewayProblem refuse(RequestContext context, Department caller, byte[] body, HttpStatus status, String slug, String title,
                                  String detail, List<Violation> errors) {
        GatewayProblem problem = new GatewayProblem(status, slug, title, detail, errors);
        auditRefusal(context, caller, body, problem, problem.getMessage());
        return problem;
    }

    private void auditRefusal(RequestContext context, Department caller, byte[] body, GatewayProblem problem, String reason) {
        metrics.refused(problem.slug());
        audit.append(AuditEntry.refusal(Instant.now(), context.requestId(), caller == null ? null : caller.name(),
                context.remoteAddress(), context.action(), body == null ? null : HexFormat.of().formatHex(EventReader.sha256(body)),
                problem.status().value(), problem.slug() + ": " + reason));
    }

    private static String titleOf(String reason) {
        return switch (reason) {
            case "forbidden" -> "Not your department's event type";
            case "conflict" -> "Event id already used for different content";
            case "internal" -> "Internal error";
            default -> "Invalid event";
        };
    }

    /** The answer to a batch: counts, and one result per item in the order sent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BatchResult(String requestId, long accepted, long duplicates, long refused, List<ItemResult> results) {
    }
}
