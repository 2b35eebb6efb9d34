package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharebus.gateway.GatewayIntegrationTest;
import org.sharebus.gateway.auth.DepartmentKeys;
import org.sharebus.topic.TopicCatalogue;
import tools.jackson.databind.JsonNode;

/** Every validation rule, each with an input that breaks it, answered as problem+json naming field and rule. */
class ValidationTest extends GatewayIntegrationTest {

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                broken("USCC check character", e -> e.put("uscc", "91330109J6H975247A"), "uscc", "uscc"),
                broken("USCC with a forbidden letter", e -> e.put("uscc", "91330109J6H975247O"), "uscc", "uscc"),
                broken("required envelope field", e -> e.remove("enterpriseName"), "enterpriseName", "required"),
                broken("required field blank", e -> e.put("enterpriseName", "   "), "enterpriseName", "required"),
                broken("required payload field", e -> payload(e).remove("decisionNo"), "payload.decisionNo", "required"),
                broken("payload missing", e -> e.remove("payload"), "payload", "required"),
                broken("enum value in the payload", e -> payload(e).put("caseType", "PIRACY"), "payload.caseType", "enum"),
                broken("enum value in the envelope", e -> e.put("visibility", "SECRET"), "visibility", "enum"),
                broken("occurredAt more than 5 minutes ahead",
                        e -> e.put("occurredAt", Instant.now().plus(10, ChronoUnit.MINUTES).toString()), "occurredAt", "not-future"),
                broken("occurredAt not an instant", e -> e.put("occurredAt", "yesterday"), "occurredAt", "format"),
                broken("date not an ISO date", e -> payload(e).put("decidedAt", "14/03/2025"), "payload.decidedAt", "format"),
                broken("ISO date beyond an Avro date", e -> payload(e).put("decidedAt", "+999999999-12-31"), "payload.decidedAt", "range"),
                broken("ISO instant beyond an Avro timestamp", e -> e.put("occurredAt", "-999999999-01-01T00:00:00Z"), "occurredAt", "range"),
                broken("date of year 0026 typed for 2026", e -> payload(e).put("decidedAt", "0026-03-14"), "payload.decidedAt", "range"),
                broken("date past the four-digit years", e -> payload(e).put("decidedAt", "+10000-01-01"), "payload.decidedAt", "range"),
                broken("instant before 1949 in Beijing time", e -> e.put("occurredAt", "1948-12-31T23:59:59+08:00"), "occurredAt", "range"),
                broken("negative amount", e -> payload(e).put("amount", "-0.01"), "payload.amount", "min"),
                broken("amount with 3 decimals", e -> payload(e).put("amount", "10.005"), "payload.amount", "scale"),
                broken("amount beyond decimal(18,2)", e -> payload(e).put("amount", "12345678901234567"), "payload.amount", "precision"),
                broken("amount not a number", e -> payload(e).put("amount", "lots"), "payload.amount", "type"),
                broken("envelope string too long", e -> e.put("enterpriseName", "企".repeat(201)), "enterpriseName", "max-length"),
                broken("payload string too long", e -> payload(e).put("description", "x".repeat(4_001)), "payload.description", "max-length"),
                broken("region code not six digits", e -> e.put("regionCode", "33010"), "regionCode", "pattern"),
                broken("event id not a UUID", e -> e.put("eventId", "penalty-42"), "eventId", "format"),
                broken("event id a UUID only to the JDK", e -> e.put("eventId", "1-2-3-4-5"), "eventId", "format"),
                broken("amount of a billion digits", e -> payload(e).put("amount", "1e999999999"), "payload.amount", "precision"),
                broken("amount beyond an int's exponent", e -> payload(e).put("amount", "1e2147483647"), "payload.amount", "precision"),
                broken("amount of a billion decimals", e -> payload(e).put("amount", "1e-999999999"), "payload.amount", "scale"),
                broken("unknown event type", e -> e.put("eventType", "CustomsParadeHeld"), "eventType", "unknown-event-type"),
                broken("payload field the type does not have", e -> payload(e).put("fineAmount", "1.00"), "payload.fineAmount", "unknown-field"),
                broken("payload field of the wrong JSON type", e -> payload(e).put("decisionNo", 42), "payload.decisionNo", "type"),
                broken("NUL in an envelope string", e -> e.put("enterpriseName", "杭州萧山\u0000进出口贸易有限公司"), "enterpriseName",
                        "control-character"),
                broken("NUL in the event id", e -> e.put("eventId", UUID.randomUUID() + "\u0000"), "eventId", "control-character"),
                broken("control character in a payload string", e -> payload(e).put("decisionNo", "杭关缉违字\u0007〔2025〕1号"),
                        "payload.decisionNo", "control-character"),
                broken("C1 control character in a payload string", e -> payload(e).put("description", "next line\u0085"),
                        "payload.description", "control-character"),
                broken("control character that Java counts as whitespace", e -> e.put("docNo", "\u001f"), "docNo", "control-character"),
                broken("envelope field the sender may not set", e -> e.put("publishedAt", "2025-01-01T00:00:00Z"), "publishedAt", "unknown-field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void shouldRefuseWithProblemNamingFieldAndRuleWhenARuleIsBroken(String rule, Consumer<Map<String, Object>> breaker,
                                                                     String field, String expectedRule) {
        // given
        UUID id = UUID.randomUUID();
        Map<String, Object> event = customsPenalty(id);
        breaker.accept(event);

        // when
        Response response = post("/api/v1/events", CUSTOMS_KEY, json(event));

        // then
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:sharebus:problem:validation");
        assertThat(problem.get("title").asString()).isEqualTo("Invalid event");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").values()).extracting(e -> e.get("index").asInt(), e -> e.get("field").asString(),
                e -> e.get("rule").asString()).containsExactly(tuple(0, field, expectedRule));
        assertThat(problem.get("errors").get(0).get("message").asString()).isNotBlank();
        assertThat(recordsOf("customs.events.v1", id)).isEmpty();
    }

    /** Fields of Java primitive types in the generated classes (int, long, boolean): a refused value cannot be set on them. */
    static Stream<Arguments> brokenPrimitives() {
        return Stream.of(
                primitive("AnnualReportFiled", "reportYear", "2024", "type"),
                primitive("AnnualReportFiled", "reportYear", new BigDecimal("2024.0"), "type"),
                primitive("AnnualReportFiled", "reportYear", null, "required"),
                primitive("AnnualReportFiled", "reportYear", ABSENT, "required"),
                primitive("AnnualReportFiled", "late", "true", "type"),
                primitive("AnnualReportFiled", "late", 1, "type"),
                primitive("ServiceTradeReportSubmitted", "digitalService", ABSENT, "required"),
                primitive("ServiceTradeReportSubmitted", "late", null, "required"),
                primitive("TaxCreditLevelPublished", "year", "2025", "type"),
                primitive("TaxCreditLevelPublished", "year", 20_250_000_000L, "type"));
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @MethodSource("brokenPrimitives")
    void shouldRefuseWith400NamingFieldAndRuleWhenAPrimitiveFieldIsMissingNullOrOfAnotherType(String eventType, String field,
                                                                                              Object value, String rule) {
        // given
        EventTypes.EventType type = eventTypes.find(eventType).orElseThrow();
        UUID id = UUID.randomUUID();
        Map<String, Object> event = withPayloadField(ExampleEvents.of(type, id), field, value);

        // when
        Response response = post("/api/v1/events", DepartmentKeys.demoKey(type.department()), json(event));

        // then
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:sharebus:problem:validation");
        assertThat(problem.get("errors").values()).extracting(e -> e.get("index").asInt(), e -> e.get("field").asString(),
                e -> e.get("rule").asString()).containsExactly(tuple(0, "payload." + field, rule));
        assertThat(recordsOf(TopicCatalogue.standard().department(type.department()).name(), id)).isEmpty();
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @MethodSource("brokenPrimitives")
    void shouldRefuseOnlyThatItemOfABatchWhenAPrimitiveFieldIsMissingNullOrOfAnotherType(String eventType, String field,
                                                                                        Object value, String rule) {
        // given a good event and, after it, one with the broken field
        EventTypes.EventType type = eventTypes.find(eventType).orElseThrow();
        UUID good = UUID.randomUUID();
        UUID bad = UUID.randomUUID();
        Map<String, Object> broken = withPayloadField(ExampleEvents.of(type, bad), field, value);

        // when
        Response response = post("/api/v1/events/batch", DepartmentKeys.demoKey(type.department()),
                json(List.of(ExampleEvents.of(type, good), broken)));

        // then the good one is published, the broken one refused as the sender's fault, not the gateway's
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        assertThat(results.get(0).get("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(results.get(1).get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(1).get("errors").values()).extracting(e -> e.get("index").asInt(), e -> e.get("field").asString(),
                e -> e.get("rule").asString()).containsExactly(tuple(1, "payload." + field, rule));
        assertThat(recordsOf(TopicCatalogue.standard().department(type.department()).name(), bad)).isEmpty();
    }

    /** Whole numbers outside their field's minimum and maximum schema properties. */
    static Stream<Arguments> outOfBounds() {
        return Stream.of(
                primitive("AnnualReportFiled", "reportYear", 1, "min"),
                primitive("AnnualReportFiled", "reportYear", 1948, "min"),
                primitive("AnnualReportFiled", "reportYear", 9999, "max"),
                primitive("AnnualReportFiled", "employeeCount", -1, "min"),
                primitive("TaxCreditLevelPublished", "year", 2101, "max"),
                primitive("TaxCreditLevelPublished", "score", 101, "max"),
                primitive("TaxCreditLevelPublished", "score", -5, "min"));
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @MethodSource("outOfBounds")
    void shouldRefuseWith400NamingFieldAndRuleWhenAWholeNumberIsOutsideItsBounds(String eventType, String field, Object value,
                                                                                String rule) {
        // given
        EventTypes.EventType type = eventTypes.find(eventType).orElseThrow();
        UUID id = UUID.randomUUID();
        Map<String, Object> event = withPayloadField(ExampleEvents.of(type, id), field, value);

        // when
        Response response = post("/api/v1/events", DepartmentKeys.demoKey(type.department()), json(event));

        // then
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("errors").values()).extracting(e -> e.get("field").asString(), e -> e.get("rule").asString(),
                e -> e.get("message").asString()).containsExactly(tuple("payload." + field, rule,
                (rule.equals("min") ? "must be at least " : "must be at most ") + bound(type, field, rule) + ", got " + value));
        assertThat(recordsOf(TopicCatalogue.standard().department(type.department()).name(), id)).isEmpty();
    }

    @ParameterizedTest(name = "reportYear {0}, filed {1}")
    @CsvSource({"2026, 2026-05-10T10:00:00+08:00", "2100, 2026-05-10T10:00:00+08:00", "2027, 2026-12-31T17:00:00Z"})
    void shouldRefuseAnAnnualReportOnAYearThatHadNotEndedWhenItWasFiled(int reportYear, String filedAt) {
        // given a report whose year is the year it was filed in, or later (in Beijing time: 17:00 UTC on 31 December 2026 is 2027)
        EventTypes.EventType type = eventTypes.find("AnnualReportFiled").orElseThrow();
        UUID id = UUID.randomUUID();
        Map<String, Object> event = withPayloadField(ExampleEvents.of(type, id), "reportYear", reportYear);
        payload(event).put("filedAt", filedAt);
        int filedIn = java.time.OffsetDateTime.parse(filedAt).atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).getYear();

        // when
        Response response = post("/api/v1/events", DepartmentKeys.demoKey(type.department()), json(event));

        // then it is refused naming the field, the rule and the years, and nothing is published
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("errors").values()).extracting(e -> e.get("field").asString(), e -> e.get("rule").asString())
                .containsExactly(tuple("payload.reportYear", "report-year"));
        assertThat(response.json().get("errors").get(0).get("message").asString())
                .contains("is " + reportYear + ", but the report was filed in " + filedIn, (filedIn - 1) + " or earlier");
        assertThat(recordsOf(TopicCatalogue.standard().department(type.department()).name(), id)).isEmpty();
    }

    @Test
    void shouldPublishWhenWholeNumbersAreOnTheirBounds() {
        // given
        EventTypes.EventType type = eventTypes.find("AnnualReportFiled").orElseThrow();
        Map<String, Object> oldest = withPayloadField(ExampleEvents.of(type, UUID.randomUUID()), "reportYear", 1949);
        payload(oldest).put("employeeCount", 0);
        Map<String, Object> latest = withPayloadField(ExampleEvents.of(type, UUID.randomUUID()), "reportYear", 2100);
        // (a report on 2100 is filed in 2101 at the earliest: payload dates are not checked against the clock)
        payload(latest).put("filedAt", "2101-01-05T10:00:00+08:00");

        // when
        Response response = post("/api/v1/events/batch", DepartmentKeys.demoKey(type.department()), json(List.of(oldest, latest)));

        // then
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("accepted").asInt()).as(response.body()).isEqualTo(2);
    }

    @Test
    void shouldRefuseWith400WhenAnEnvelopeIntegerIsOfAnotherType() {
        // given
        Map<String, Object> event = customsPenalty(UUID.randomUUID());
        event.put("schemaVersion", "1");

        // when
        Response response = post("/api/v1/events", CUSTOMS_KEY, json(event));

        // then
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("errors").values()).extracting(e -> e.get("field").asString(), e -> e.get("rule").asString())
                .containsExactly(tuple("schemaVersion", "type"));
    }

    @Test
    void shouldRefuseWith400NamingFieldAndRuleWhenAStringHoldsAnUnpairedSurrogate() {
        // given a JSON escape of half a character, which no JSON library writes from a Java string on its own
        UUID id = UUID.randomUUID();
        Map<String, Object> event = customsPenalty(id);
        payload(event).put("description", "HALF");
        String body = json(event).replace("HALF", "half a smiley \\ud83d");

        // when
        Response response = post("/api/v1/events", CUSTOMS_KEY, body);

        // then
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("errors").values()).extracting(e -> e.get("field").asString(), e -> e.get("rule").asString())
                .containsExactly(tuple("payload.description", "unpaired-surrogate"));
        assertThat(recordsOf("customs.events.v1", id)).isEmpty();
    }

    @Test
    void shouldPublishTheStringAsSentWhenItHoldsTabsLineBreaksAndSupplementaryCharacters() {
        // given
        UUID id = UUID.randomUUID();
        Map<String, Object> event = customsPenalty(id);
        payload(event).put("description", "第一行\r\n\t第二行 𠀀 😀");

        // when
        Response response = post("/api/v1/events", CUSTOMS_KEY, json(event));

        // then
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void shouldReportEveryBrokenRuleAtOnceWhenAnEventBreaksSeveral() {
        // given
        Map<String, Object> event = customsPenalty(UUID.randomUUID());
        event.put("uscc", "123");
        payload(event).put("amount", "-1.234");
        payload(event).remove("decidedAt");

        // when
        Response response = post("/api/v1/events", CUSTOMS_KEY, json(event));

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").values()).extracting(e -> e.get("field").asString(), e -> e.get("rule").asString())
                .containsExactlyInAnyOrder(tuple("uscc", "uscc"), tuple("payload.amount", "min"), tuple("payload.amount", "scale"),
                        tuple("payload.decidedAt", "required"));
    }

    @Test
    void shouldAcceptLowerCaseUsccAndPublishItUpperCased() {
        // given
        UUID id = UUID.randomUUID();
        Map<String, Object> event = customsPenalty(id);
        event.put("uscc", " 91330109j6h9752474 ");

        // when
        Response response = post("/api/v1/events", CUSTOMS_KEY, json(event));

        // then
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(new String(recordsOf("customs.events.v1", id).get(0).key())).isEqualTo("91330109J6H9752474");
    }

    /** The field's minimum or maximum schema property, as the contract gives it. */
    private static Object bound(EventTypes.EventType type, String field, String rule) {
        return type.payloadSchema().getField(field).getObjectProp(rule.equals("min") ? "minimum" : "maximum");
    }

    /** Stands for a field left out of the event. */
    private static final String ABSENT = "(absent)";

    private static Arguments primitive(String eventType, String field, Object value, String rule) {
        return Arguments.of(eventType, field, value, rule);
    }

    private static Map<String, Object> withPayloadField(Map<String, Object> event, String field, Object value) {
        if (ABSENT.equals(value)) {
            payload(event).remove(field);
        } else {
            payload(event).put(field, value);
        }
        return event;
    }

    private static Arguments broken(String rule, Consumer<Map<String, Object>> breaker, String field, String expectedRule) {
        return Arguments.of(rule, breaker, field, expectedRule);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> event) {
        return (Map<String, Object>) event.get("payload");
    }
}
