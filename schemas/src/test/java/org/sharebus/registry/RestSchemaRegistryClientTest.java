package org.sharebus.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharebus.event.customs.CustomsEvent;

/**
 * The REST client against {@link FakeConfluentRegistry}, a scripted Confluent-API server on the
 * JDK's HTTP server. The fake stands in for sharebus's embedded registry, which another engineer
 * is writing in parallel; interoperability with a real registry is tested where that one lives.
 */
class RestSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema CUSTOMS = CustomsEvent.getClassSchema();
    private static final String SUBJECT = "customs.events.v1-value";

    private final FakeConfluentRegistry fake = FakeConfluentRegistry.start();
    private final RestSchemaRegistryClient client = client(fake.url(), 3);

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void shouldPostTheSchemaAsAJsonStringWithTheRegistryContentTypeWhenRegistering() throws Exception {
        // given
        fake.answer("POST", "/subjects/customs.events.v1-value/versions", 200, "{\"id\": 7}");

        // when
        int id = client.register(SUBJECT, CUSTOMS);

        // then
        assertThat(id).isEqualTo(7);
        FakeConfluentRegistry.Request request = fake.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/subjects/customs.events.v1-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("schema").asText()).isEqualTo(CUSTOMS.toString());
        assertThat(new Schema.Parser().parse(body.get("schema").asText())).isEqualTo(CUSTOMS);
    }

    @Test
    void shouldAskOnceWhenTheSameSchemaIsRegisteredAgainOrItsIdIsRead() {
        // given
        fake.answer("POST", "/subjects/customs.events.v1-value/versions", 200, "{\"id\": 7}");

        // when
        client.register(SUBJECT, CUSTOMS);
        int again = client.register(SUBJECT, CUSTOMS);
        Schema byId = client.getById(7);

        // then
        assertThat(again).isEqualTo(7);
        assertThat(byId).isEqualTo(CUSTOMS);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void shouldFetchTheSchemaByIdOnceWhenAskedTwice() {
        // given
        fake.answer("GET", "/schemas/ids/7", 200, schemaAnswer(CUSTOMS));

        // when
        Schema first = client.getById(7);
        Schema second = client.getById(7);

        // then
        assertThat(first).isEqualTo(CUSTOMS);
        assertThat(second).isSameAs(first);
        assertThat(fake.requests()).extracting(FakeConfluentRegistry.Request::method, FakeConfluentRegistry.Request::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/schemas/ids/7"));
    }

    @Test
    void shouldFetchAnIdOnceWhenEightThreadsAskForItAtOnce() throws Exception {
        // given: a slow answer, so that the threads ask while the first request is under way
        fake.answerAfter(Duration.ofMillis(300), "GET", "/schemas/ids/7", 200, schemaAnswer(CUSTOMS));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Schema>> results = new ArrayList<>();

        // when
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return client.getById(7);
                }));
            }
            start.countDown();
            for (Future<Schema> result : results) {
                assertThat(result.get()).isEqualTo(CUSTOMS);
            }
        } finally {
            pool.shutdownNow();
        }

        // then
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void shouldReadTheLatestVersionOfASubject() {
        // given
        fake.answer("GET", "/subjects/customs.events.v1-value/versions/latest", 200,
                "{\"subject\": \"customs.events.v1-value\", \"version\": 3, \"id\": 12, \"schema\": "
                        + JSON.valueToTree(CUSTOMS.toString()) + "}");

        // when
        RegisteredSchema latest = client.getLatest(SUBJECT);

        // then
        assertThat(latest).isEqualTo(new RegisteredSchema(SUBJECT, 3, 12, CUSTOMS));
    }

    @Test
    void shouldLookUpASchemaUnderItsSubjectWhicheverVersionItIsAndSayWhenItIsNotThere() throws Exception {
        // given
        fake.answer("POST", "/subjects/customs.events.v1-value", 200,
                "{\"subject\": \"customs.events.v1-value\", \"version\": 1, \"id\": 7, \"schema\": \"\"}");

        // when
        int id = client.lookup(SUBJECT, CUSTOMS);

        // then
        assertThat(id).isEqualTo(7);
        assertThat(JSON.readTree(fake.requests().get(0).body()).get("schema").asText()).isEqualTo(CUSTOMS.toString());
        fake.answer("POST", "/subjects/x-value", 404, "{\"error_code\": 40403, \"message\": \"Schema not found\"}");
        assertThatThrownBy(() -> client.lookup("x-value", CUSTOMS))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void shouldPostToTheCompatibilityPathAndReadIsCompatible() throws Exception {
        // given
        fake.answer("POST", "/compatibility/subjects/customs.events.v1-value/versions", 200, "{\"is_compatible\": false}");

        // when
        boolean compatible = client.isCompatible(SUBJECT, CUSTOMS);

        // then
        assertThat(compatible).isFalse();
        FakeConfluentRegistry.Request request = fake.requests().get(0);
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(JSON.readTree(request.body()).get("schema").asText()).isEqualTo(CUSTOMS.toString());
    }

    @Test
    void shouldCallASchemaCompatibleWhenTheSubjectDoesNotExist() {
        // given
        fake.answer("POST", "/compatibility/subjects/customs.events.v1-value/versions", 404,
                "{\"error_code\": 40401, \"message\": \"Subject 'customs.events.v1-value' not found.\"}");
        fake.answer("GET", "/subjects", 200, "[\"market.events.v1-value\"]");

        // when / then
        assertThat(client.isCompatible(SUBJECT, CUSTOMS)).isTrue();
    }

    @Test
    void shouldNotCallEverySchemaCompatibleWhenTheUrlIsWrong() {
        // given: nothing answers under this path, so both requests get a plain 404

        // when / then
        assertThatThrownBy(() -> client.isCompatible(SUBJECT, CUSTOMS))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
    }

    @Test
    void shouldListSubjects() {
        // given
        fake.answer("GET", "/subjects", 200, "[\"customs.events.v1-value\", \"market.events.v1-value\"]");

        // when / then
        assertThat(client.subjects()).containsExactly("customs.events.v1-value", "market.events.v1-value");
    }

    @Test
    void shouldReadAndSetCompatibilityLevels() throws Exception {
        // given
        fake.answer("GET", "/config", 200, "{\"compatibilityLevel\": \"BACKWARD_TRANSITIVE\"}");
        fake.answer("GET", "/config/customs.events.v1-value", 200, "{\"compatibilityLevel\": \"FULL\"}");
        fake.answer("PUT", "/config/customs.events.v1-value", 200, "{\"compatibility\": \"NONE\"}");
        fake.answer("PUT", "/config", 200, "{\"compatibility\": \"FORWARD\"}");

        // when
        Compatibility global = client.getCompatibility(null);
        Compatibility subject = client.getCompatibility(SUBJECT);
        client.setCompatibility(SUBJECT, Compatibility.NONE);
        client.setCompatibility(null, Compatibility.FORWARD);

        // then
        assertThat(global).isEqualTo(Compatibility.BACKWARD_TRANSITIVE);
        assertThat(subject).isEqualTo(Compatibility.FULL);
        List<FakeConfluentRegistry.Request> requests = fake.requests();
        assertThat(requests.get(1).query()).isEqualTo("defaultToGlobal=true");
        assertThat(requests.get(2).method()).isEqualTo("PUT");
        assertThat(requests.get(2).contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(JSON.readTree(requests.get(2).body())).isEqualTo(JSON.readTree("{\"compatibility\": \"NONE\"}"));
        assertThat(JSON.readTree(requests.get(3).body())).isEqualTo(JSON.readTree("{\"compatibility\": \"FORWARD\"}"));
    }

    @Test
    void shouldFallBackToTheGlobalLevelWhenTheRegistryHasNoneForTheSubject() {
        // given
        fake.answer("GET", "/config/customs.events.v1-value", 404,
                "{\"error_code\": 40408, \"message\": \"Subject 'customs.events.v1-value' does not have subject-level compatibility configured\"}");
        fake.answer("GET", "/config", 200, "{\"compatibilityLevel\": \"BACKWARD\"}");

        // when / then
        assertThat(client.getCompatibility(SUBJECT)).isEqualTo(Compatibility.BACKWARD);
    }

    @Test
    void shouldNameRegistrySubjectAndCodeWhenSubjectIsNotFound() {
        // given
        fake.answer("GET", "/subjects/x-value/versions/latest", 404,
                "{\"error_code\": 40401, \"message\": \"Subject 'x-value' not found.\"}");

        // when / then
        assertThatThrownBy(() -> client.getLatest("x-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40401);
                })
                .hasMessage("schema registry at " + fake.url() + ": subject 'x-value' not found (40401):"
                        + " Subject 'x-value' not found.");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void shouldNameTheIdWhenSchemaIsNotFound() {
        // given
        fake.answer("GET", "/schemas/ids/99", 404, "{\"error_code\": 40403, \"message\": \"Schema 99 not found\"}");

        // when / then
        assertThatThrownBy(() -> client.getById(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                })
                .hasMessageStartingWith("schema registry at " + fake.url() + ": schema id 99 not found (40403)");
    }

    @Test
    void shouldMapAnIncompatibleAnswerByStatusWhenTheRegistryGivesNoCode() {
        // given: Apicurio's ccompat API answers 409 with error_code 0
        fake.answer("POST", "/subjects/customs.events.v1-value/versions", 409,
                "{\"error_code\": 0, \"message\": \"Incompatible artifact: READER_FIELD_MISSING_DEFAULT_VALUE\"}");

        // when / then
        assertThatThrownBy(() -> client.register(SUBJECT, CUSTOMS))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessage("schema registry at " + fake.url() + ": schema is incompatible with the earlier schemas of"
                        + " subject 'customs.events.v1-value' (409): Incompatible artifact: READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void shouldReportInvalidSchemaWith42201() {
        // given
        fake.answer("POST", "/subjects/customs.events.v1-value/versions", 422,
                "{\"error_code\": 42201, \"message\": \"Invalid schema\"}");

        // when / then
        assertThatThrownBy(() -> client.register(SUBJECT, CUSTOMS))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42201);
                })
                .hasMessageContaining("invalid schema for subject 'customs.events.v1-value' (42201)");
    }

    @Test
    void shouldRetryAndSucceedWhenTheRegistryIsBrieflyUnavailable() {
        // given
        String path = "/subjects/customs.events.v1-value/versions";
        fake.answer("POST", path, 503, "{\"error_code\": 50003, \"message\": \"Error while forwarding the request to the leader\"}")
                .answer("POST", path, 429, "{\"error_code\": 42901, \"message\": \"Request rate limit exceeded\"}")
                .answer("POST", path, 200, "{\"id\": 3}");

        // when
        int id = client.register(SUBJECT, CUSTOMS);

        // then
        assertThat(id).isEqualTo(3);
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void shouldGiveUpAfterTheRetriesWhenTheRegistryStaysUnavailable() {
        // given
        fake.answer("GET", "/schemas/ids/7", 503, "<html><body><h1>503 Service Unavailable</h1></body></html>");
        RestSchemaRegistryClient twoRetries = client(fake.url(), 2);

        // when / then
        assertThatThrownBy(() -> twoRetries.getById(7))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo(503);
                })
                .hasMessage("schema registry at " + fake.url() + ": fetching schema id 7 failed with HTTP 503 (503)"
                        + " (3 attempts): <html><body><h1>503 Service Unavailable</h1></body></html>");
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void shouldNotRetryWhenTheRegistryAnswers404() {
        // given
        fake.answer("GET", "/schemas/ids/7", 404, "{\"error_code\": 40403, \"message\": \"Schema 7 not found\"}");

        // when / then
        assertThatThrownBy(() -> client.getById(7)).isInstanceOf(SchemaRegistryException.class);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void shouldSayHowLongItWaitedWhenTheRegistryDoesNotAnswerInTime() {
        // given
        fake.answerAfter(Duration.ofSeconds(5), "GET", "/schemas/ids/7", 200, schemaAnswer(CUSTOMS));
        RestSchemaRegistryClient impatient = new RestSchemaRegistryClient(fake.url(), Duration.ofMillis(200), 0);

        // when / then
        assertThatThrownBy(() -> impatient.getById(7))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.getCause()).isInstanceOf(java.net.http.HttpTimeoutException.class);
                })
                .hasMessage("schema registry at " + fake.url() + ": fetching schema id 7: no answer to GET "
                        + fake.url() + "/schemas/ids/7 within 200 ms (1 attempt)");
    }

    @Test
    void shouldNameTheUrlWhenNothingListens() {
        // given
        URI closed = fake.url();
        fake.close();
        RestSchemaRegistryClient noRetry = client(closed, 0);

        // when / then
        assertThatThrownBy(() -> noRetry.subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isZero())
                .hasMessageStartingWith("schema registry at " + closed + ": listing subjects: GET " + closed
                        + "/subjects failed (1 attempt): java.net.ConnectException");
    }

    @Test
    void shouldKeepThePathOfTheBaseUrlWhenTheRegistryIsServedUnderOne() {
        // given: Apicurio serves the Confluent API under /apis/ccompat/v7
        fake.answer("POST", "/apis/ccompat/v7/subjects/customs.events.v1-value/versions", 200, "{\"id\": 1}");
        RestSchemaRegistryClient apicurio = client(URI.create(fake.url() + "/apis/ccompat/v7/"), 0);

        // when
        int id = apicurio.register(SUBJECT, CUSTOMS);

        // then
        assertThat(id).isEqualTo(1);
        assertThat(fake.requests().get(0).path()).isEqualTo("/apis/ccompat/v7/subjects/customs.events.v1-value/versions");
    }

    @Test
    void shouldEncodeTheSubjectWhenItHasCharactersOutsideAPathSegment() {
        // given
        fake.answer("POST", "/subjects/a%2Fb%20c/versions", 200, "{\"id\": 2}");

        // when / then
        assertThat(client.register("a/b c", CUSTOMS)).isEqualTo(2);
    }

    @Test
    void shouldRefuseANonAvroSchema() {
        // given
        fake.answer("GET", "/schemas/ids/5", 200, "{\"schemaType\": \"PROTOBUF\", \"schema\": \"syntax = \\\"proto3\\\";\"}");

        // when / then
        assertThatThrownBy(() -> client.getById(5))
                .hasMessage("schema registry at " + fake.url() + ": schema id 5 is a PROTOBUF schema, not Avro");
    }

    private static RestSchemaRegistryClient client(URI url, int retries) {
        return new RestSchemaRegistryClient(url, Duration.ofSeconds(5), retries, Duration.ofMillis(10));
    }

    static String schemaAnswer(Schema schema) {
        return "{\"schema\": " + JSON.valueToTree(schema.toString()) + "}";
    }
}
