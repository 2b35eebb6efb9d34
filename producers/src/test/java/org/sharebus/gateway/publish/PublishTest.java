package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sharebus.event.common.Department;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.customs.CustomsPenaltyDecided;
import org.sharebus.gateway.GatewayIntegrationTest;
import org.sharebus.gateway.GatewayKafka;
import org.sharebus.gateway.GatewayProperties;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Publishing through the REST API, read back from the topic by a real consumer. */
class PublishTest extends GatewayIntegrationTest {

    private static final String TOPIC = "customs.events.v1";

    @Autowired
    private SchemaRegistryClient registry;
    @Autowired
    private GatewayKafka kafka;
    @Autowired
    private GatewayProperties properties;

    @Test
    void shouldAnswerWithTheReceiptOfTheStoredRecordWhenAnEventIsPublished() {
        // given
        UUID id = UUID.randomUUID();

        // when
        Response response = post("/api/v1/events", CUSTOMS_KEY, json(customsPenalty(id)));

        // then the receipt names where the broker stored the record, and its bytes
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode receipt = response.json();
        List<ConsumerRecord<byte[], byte[]>> stored = recordsOf(TOPIC, id);
        assertThat(stored).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = stored.get(0);
        assertThat(receipt.get("eventId").asString()).isEqualTo(id.toString());
        assertThat(receipt.get("topic").asString()).isEqualTo(TOPIC);
        assertThat(receipt.get("partition").asInt()).isEqualTo(record.partition());
        assertThat(receipt.get("offset").asLong()).isEqualTo(record.offset());
        assertThat(receipt.get("sha256").asString()).isEqualTo(HexFormat.of().formatHex(EventReader.sha256(record.value())));
        assertThat(new String(record.key())).isEqualTo("91330109J6H9752474");

        // and the value is the Avro event in the Confluent wire format, as any consumer reads it
        CustomsEvent event = new ConfluentAvroDeserializer<>(registry, CustomsEvent.class).deserialize(TOPIC, record.value());
        assertThat(event.getHeader().getEventId()).isEqualTo(id);
        assertThat(event.getHeader().getSourceDepartment()).isEqualTo(Department.CUSTOMS);
        assertThat(event.getHeader().getPublishedAt()).isNotNull();
        CustomsPenaltyDecided penalty = (CustomsPenaltyDecided) event.getPayload();
        assertThat(penalty.getAmount()).isEqualTo(new BigDecimal("125000.50"));
        assertThat(penalty.getDecidedAt()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(penalty.getDecisionNo()).isEqualTo("杭关缉违字〔2025〕0042号");
    }

    @Test
    void shouldGiveUpOnARecordWhenItsRequestIsAnsweredUnavailable() {
        // A record the producer still retried after the 503 could arrive beside the copy the client's retry sends.
        Map<String, Object> producer = kafka.template().getProducerFactory().getConfigurationProperties();
        assertThat(producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isEqualTo((int) properties.ackTimeout().toMillis());
        assertThat(kafka.deliveryTimeout()).isEqualTo(properties.ackTimeout());
    }

    @Test
    void shouldReturnTheSameReceiptAgainWhenAskedByEventId() {
        // given
        UUID id = UUID.randomUUID();
        String receipt = post("/api/v1/events", CUSTOMS_KEY, json(customsPenalty(id))).body();

        // when
        Response again = get("/api/v1/events/" + id, CUSTOMS_KEY);

        // then
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(JSON.readTree(receipt));
    }

    @Test
    void shouldAnswer404ProblemWhenTheEventIdIsUnknown() {
        // when
        Response response = get("/api/v1/events/" + UUID.randomUUID(), CUSTOMS_KEY);

        // then
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:sharebus:problem:unknown-event");
    }

    @Test
    void shouldAnswerProblemJsonAndAuditWhenAnApiRequestReachesNoHandler() {
        // when a path the API does not have, and a method the publishing endpoint does not take
        String mistyped = "/api/v1/evnets/batch-" + UUID.randomUUID();
        Response unknownPath = get(mistyped, CUSTOMS_KEY);
        Response wrongMethod = get("/api/v1/events", CUSTOMS_KEY);

        // then both are problems, like every other refusal
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.contentType()).startsWith("application/problem+json");
        assertThat(unknownPath.json().get("type").asString()).isEqualTo("urn:sharebus:problem:http-404");
        assertThat(unknownPath.json().get("detail").asString())
                .isEqualTo("no API operation at GET " + mistyped + "; /v3/api-docs and /swagger-ui.html list the operations");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
        assertThat(wrongMethod.json().get("detail").asString()).contains("GET");
        // and the attempt is in the audit log with the department its key names
        assertThat(readAll(org.sharebus.topic.TopicCatalogue.AUDIT).stream().map(r -> JSON.readTree(r.value()))
                .filter(entry -> ("GET " + mistyped).equals(entry.path("action").asString(null))).toList())
                .singleElement().satisfies(entry -> {
                    assertThat(entry.path("status").asInt()).isEqualTo(404);
                    assertThat(entry.path("department").asString()).isEqualTo("CUSTOMS");
                    assertThat(entry.path("outcome").asString()).isEqualTo("REFUSED");
                });
    }

    @Test
    void shouldSayWhichMethodsAPathTakesAndHowToAuthenticateWhenRefusing() {
        // when a method the path does not take, and a request without a key
        java.net.http.HttpResponse<String> wrongMethod = exchange("DELETE", "/api/v1/events/" + UUID.randomUUID(), CUSTOMS_KEY);
        java.net.http.HttpResponse<String> anonymous = exchange("GET", "/api/v1/events/" + UUID.randomUUID(), null);

        // then the answers carry the headers HTTP asks of them (RFC 9110: Allow on a 405, a challenge on a 401)
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
        assertThat(wrongMethod.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sharebus\"");
    }

    @Test
    void shouldNameTheRuleWhenABatchBodyIsEmptyOrNoArray() {
        // when
        Response empty = post("/api/v1/events/batch", CUSTOMS_KEY, "");
        Response object = post("/api/v1/events/batch", CUSTOMS_KEY, json(customsPenalty(UUID.randomUUID())));

        // then
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("detail").asString()).isEqualTo("a batch is a JSON array of events, got an empty body");
        assertThat(empty.json().get("errors").get(0).get("rule").asString()).isEqualTo("type");
        assertThat(object.json().get("errors").get(0).get("message").asString()).isEqualTo("must be a JSON array of events, got a JSON object");
    }

    static Stream<Arguments> refusedContentTypes() {
        List<Arguments> cases = new ArrayList<>();
        for (String path : List.of("/api/v1/events", "/api/v1/events/batch")) {
            cases.add(Arguments.of(path, null, "media-type"));
            cases.add(Arguments.of(path, "text/plain", "media-type"));
            cases.add(Arguments.of(path, "application/x-www-form-urlencoded", "media-type"));
            cases.add(Arguments.of(path, "application/octet-stream", "media-type"));
            cases.add(Arguments.of(path, "application/json; charset=GBK", "charset"));
            cases.add(Arguments.of(path, "application/json;charset=ISO-8859-1", "charset"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("refusedContentTypes")
    void shouldAnswer415NamingTheRuleAndPublishNothingWhenTheBodyIsNotUtf8Json(String path, String contentType, String rule) {
        // given a valid event, sent as something other than UTF-8 JSON
        UUID id = UUID.randomUUID();
        String event = json(customsPenalty(id));

        // when
        java.net.http.HttpResponse<String> response = postAs(path, CUSTOMS_KEY, contentType,
                path.endsWith("batch") ? "[" + event + "]" : event);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Accept")).hasValue("application/json, application/*+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:sharebus:problem:http-415");
        assertThat(problem.get("detail").asString()).startsWith("Content-Type ");
        assertThat(problem.get("errors").values()).extracting(e -> e.get("field").asString(), e -> e.get("rule").asString())
                .containsExactly(tuple("Content-Type", rule));
        assertThat(recordsOf(TOPIC, id)).isEmpty();
    }

    @Test
    void shouldAuditTheRefusalWithTheDepartmentWhenTheContentTypeIsNotJson() {
        // given a media type no other request sends
        String marker = UUID.randomUUID().toString();

        // when
        java.net.http.HttpResponse<String> response = postAs("/api/v1/events", CUSTOMS_KEY, "text/plain; request=" + marker,
                json(customsPenalty(UUID.randomUUID())));

        // then
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(readAll(TopicCatalogue.AUDIT).stream().map(r -> JSON.readTree(r.value()))
                .filter(entry -> entry.path("reason").asString("").contains(marker)).toList())
                .singleElement().satisfies(entry -> {
                    assertThat(entry.path("status").asInt()).isEqualTo(415);
                    assertThat(entry.path("department").asString()).isEqualTo("CUSTOMS");
                    assertThat(entry.path("outcome").asString()).isEqualTo("REFUSED");
                    assertThat(entry.path("reason").asString()).startsWith("http-415: Content-Type is 'text/plain;");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "application/JSON;charset=\"UTF-8\"", "application/vnd.sharebus.event+json"})
    void shouldPublishWhenTheContentTypeIsUtf8Json(String contentType) {
        // given
        UUID id = UUID.randomUUID();

        // when
        java.net.http.HttpResponse<String> response = postAs("/api/v1/events", CUSTOMS_KEY, contentType, json(customsPenalty(id)));

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(recordsOf(TOPIC, id)).hasSize(1);
    }

    @Test
    void shouldReturnTheOriginalReceiptAndPublishNothingWhenTheSameEventIsSentAgain() {
        // given
        UUID id = UUID.randomUUID();
        Map<String, Object> event = customsPenalty(id);
        Response first = post("/api/v1/events", CUSTOMS_KEY, json(event));

        // when the same content is sent again, the amount written differently
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) event.get("payload");
        payload.put("amount", new BigDecimal("125000.5"));
        Response second = post("/api/v1/events", CUSTOMS_KEY, json(event));

        // then
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(recordsOf(TOPIC, id)).hasSize(1);
    }

    @Test
    void shouldAnswer409WhenAnEventIdIsReusedForDifferentContent() {
        // given
        UUID id = UUID.randomUUID();
        Map<String, Object> event = customsPenalty(id);
        post("/api/v1/events", CUSTOMS_KEY, json(event));

        // when
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) event.get("payload");
        payload.put("amount", "1.00");
        Response response = post("/api/v1/events", CUSTOMS_KEY, json(event));

        // then
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("eventId");
        assertThat(error.get("rule").asString()).isEqualTo("conflict");
        assertThat(response.json().get("detail").asString())
                .startsWith("the event was not published: eventId '" + id + "' was used before for different content (published at ");
        assertThat(recordsOf(TOPIC, id)).hasSize(1);
    }

    @Test
    void shouldNotSayWhereAnotherDepartmentsEventIsStoredWhenItsIdIsReused() {
        // given customs published an event
        UUID id = UUID.randomUUID();
        Response customs = post("/api/v1/events", CUSTOMS_KEY, json(customsPenalty(id)));
        assertThat(customs.status()).isEqualTo(201);

        // when tax publishes one of its own under the same id
        Response tax = post("/api/v1/events", org.sharebus.gateway.auth.DepartmentKeys.demoKey(org.sharebus.event.common.Department.TAX),
                json(ExampleEvents.of(eventTypes.find("TaxCreditLevelPublished").orElseThrow(), id)));

        // then 409, without the topic, partition and offset customs' receipt holds
        assertThat(tax.status()).as(tax.body()).isEqualTo(409);
        assertThat(tax.body()).contains("another department").doesNotContain("customs.events.v1", "@");
    }

    @Test
    void shouldPublishTheValidItemsAndReportTheInvalidOnesByIndexWhenABatchIsMixed() {
        // given three events, the middle one invalid
        UUID good1 = UUID.randomUUID();
        UUID bad = UUID.randomUUID();
        UUID good2 = UUID.randomUUID();
        Map<String, Object> invalid = customsPenalty(bad);
        invalid.put("uscc", "91330109J6H975247A");

        // when
        Response response = post("/api/v1/events/batch", CUSTOMS_KEY,
                json(List.of(customsPenalty(good1), invalid, customsPenalty(good2))));

        // then
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("refused").asInt()).isEqualTo(1);
        JsonNode results = body.get("results");
        assertThat(results.get(0).get("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(results.get(0).get("receipt").get("eventId").asString()).isEqualTo(good1.toString());
        assertThat(results.get(1).get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(results.get(1).get("errors").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(results.get(1).get("errors").get(0).get("field").asString()).isEqualTo("uscc");
        assertThat(results.get(1).get("errors").get(0).get("rule").asString()).isEqualTo("uscc");
        assertThat(results.get(2).get("receipt").get("eventId").asString()).isEqualTo(good2.toString());
        // A receipt in a batch answer is the receipt GET answers, field for field.
        Response receipt = get("/api/v1/events/" + good2, CUSTOMS_KEY);
        assertThat(receipt.status()).isEqualTo(200);
        assertThat(results.get(2).get("receipt")).isEqualTo(receipt.json());
        assertThat(recordsOf(TOPIC, good1)).hasSize(1);
        assertThat(recordsOf(TOPIC, bad)).isEmpty();
        assertThat(recordsOf(TOPIC, good2)).hasSize(1);
    }

    @Test
    void shouldAnswer400WithEveryItemsErrorsWhenNoItemOfABatchIsValid() {
        // given
        Map<String, Object> noName = customsPenalty(UUID.randomUUID());
        noName.remove("enterpriseName");
        Map<String, Object> badType = customsPenalty(UUID.randomUUID());
        badType.put("eventType", "CustomsParadeHeld");

        // when
        Response response = post("/api/v1/events/batch", CUSTOMS_KEY, json(List.of(noName, badType)));

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("index").asInt()).isEqualTo(0);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("enterpriseName");
        assertThat(errors.get(0).get("rule").asString()).isEqualTo("required");
        assertThat(errors.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(errors.get(1).get("rule").asString()).isEqualTo("unknown-event-type");
    }

    @Test
    void shouldPublishOnceAndAnswerTheSameReceiptWhenABatchRepeatsAnEvent() {
        // given
        UUID id = UUID.randomUUID();
        Map<String, Object> event = customsPenalty(id);

        // when
        Response response = post("/api/v1/events/batch", CUSTOMS_KEY, json(List.of(event, event)));

        // then
        JsonNode results = response.json().get("results");
        assertThat(results.get(0).get("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(results.get(1).get("outcome").asString()).isEqualTo("DUPLICATE");
        assertThat(results.get(1).get("receipt")).isEqualTo(results.get(0).get("receipt"));
        assertThat(recordsOf(TOPIC, id)).hasSize(1);
    }

    @Test
    void shouldAnswer400NamingTheRuleWhenABatchHasMoreThan1000Events() {
        // given
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            events.add(Map.of("eventId", UUID.randomUUID().toString()));
        }

        // when
        Response response = post("/api/v1/events/batch", CUSTOMS_KEY, json(events));

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:sharebus:problem:max-items");
        assertThat(response.json().get("errors").get(0).get("rule").asString()).isEqualTo("max-items");
        assertThat(response.json().get("detail").asString()).contains("at most 1000 events", "1001");
    }

    @Test
    void shouldAnswer400NamingTheRuleWhenABatchHasNoEvent() {
        // when
        Response response = post("/api/v1/events/batch", CUSTOMS_KEY, "[ ]");

        // then
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:sharebus:problem:min-items");
        assertThat(problem.get("detail").asString()).isEqualTo("a batch holds 1 to 1000 events, this one has none");
        assertThat(problem.get("errors").values()).extracting(e -> e.get("field").asString(), e -> e.get("rule").asString())
                .containsExactly(tuple("", "min-items"));
    }

    @Test
    void shouldAnswer413WhenTheBodyIsLargerThanOneMebibyte() {
        // given a body of 1 MiB + 1 byte
        String body = "[" + " ".repeat((1 << 20) - 1) + "]";

        // when
        Response response = post("/api/v1/events/batch", CUSTOMS_KEY, body);

        // then
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:sharebus:problem:max-size");
        assertThat(response.json().get("detail").asString()).startsWith("a batch may have at most 1048576 bytes (1 MiB) of JSON; split it");
    }

    @Test
    void shouldAnswer413WithoutSpeakingOfABatchWhenASingleEventIsLargerThanOneMebibyte() {
        // given an event of over 1 MiB
        Map<String, Object> event = customsPenalty(UUID.randomUUID());
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) event.get("payload");
        payload.put("description", "x".repeat(1 << 20));

        // when
        Response response = post("/api/v1/events", CUSTOMS_KEY, json(event));

        // then
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:sharebus:problem:max-size");
        assertThat(response.json().get("detail").asString()).startsWith("an event may have at most 1048576 bytes (1 MiB) of JSON")
                .doesNotContain("batch");
    }

    @Test
    void shouldSayTheBodyIsEmptyWithoutAnEmptyFieldNameWhenASingleEventsBodyIsEmpty() {
        // when
        Response response = post("/api/v1/events", CUSTOMS_KEY, "");

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString())
                .isEqualTo("the event was not published: an event must be a JSON object, got an empty body");
        assertThat(response.json().get("errors").values()).extracting(e -> e.get("field").asString(), e -> e.get("rule").asString())
                .containsExactly(tuple("", "type"));
    }

    @Test
    void shouldAnswer400NamingThePositionWhenTheJsonIsMalformed() {
        // when
        Response response = post("/api/v1/events", CUSTOMS_KEY, "{\n  \"eventId\": \"x\",\n  \"uscc\": ,\n}");

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:sharebus:problem:malformed-json");
        assertThat(response.json().get("detail").asString()).contains("line 3, column");
    }

    @Test
    void shouldKeepTheBodyOutOfTheAuditLogWhenTheJsonIsMalformed() {
        // when a sender's malformed body holds a person's name (in pinyin) where a quoted value should be
        Response response = post("/api/v1/events", CUSTOMS_KEY, "{\"legalRepresentative\": ZhangSanfeng}");

        // then the sender is told the token, but the audit log, kept for ever, records only where the JSON broke
        assertThat(response.json().get("detail").asString()).contains("ZhangSanfeng");
        List<String> reasons = readAll(TopicCatalogue.AUDIT).stream().map(r -> JSON.readTree(r.value()).path("reason").asString(""))
                .filter(reason -> reason.startsWith("malformed-json")).toList();
        assertThat(reasons).noneMatch(reason -> reason.contains("ZhangSanfeng"))
                .contains("malformed-json: the body is not valid JSON at line 1, column 25");
    }
}
