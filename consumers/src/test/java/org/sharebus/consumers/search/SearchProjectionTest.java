package org.sharebus.consumers.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharebus.consumers.ConsumersApplication;
import org.sharebus.consumers.TestBus;
import org.sharebus.consumers.inspection.InspectionService;
import org.sharebus.consumers.projection.ProjectionContainers;
import org.sharebus.event.EventExamples;
import org.sharebus.event.TaxExamples;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.tax.TaxCreditLevel;
import org.sharebus.event.tax.TaxCreditLevelPublished;
import org.sharebus.event.tax.TaxEvent;
import org.sharebus.inspection.InspectionItem;
import org.sharebus.inspection.InspectionItems;
import org.sharebus.platform.testing.RawHttp;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.KeptFact;
import org.sharebus.profile.Penalty;
import org.sharebus.profile.SharedFacts;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.uscc.UsccGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The search read model as deployed: every example event published to the department topics on
 * the in-process broker, the profile builder writing sharebus.profiles.v1, the projection keeping
 * the real (embedded) PostgreSQL in step, and the search API reading it.
 */
@SpringBootTest(classes = ConsumersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0", "sharebus.topics.department-partitions=2",
        "sharebus.profile.advertised-host=127.0.0.1", "server.shutdown=immediate"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchProjectionTest {

    private static final String TRADER = EventExamples.XIAOSHAN_TRADING.uscc().value();
    /** A valid USCC (UsccGenerator, seed 20261130, Xiaoshan) that no example enterprise has. */
    private static final String STRANGER = "913301094539359097";
    private static final String CUSTOMS_PENALTY = "杭关缉违字〔2026〕0042号";
    private static final int ENTERPRISES = 6;

    @LocalServerPort
    int port;
    @Autowired
    KafkaConnectionDetails kafka;
    @Autowired
    SchemaRegistryClient registry;
    @Autowired
    EnterpriseSearch search;
    @Autowired
    InspectionService inspections;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SearchProjection projection;
    @Autowired
    JdbcTemplate template;
    @Autowired
    TransactionTemplate transaction;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void publishEveryExample() throws Exception {
        TestBus.publish(bootstrap(), registry, EventExamples.all().stream().map(EventExamples.Example::event).toList());
        // Each profile is projected once its last event is applied.
        TestBus.awaitGet(api("/api/v1/enterprises?size=100"), r -> r.statusCode() == 200
                && read(r).path("totalElements").asInt() == ENTERPRISES
                && read(r).path("content").findValues("eventCount").stream().mapToInt(JsonNode::asInt).sum() == EventExamples.all().size());
    }

    @Test
    void shouldFindEnterpriseByNameFragmentWithItsDistrictClassAndStatusWhenProfileProjected() throws Exception {
        // when
        HttpResponse<String> response = TestBus.get(api("/api/v1/enterprises?name=萧山进出口"));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = read(response);
        assertThat(page.path("totalElements").asInt()).isEqualTo(1);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(20);
        JsonNode trader = page.path("content").get(0);
        assertThat(trader.path("uscc").asText()).isEqualTo(TRADER);
        assertThat(trader.path("name").asText()).isEqualTo("杭州萧山进出口贸易有限公司");
        assertThat(trader.path("district").asText()).isEqualTo("萧山区");
        assertThat(trader.path("riskClass").asText()).isEqualTo("D");
        // times to the millisecond, as the profile has them
        EnterpriseProfile profile = latestProfile(TRADER);
        assertThat(Instant.parse(trader.path("lastOccurredAt").asText())).isEqualTo(profile.getLastOccurredAt());
        assertThat(Instant.parse(trader.path("changedAt").asText())).isEqualTo(profile.getChangedAt());
        assertThat(trader.has("updatedAt")).isFalse();
    }

    @Test
    void shouldNeitherCountNorDateInTheSharedRowAnEventItsDepartmentKeptToItself() throws Exception {
        // given the cloud company's row, which every department searches
        String cloud = EventExamples.BINJIANG_CLOUD.uscc().value();
        Map<String, Object> before = sharedColumns(cloud);

        // when tax publishes a credit level for its own staff only, dated after every other event of the enterprise
        TaxEvent example = TaxExamples.creditLevelA();
        TaxCreditLevelPublished level = TaxCreditLevelPublished.newBuilder((TaxCreditLevelPublished) example.getPayload())
                .setYear(2026).setLevel(TaxCreditLevel.B).setScore(80).build();
        TaxEvent internal = TaxEvent.newBuilder().setPayload(level).setHeader(EventHeader.newBuilder(example.getHeader())
                .setEventId(UUID.randomUUID()).setOccurredAt(EventExamples.at(2026, 11, 20, 10, 0))
                .setVisibility(Visibility.INTERNAL).build()).build();
        TestBus.publish(bootstrap(), registry, List.of(internal));

        // then the row was written again (the profile moved on), but its count and times are those before
        Instant deadline = Instant.now().plus(TestBus.PATIENCE);
        while (sharedColumns(cloud).get("profile_updated_at").equals(before.get("profile_updated_at"))) {
            assertThat(Instant.now()).as("the row written after the INTERNAL event").isBefore(deadline);
            Thread.sleep(100);
        }
        Map<String, Object> after = sharedColumns(cloud);
        for (String column : List.of("event_count", "last_occurred_at", "changed_at")) {
            assertThat(after.get(column)).as(column).isEqualTo(before.get(column)).isNotNull();
        }
    }

    @Test
    void shouldShowAnEnterpriseOnlyInternalEventsToldOfToTheirDepartmentAlone() throws Exception {
        // given an enterprise the bus has heard of from tax alone, in an event tax kept to itself
        EventExamples.Enterprise hidden = new EventExamples.Enterprise(new UsccGenerator(20261129).next("330106"),
                "杭州仅税务知悉科技有限公司", "330106");
        TaxCreditLevelPublished level = TaxCreditLevelPublished.newBuilder().setYear(2025).setLevel(TaxCreditLevel.C).setScore(60).build();
        TestBus.publish(bootstrap(), registry, List.of(TaxEvent.newBuilder().setPayload(level).setHeader(EventExamples.header(
                Department.TAX, hidden, level, EventExamples.at(2026, 11, 20, 10, 0), Visibility.INTERNAL).build()).build()));
        String uscc = hidden.uscc().value();
        String tax = TestBus.apiKey(Department.TAX);
        TestBus.awaitGet(api("/api/v1/enterprises?name=" + uscc), tax, r -> read(r).path("totalElements").asInt() == 1);

        // when market supervision looks for it, then it finds nothing: no row, no profile, as if no event had told of it
        assertThat(read(TestBus.get(api("/api/v1/enterprises?name=" + uscc))).path("totalElements").asInt()).isZero();
        assertThat(read(TestBus.get(api("/api/v1/enterprises?name=仅税务知悉"))).path("totalElements").asInt()).isZero();
        HttpResponse<String> profile = TestBus.get(api("/api/v1/enterprises/" + uscc));
        assertThat(profile.statusCode()).isEqualTo(404);
        assertThat(read(profile).path("detail").asText()).startsWith("no profile for USCC " + uscc + ": the bus holds no event about it"
                + " that your department may see. An event published just now reaches the profile within seconds");
        assertThat(TestBus.get(api("/api/v1/enterprises/" + uscc + "/timeline")).statusCode()).isEqualTo(404);

        // and tax finds both, its event counted as its own
        assertThat(read(TestBus.get(api("/api/v1/enterprises?name=仅税务知悉"), tax)).path("totalElements").asInt()).isEqualTo(1);
        JsonNode own = read(TestBus.get(api("/api/v1/enterprises/" + uscc), tax));
        assertThat(own.path("eventCount").asInt()).isZero();
        assertThat(own.path("internalEvents").get(0).path("eventCount").asInt()).isEqualTo(1);
    }

    private Map<String, Object> sharedColumns(String uscc) {
        return jdbc.sql("SELECT event_count, last_occurred_at, changed_at, profile_updated_at FROM consumers.enterprise WHERE uscc = ?")
                .param(uscc).query().singleRow();
    }

    @Test
    void shouldMatchUsccFragmentInAnyCaseWhenSearchingByName() throws Exception {
        // when a fragment of the USCC is typed in lower case
        JsonNode page = read(TestBus.get(api("/api/v1/enterprises?name=" + TRADER.substring(8, 14).toLowerCase())));

        // then
        assertThat(page.path("content").findValuesAsText("uscc")).containsExactly(TRADER);
    }

    @Test
    void shouldFindUsccTypedInFullWidthCharactersWhenSearchingByName() throws Exception {
        // when the USCC is typed in an input method's full-width mode (９１３３…), whole or in part
        String fullWidth = TRADER.chars().mapToObj(c -> Character.toString(c - '!' + '！')).reduce("", String::concat);
        JsonNode whole = read(TestBus.get(api("/api/v1/enterprises?name=" + URLEncoder.encode(fullWidth, StandardCharsets.UTF_8))));
        JsonNode part = read(TestBus.get(api("/api/v1/enterprises?name="
                + URLEncoder.encode(fullWidth.substring(8, 14), StandardCharsets.UTF_8))));

        // then
        assertThat(whole.path("content").findValuesAsText("uscc")).containsExactly(TRADER);
        assertThat(part.path("content").findValuesAsText("uscc")).containsExactly(TRADER);
    }

    @Test
    void shouldFilterByDistrictNameRegionCodeRiskClassAndStatusWhenGiven() throws Exception {
        assertThat(read(TestBus.get(api("/api/v1/enterprises?district=西湖区"))).path("content").findValuesAsText("uscc"))
                .containsExactly(EventExamples.XIXI_DIGITAL.uscc().value());
        assertThat(read(TestBus.get(api("/api/v1/enterprises?district=330109"))).path("content").findValuesAsText("uscc"))
                .containsExactly(TRADER);
        assertThat(read(TestBus.get(api("/api/v1/enterprises?riskClass=d"))).path("content").findValuesAsText("riskClass"))
                .isNotEmpty().containsOnly("D");
        JsonNode active = read(TestBus.get(api("/api/v1/enterprises?status=ACTIVE&size=100")));
        assertThat(active.path("content").findValuesAsText("status")).isNotEmpty().containsOnly("ACTIVE");
        assertThat(active.path("totalElements").asInt()).isEqualTo(active.path("content").size());
    }

    @Test
    void shouldLeaveRiskOutAndRefuseSearchByClassWhenAnotherDepartmentAsks() throws Exception {
        // when customs searches
        JsonNode page = read(TestBus.get(api("/api/v1/enterprises?name=萧山进出口"), TestBus.apiKey(Department.CUSTOMS)));

        // then it finds the trader without its class and score, market supervision's INTERNAL fact
        JsonNode trader = page.path("content").get(0);
        assertThat(trader.path("uscc").asText()).isEqualTo(TRADER);
        assertThat(trader.path("riskClass").isNull()).isTrue();
        assertThat(trader.path("riskScore").isNull()).isTrue();

        // and may not search by class
        HttpResponse<String> byClass = TestBus.get(api("/api/v1/enterprises?riskClass=D"), TestBus.apiKey(Department.CUSTOMS));
        assertThat(byClass.statusCode()).isEqualTo(403);
        assertThat(byClass.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = read(byClass);
        assertThat(problem.path("field").asText()).isEqualTo("riskClass");
        assertThat(problem.path("rule").asText()).isEqualTo("internal");
        assertThat(problem.path("detail").asText())
                .isEqualTo("the credit-risk class is MARKET's INTERNAL classification (企业信用风险分类): CUSTOMS may not search by it");
    }

    @Test
    void shouldAnswerRequestedPageWithTotalWhenPaging() throws Exception {
        // given every enterprise, by name
        List<String> all = read(TestBus.get(api("/api/v1/enterprises?size=100"))).path("content").findValuesAsText("uscc");

        // when the second page of two is asked for
        JsonNode page = read(TestBus.get(api("/api/v1/enterprises?page=1&size=2")));

        // then
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("size").asInt()).isEqualTo(2);
        assertThat(page.path("totalElements").asInt()).isEqualTo(all.size());
        assertThat(page.path("content").findValuesAsText("uscc")).containsExactlyElementsOf(all.subList(2, 4));
    }

    @Test
    void shouldAnswerProblemNamingTheParameterWhenSearchIsInvalid() throws Exception {
        assertProblem("size=101", "size", "max", "size must be at most 100, got 101");
        assertProblem("size=0", "size", "min", "size must be at least 1, got 0");
        assertProblem("page=-1", "page", "min", "page must be at least 0, got -1");
        assertProblem("page=two", "page", "type", "page must be a whole number, got 'two'");
        // a number too large for any integer is too large, not "not a whole number"
        assertProblem("size=99999999999999999999", "size", "max", "size must be at most 100, got 99999999999999999999");
        assertProblem("page=2147483648", "page", "max", "page must be at most 2147483647, got 2147483648");
        assertProblem("riskClass=E", "riskClass", "enum", "riskClass must be one of A, B, C, D, UNKNOWN, got 'E'");
        assertProblem("status=CLOSED", "status", "enum", "status must be one of ACTIVE, REVOKED, DEREGISTERED, UNKNOWN, got 'CLOSED'");
        // a NUL cannot even be sent to PostgreSQL: refused before, not a 500 from the driver
        assertProblem("name=%00", "name", "characters", "name must not contain control characters");
        assertProblem("district=%E8%A5%BF%00", "district", "characters", "district must not contain control characters");
        // a parameter the search does not take is named, not ignored (a misspelt filter would list every enterprise)
        assertProblem("nmae=%E8%A5%BF", "nmae", "unknown", "the search takes name, district, riskClass, status, page, size; 'nmae' is none of them");
    }

    @Test
    void shouldAnswerProblemJsonWhenSpringItselfRefusesAnApiRequest() throws Exception {
        String key = TestBus.apiKey(Department.CUSTOMS);
        // when a method the path does not take, a path the API does not have, and a type it cannot answer in
        HttpResponse<String> wrongMethod = TestBus.exchange(HttpRequest.newBuilder(URI.create(api("/api/v1/enterprises")))
                .header("Authorization", key).DELETE().build());
        HttpResponse<String> unknownPath = TestBus.get(api("/api/v1/enterprises/91330109J6H9752474/x"), key);
        HttpResponse<String> notAcceptable = TestBus.exchange(HttpRequest.newBuilder(URI.create(api("/api/v1/enterprises?name=x")))
                .header("Authorization", key).header("Accept", "application/xml").GET().build());

        // then each is a problem, as the API's own refusals are, with what the caller needs to do instead
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(read(unknownPath).path("detail").asText()).isEqualTo("no API operation at GET /api/v1/enterprises/91330109J6H9752474/x;"
                + " /v3/api-docs and /swagger-ui.html list the operations");
        assertThat(notAcceptable.statusCode()).isEqualTo(406);
        for (HttpResponse<String> response : List.of(wrongMethod, unknownPath, notAcceptable)) {
            assertThat(response.headers().firstValue("Content-Type")).as(response.uri().toString()).hasValue("application/problem+json");
            JsonNode problem = read(response);
            assertThat(problem.path("type").asText()).isEqualTo("urn:sharebus:problem:http-" + response.statusCode());
            assertThat(problem.path("title").asText()).isNotBlank();
        }
    }

    /** Requests Tomcat refuses before the consumers see them, as raw bytes: what, the request line and headers, the answer expected. */
    Stream<Arguments> tomcatRefusals() {
        String headers = "Host: 127.0.0.1\r\nAuthorization: " + TestBus.MARKET + "\r\nConnection: close\r\n";
        return Stream.of(
                Arguments.of("a raw UTF-8 character in the path", "GET /api/v1/enterprises/统一 HTTP/1.1\r\n" + headers,
                        400, "invalid-uri", "percent-encode non-ASCII characters of the path and query as UTF-8 (统一 is %E7%BB%9F%E4%B8%80)", null),
                Arguments.of("a raw UTF-8 character in the query", "GET /api/v1/enterprises?name=统一 HTTP/1.1\r\n" + headers,
                        400, "invalid-uri", "percent-encode non-ASCII characters of the path and query as UTF-8", null),
                Arguments.of("a raw space in the path", "GET /api/v1/enterprises/a b HTTP/1.1\r\n" + headers,
                        400, "invalid-request-line", "a space in the path or query splits it", null),
                Arguments.of("a malformed percent-encoding", "GET /api/v1/enterprises/%zz HTTP/1.1\r\n" + headers,
                        400, "invalid-uri", "send a % itself as %25", "/api/v1/enterprises/%zz"),
                Arguments.of("a GBK percent-encoding", "GET /api/v1/enterprises/%D6%D0%CE%C4 HTTP/1.1\r\n" + headers,
                        400, "invalid-uri", "percent-encoded bytes are not UTF-8", "/api/v1/enterprises/%D6%D0%CE%C4"),
                Arguments.of("an encoded slash", "GET /api/v1/enterprises/a%2Fb HTTP/1.1\r\n" + headers,
                        400, "invalid-uri", "encoded slash (%2F)", "/api/v1/enterprises/a%2Fb"),
                Arguments.of("an encoded backslash", "GET /api/v1/enterprises/a%5Cb HTTP/1.1\r\n" + headers,
                        400, "invalid-uri", "encoded backslash (%5C)", "/api/v1/enterprises/a%5Cb"),
                Arguments.of("a request line over the limit", "GET /api/v1/enterprises?name=" + "a".repeat(9000) + " HTTP/1.1\r\n" + headers,
                        414, "uri-too-long", "longer than the 8192 bytes this server reads", null),
                Arguments.of("headers over the limit", "GET /api/v1/enterprises HTTP/1.1\r\nCookie: " + "a".repeat(9000) + "\r\n" + headers,
                        431, "headers-too-large", "send fewer or shorter headers", "/api/v1/enterprises"),
                Arguments.of("a control character in a header", "GET /api/v1/enterprises HTTP/1.1\r\nX-Trace: a\u0001b\r\n" + headers,
                        400, "invalid-header", "the header line [X-Trace", "/api/v1/enterprises"));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/api/v1/enterprises;x=1", "/api//v1/enterprises", "/api/v1/enterprises/%2e%2e/x",
            "/api/v1/enterprises/a%25b"})
    void shouldAnswerProblemJsonWhenTheSecurityFirewallRefusesAnApiPath(String path) throws Exception {
        // when a path Spring Security's firewall refuses comes
        RawHttp.Response response = RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + TestBus.MARKET
                + "\r\nConnection: close\r\n\r\n");

        // then a problem naming what to send, as the API's own refusals are; not Boot's generic error JSON
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().get("content-type")).as(response.body()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:sharebus:problem:invalid-uri");
        assertThat(problem.path("detail").asText()).contains("the path was refused before the API read it", "send it without ';'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcatRefusals")
    void shouldAnswerProblemJsonWhenTomcatItselfRefusesAnApiRequest(String what, String request, int status, String slug,
                                                                   String detail, String instance) throws Exception {
        // when
        RawHttp.Response response = RawHttp.send(port, request + "\r\n");

        // then a problem, as the API's own refusals are, saying what to send instead; not Tomcat's HTML page
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).as(response.body()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:sharebus:problem:" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).contains(detail);
        assertThat(problem.has("instance") ? problem.get("instance").asText() : null).isEqualTo(instance);
    }

    @Test
    void shouldAnswerAShortPageWithoutServerInformationWhenTomcatItselfRefusesAPageRequest() throws Exception {
        // when a staff page's address is malformed, and another's headers are too large
        String headers = "Host: 127.0.0.1\r\nAccept: text/html\r\nConnection: close\r\n";
        RawHttp.Response malformed = RawHttp.send(port, "GET /staff/enterprises/%zz HTTP/1.1\r\n" + headers + "\r\n");
        RawHttp.Response large = RawHttp.send(port, "GET /staff/enterprises HTTP/1.1\r\nCookie: " + "a".repeat(9000) + "\r\n"
                + headers + "\r\n");

        // then a page a browser shows, naming the status only: no stack trace, no server name or version
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(large.status()).isEqualTo(431);
        for (RawHttp.Response page : List.of(malformed, large)) {
            assertThat(page.headers().get("content-type")).startsWith("text/html");
            assertThat(page.body()).contains("HTTP Status " + page.status()).doesNotContainIgnoringCase("tomcat")
                    .doesNotContain("Exception", "at org.");
        }
    }

    @Test
    void shouldDescribeEveryQueryWithTheKeyItWantsAndTheRefusalsItGivesInOpenApi() throws Exception {
        // when a department's developer opens the API document, with no key, and its UI
        HttpResponse<String> docs = TestBus.get(api("/v3/api-docs"), null);
        HttpResponse<String> ui = TestBus.get(api("/swagger-ui/index.html"), null);

        // then every query is there with what it answers, the key it wants and the refusals it gives, each problem+json
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(ui.statusCode()).isEqualTo(200);
        JsonNode doc = read(docs);
        assertThat(doc.path("info").path("title").asText()).isEqualTo("sharebus consumer services");
        assertThat(doc.path("components").path("securitySchemes").path("departmentKey").path("scheme").asText()).isEqualTo("bearer");
        JsonNode paths = doc.path("paths");
        assertThat(paths.fieldNames()).toIterable().containsExactlyInAnyOrder("/api/v1/enterprises", "/api/v1/enterprises/{uscc}",
                "/api/v1/enterprises/{uscc}/timeline", "/api/v1/notices", "/api/v1/public/results");
        JsonNode profile = paths.path("/api/v1/enterprises/{uscc}").path("get");
        assertThat(profile.path("summary").asText()).isEqualTo("One enterprise's credit profile");
        assertThat(profile.path("responses").fieldNames()).toIterable().containsExactlyInAnyOrder("200", "400", "401", "404", "503");
        assertThat(profile.path("responses").path("404").path("content").has("application/problem+json")).isTrue();
        assertThat(profile.path("responses").path("503").path("headers").has("Retry-After")).isTrue();
        assertThat(profile.path("security").get(0).has("departmentKey")).isTrue();
        assertThat(profile.path("parameters").findValuesAsText("name")).containsExactly("uscc");
        JsonNode search = paths.path("/api/v1/enterprises").path("get");
        assertThat(search.path("parameters").findValuesAsText("name")).containsExactly("name", "district", "riskClass", "status", "page", "size");
        assertThat(search.path("responses").fieldNames()).toIterable().containsExactlyInAnyOrder("200", "400", "401", "403", "503");
        // and each parameter says what it takes: page and size are whole numbers within their limits, not free strings
        JsonNode size = parameter(search, "size").path("schema");
        assertThat(size.path("type").asText()).isEqualTo("integer");
        assertThat(size.path("minimum").asInt()).isEqualTo(1);
        assertThat(size.path("maximum").asInt()).isEqualTo(100);
        assertThat(size.path("default").asInt()).isEqualTo(20);
        assertThat(parameter(search, "page").path("schema").path("minimum").asInt()).isZero();
        assertThat(parameter(search, "status").path("schema").path("enum")).extracting(JsonNode::asText)
                .containsExactly("ACTIVE", "REVOKED", "DEREGISTERED", "UNKNOWN");
        JsonNode notices = paths.path("/api/v1/notices").path("get");
        assertThat(parameter(notices, "size").path("schema").path("maximum").asInt()).isEqualTo(100);
        assertThat(parameter(notices, "status").path("schema").path("enum")).extracting(JsonNode::asText)
                .containsExactly("OPEN", "ACKNOWLEDGED", "CLOSED");
        // and the public results want no key
        JsonNode open = paths.path("/api/v1/public/results").path("get");
        assertThat(open.has("security")).isFalse();
        assertThat(open.path("responses").fieldNames()).toIterable().containsExactlyInAnyOrder("200", "400", "503");
        assertThat(parameter(open, "q").path("schema").path("maxLength").asInt()).isEqualTo(100);
        assertThat(parameter(open, "page").path("schema").path("type").asText()).isEqualTo("integer");
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    @Test
    void shouldKeepNewerRowWhenOlderProfileArrivesAgain() {
        // given the trader's latest profile, as on the topic
        EnterpriseProfile latest = latestProfile(TRADER);

        // when the same record is projected again, and an older version of it after that
        boolean again = search.upsert(latest, 0, 0);
        EnterpriseProfile older = EnterpriseProfile.newBuilder(latest).setName("旧名称")
                .setUpdatedAt(latest.getUpdatedAt().minusSeconds(60)).build();
        boolean stale = search.upsert(older, 0, 0);

        // then the row is the latest profile's, once
        assertThat(again).isTrue();
        assertThat(stale).isFalse();
        assertThat(jdbc.sql("SELECT name FROM consumers.enterprise WHERE uscc = ?").param(TRADER).query(String.class).list())
                .containsExactly("杭州萧山进出口贸易有限公司");
    }

    @Test
    void shouldWriteLastProfileOfEachEnterpriseBeforeUndecodableRecordAndNameItsIndexWhenBatchHasGarbage() {
        // given a poll of four records: two newer profiles of the trader, garbage, a third profile
        EnterpriseProfile latest = latestProfile(TRADER);
        Instant at = latest.getUpdatedAt();
        List<ConsumerRecord<String, byte[]>> batch = List.of(
                profileRecord(0, EnterpriseProfile.newBuilder(latest).setName("批次名称一").setUpdatedAt(at.plusSeconds(60)).build()),
                profileRecord(1, EnterpriseProfile.newBuilder(latest).setName("批次名称二").setUpdatedAt(at.plusSeconds(61)).build()),
                new ConsumerRecord<>(TopicCatalogue.PROFILES, 0, 2, TRADER, new byte[] {0, 0, 0, 0, 0x7f, 1}),
                profileRecord(3, EnterpriseProfile.newBuilder(latest).setName("批次名称三").setUpdatedAt(at.plusSeconds(62)).build()));

        // when the projection gets it
        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> projection.onProfiles(batch));

        // then the garbage is named by its index (the container dead-letters it and reads the rest again),
        // and what came before it is written: the trader's last profile before it, not the first
        assertThat(failure.getIndex()).isEqualTo(2);
        assertThat(failure.getMessage()).contains("cannot be decoded");
        assertThat(jdbc.sql("SELECT name FROM consumers.enterprise WHERE uscc = ?").param(TRADER).query(String.class).single())
                .isEqualTo("批次名称二");

        // the row is put back as it was for the other tests
        jdbc.sql("UPDATE consumers.enterprise SET name = ?, profile_updated_at = ? WHERE uscc = ?")
                .params(latest.getName(), java.sql.Timestamp.from(at), TRADER).update();
    }

    @Test
    void shouldShowEveryDepartmentTheNameAndStatusItKnewWhenMarketKeptAChangeAndARevocationToItself() {
        // given the trader, registered as an active wholesaler every department knows of, in every department's draw pool
        EnterpriseProfile original = latestProfile(TRADER);
        Instant at = original.getUpdatedAt();
        EnterpriseProfile latest = EnterpriseProfile.newBuilder(original).setUpdatedAt(at.plusMillis(500)).build();
        latest.getIdentity().setStatus(org.sharebus.profile.EnterpriseStatus.ACTIVE);
        latest.getIdentity().setIndustryCode("F5191");
        projection.onProfiles(List.of(profileRecord(29, latest)));
        InspectionItem marketItem = InspectionItems.applicable(Department.MARKET, 'F').get(0);
        InspectionItem customsItem = InspectionItems.applicable(Department.CUSTOMS, 'F').get(0);
        List<String> district = List.of(latest.getIdentity().getRegionCode());
        int marketPool = inspections.readiness(Department.MARKET, marketItem, district).poolSize();
        int customsPool = inspections.readiness(Department.CUSTOMS, customsItem, district).poolSize();
        assertThat(marketPool).isPositive();
        // and its profile after a change of name and a revocation market supervision kept to itself
        EnterpriseProfile kept = EnterpriseProfile.newBuilder(latest).setUpdatedAt(at.plusSeconds(1)).build();
        kept.setShared(new SharedFacts(latest.getName(), org.sharebus.profile.Identity.newBuilder(latest.getIdentity()).build(),
                null, null, null, null, List.of(new KeptFact("identity", org.sharebus.event.common.Department.MARKET))));
        kept.setName("杭州萧山新名称贸易有限公司");
        kept.getIdentity().setStatus(org.sharebus.profile.EnterpriseStatus.REVOKED);
        kept.getIdentity().setOrigin(new org.sharebus.profile.FactOrigin(org.sharebus.event.common.Department.MARKET, "e-revoked",
                at, Visibility.INTERNAL));

        // when it is projected
        projection.onProfiles(List.of(profileRecord(30, kept)));

        // then every department's search finds it by the name it knew, with the status it knew, and not by the new name
        Map<String, Object> row = jdbc.sql("SELECT name, status, entity_type FROM consumers.enterprise WHERE uscc = ?")
                .param(TRADER).query().singleRow();
        assertThat(row.get("name")).isEqualTo(latest.getName());
        assertThat(row.get("status")).isEqualTo(latest.getIdentity().getStatus().name());
        assertThat(row.get("entity_type")).isEqualTo(latest.getIdentity().getEntityType());
        assertThat(jdbc.sql("SELECT count(*) FROM consumers.enterprise WHERE name LIKE '%新名称%'").query(Long.class).single()).isZero();
        assertThat(search.search(SearchCriteria.asGiven("新名称", null, null, null), Department.TAX).totalElements()).isZero();
        assertThat(search.search(SearchCriteria.asGiven(latest.getName(), null, null, null), Department.TAX).content())
                .extracting(EnterpriseSummary::status).containsExactly("ACTIVE");
        // and market supervision's own search finds it by the new name, revoked, and not by the old one nor among the active
        assertThat(search.search(SearchCriteria.asGiven("新名称", null, null, "REVOKED"), Department.MARKET).content())
                .extracting(EnterpriseSummary::uscc, EnterpriseSummary::name, EnterpriseSummary::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TRADER, "杭州萧山新名称贸易有限公司", "REVOKED"));
        assertThat(search.search(SearchCriteria.asGiven(latest.getName(), null, null, null), Department.MARKET).totalElements()).isZero();
        // and its own draws leave the revoked enterprise out; the other departments' draw it as before
        assertThat(inspections.readiness(Department.MARKET, marketItem, district).poolSize()).isEqualTo(marketPool - 1);
        assertThat(inspections.readiness(Department.CUSTOMS, customsItem, district).poolSize()).isEqualTo(customsPool);

        // when a later profile every department may know of, as before the change, replaces it
        projection.onProfiles(List.of(profileRecord(31, EnterpriseProfile.newBuilder(latest).setUpdatedAt(at.plusSeconds(2)).build())));

        // then market supervision sees what everyone sees again
        assertThat(jdbc.sql("SELECT count(*) FROM consumers.enterprise_kept").query(Long.class).single()).isZero();
        assertThat(search.search(SearchCriteria.asGiven(latest.getName(), null, null, null), Department.MARKET).totalElements()).isOne();
        assertThat(inspections.readiness(Department.MARKET, marketItem, district).poolSize()).isEqualTo(marketPool);

        putBack(original, 32);
    }

    @Test
    void shouldKeepNoOwnRowForMarketWhenTheEventItKeptToItselfOnlyRestatedWhatEveryoneKnows() {
        // given the trader's profile after an INTERNAL market event that set the identity to what it was
        EnterpriseProfile latest = latestProfile(TRADER);
        Instant at = latest.getUpdatedAt();
        EnterpriseProfile restated = EnterpriseProfile.newBuilder(latest).setUpdatedAt(at.plusSeconds(1)).build();
        restated.setShared(new SharedFacts(latest.getName(), org.sharebus.profile.Identity.newBuilder(latest.getIdentity()).build(),
                null, null, null, null, List.of(new KeptFact("identity", Department.MARKET))));
        restated.getIdentity().setOrigin(new org.sharebus.profile.FactOrigin(Department.MARKET, "e-restated", at, Visibility.INTERNAL));

        // when it is projected
        projection.onProfiles(List.of(profileRecord(40, restated)));

        // then market has no row of its own: what its search would show is what everyone's shows
        assertThat(jdbc.sql("SELECT count(*) FROM consumers.enterprise_kept").query(Long.class).single()).isZero();

        putBack(latest, 41);
    }

    @Test
    void shouldLeaveStatusEntityTypeAndIndustryOutOfTheSharedRowWhenTheIdentityCameFromAnInternalEvent() {
        // given the trader's profile, as written before the shared facts were kept apart, whose identity a revocation
        // market supervision kept to itself set
        EnterpriseProfile latest = latestProfile(TRADER);
        Instant at = latest.getUpdatedAt();
        EnterpriseProfile revoked = EnterpriseProfile.newBuilder(latest).setUpdatedAt(at.plusSeconds(1)).build();
        revoked.getIdentity().setStatus(org.sharebus.profile.EnterpriseStatus.REVOKED);
        revoked.getIdentity().setIndustryCode("F5191");
        revoked.getIdentity().setOrigin(new org.sharebus.profile.FactOrigin(org.sharebus.event.common.Department.MARKET, "e-revoked",
                at, Visibility.INTERNAL));

        // when it is projected
        projection.onProfiles(List.of(profileRecord(20, revoked)));

        // then every department's search finds the enterprise by name, but neither its status nor what it registered as
        Map<String, Object> row = jdbc.sql("SELECT status, entity_type, industry_code FROM consumers.enterprise WHERE uscc = ?")
                .param(TRADER).query().singleRow();
        assertThat(row.get("status")).isEqualTo("UNKNOWN");
        assertThat(row.get("entity_type")).isNull();
        assertThat(row.get("industry_code")).isNull();

        putBack(latest, 21);
    }

    @Test
    void shouldNameTheProfilePostgresqlRefusesAndWriteTheOnesBeforeItWhenItIsNotThePollsFirst() {
        // given a poll of the trader's newer profile, then another enterprise's that PostgreSQL cannot hold (a NUL
        // in its name)
        EnterpriseProfile latest = latestProfile(TRADER);
        Instant at = latest.getUpdatedAt();
        EnterpriseProfile poison = EnterpriseProfile.newBuilder(latest).setUscc(STRANGER).setName("坏\u0000名称").build();
        List<ConsumerRecord<String, byte[]>> batch = List.of(
                profileRecord(40, EnterpriseProfile.newBuilder(latest).setName("批次甲").setUpdatedAt(at.plusSeconds(70)).build()),
                profileRecord(41, poison));

        // when the projection gets it
        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> projection.onProfiles(batch));

        // then the refused profile is named by its index (the container retries and dead-letters it, not a good one),
        // and the trader's profile before it is written (the container reads on from the refused one)
        assertThat(failure.getIndex()).isEqualTo(1);
        assertThat(failure.getMessage()).startsWith("search read model not written");
        assertThat(jdbc.sql("SELECT name FROM consumers.enterprise WHERE uscc = ?").param(TRADER).query(String.class).single())
                .isEqualTo("批次甲");

        // the row is put back as it was for the other tests
        jdbc.sql("UPDATE consumers.enterprise SET name = ?, profile_updated_at = ? WHERE uscc = ?")
                .params(latest.getName(), java.sql.Timestamp.from(at), TRADER).update();
    }

    @Test
    void shouldRefuseATombstoneWithoutKeyAndAProfileUnderAnotherEnterprisesKeyWithoutRetrying() {
        // given a tombstone with no key, and the trader's profile keyed by another USCC
        EnterpriseProfile latest = latestProfile(TRADER);
        ConsumerRecord<String, byte[]> keyless = new ConsumerRecord<>(TopicCatalogue.PROFILES, 0, 50, null, null);
        ConsumerRecord<String, byte[]> misKeyed = new ConsumerRecord<>(TopicCatalogue.PROFILES, 0, 51, STRANGER,
                profileRecord(51, latest).value());

        // when each comes in a poll, then it is named as a record that will never be right (dead-lettered at once)
        BatchListenerFailedException noKey = catchThrowableOfType(BatchListenerFailedException.class,
                () -> projection.onProfiles(List.of(keyless)));
        assertThat(noKey.getCause()).isInstanceOf(ProjectionContainers.UndecodableRecordException.class);
        assertThat(noKey.getMessage()).contains("has no key");
        BatchListenerFailedException otherKey = catchThrowableOfType(BatchListenerFailedException.class,
                () -> projection.onProfiles(List.of(misKeyed)));
        assertThat(otherKey.getMessage()).contains("is keyed '" + STRANGER + "' but holds the profile of " + TRADER);
        assertThat(jdbc.sql("SELECT count(*) FROM consumers.enterprise WHERE uscc = ?").param(STRANGER).query(Long.class).single())
                .isZero();
    }

    @Test
    void shouldHoldEachPenaltysPublicityEndAndRewriteItOnlyWhenItChanges() {
        // given the trader's profile projected, with its customs penalty and the day that penalty's publicity ends
        EnterpriseProfile latest = latestProfile(TRADER);
        Penalty customs = latest.getPenalties().stream().filter(p -> p.getDecisionNo().equals(CUSTOMS_PENALTY)).findFirst().orElseThrow();
        assertThat(publicityEnd(CUSTOMS_PENALTY)).isEqualTo(customs.getPublicityEndsOn()).isNotNull();
        String version = rowVersion(CUSTOMS_PENALTY);

        // when the same profile is projected again, by this instance and by a fresh one, then a newer one whose penalty ends a year later
        Instant at = latest.getUpdatedAt();
        projection.onProfiles(List.of(profileRecord(10, EnterpriseProfile.newBuilder(latest).setUpdatedAt(at.plusSeconds(1)).build())));
        String afterSame = rowVersion(CUSTOMS_PENALTY);
        new EnterpriseSearch(jdbc, template, transaction).upsert(EnterpriseProfile.newBuilder(latest).setUpdatedAt(at.plusSeconds(1)).build(), 0, 10);
        String afterRestart = rowVersion(CUSTOMS_PENALTY);
        EnterpriseProfile later = EnterpriseProfile.newBuilder(latest).setUpdatedAt(at.plusSeconds(2)).build();
        later.getPenalties().replaceAll(p -> p.getDecisionNo().equals(CUSTOMS_PENALTY)
                ? Penalty.newBuilder(p).setPublicityEndsOn(p.getPublicityEndsOn().plusYears(1)).build() : p);
        projection.onProfiles(List.of(profileRecord(11, later)));

        // then the unchanged row was not written again (same row version), not even by an instance just started
        // (nothing held in memory), and the changed one was
        assertThat(afterSame).isEqualTo(version);
        assertThat(afterRestart).isEqualTo(version);
        assertThat(publicityEnd(CUSTOMS_PENALTY)).isEqualTo(customs.getPublicityEndsOn().plusYears(1));

        // put back as they were for the other tests
        jdbc.sql("UPDATE consumers.penalty_publicity SET publicity_ends_on = ? WHERE doc_no = ?")
                .params(customs.getPublicityEndsOn(), CUSTOMS_PENALTY).update();
        jdbc.sql("UPDATE consumers.enterprise SET profile_updated_at = ? WHERE uscc = ?").params(java.sql.Timestamp.from(at), TRADER).update();
    }

    /**
     * Puts the trader's row back as it was for the other tests: its profile as it was, projected newer than any a
     * test wrote, then the row's guard set back to the profile's own time.
     */
    private void putBack(EnterpriseProfile original, int offset) {
        Instant at = original.getUpdatedAt();
        projection.onProfiles(List.of(profileRecord(offset, EnterpriseProfile.newBuilder(original).setUpdatedAt(at.plusSeconds(3)).build())));
        jdbc.sql("UPDATE consumers.enterprise SET profile_updated_at = ? WHERE uscc = ?").params(java.sql.Timestamp.from(at), TRADER).update();
    }

    private LocalDate publicityEnd(String docNo) {
        return jdbc.sql("SELECT publicity_ends_on FROM consumers.penalty_publicity WHERE doc_no = ?").param(docNo).query(LocalDate.class).single();
    }

    /** PostgreSQL's xmin: the transaction that wrote the row's current version. */
    private String rowVersion(String docNo) {
        return jdbc.sql("SELECT xmin::text FROM consumers.penalty_publicity WHERE doc_no = ?").param(docNo).query(String.class).single();
    }

    private ConsumerRecord<String, byte[]> profileRecord(long offset, EnterpriseProfile profile) {
        byte[] value = new ConfluentAvroSerializer<>(registry, EnterpriseProfile.class).serialize(TopicCatalogue.PROFILES, profile);
        return new ConsumerRecord<>(TopicCatalogue.PROFILES, 0, offset, profile.getUscc(), value);
    }

    @Test
    void shouldDeadLetterGarbageAndStillApplyLaterTombstoneWhenRecordCannotBeDecoded() throws Exception {
        // given an enterprise in the read model
        String gone = EventExamples.SHANGCHENG_CATERING.uscc().value();
        assertThat(read(TestBus.get(api("/api/v1/enterprises?name=" + gone))).path("totalElements").asInt()).isEqualTo(1);

        // when garbage arrives on its partition, then its tombstone
        byte[] garbage = {0, 0, 0, 0, 0x7f, 1, 2, 3};
        TestBus.send(bootstrap(), TopicCatalogue.PROFILES, gone, garbage);
        TestBus.send(bootstrap(), TopicCatalogue.PROFILES, gone, null);

        // then the tombstone is applied: the garbage did not block the partition
        TestBus.awaitGet(api("/api/v1/enterprises?name=" + gone), r -> read(r).path("totalElements").asInt() == 0);
        // and the garbage is in the dead-letter topic, bytes as they were, with the reason
        ConsumerRecord<String, byte[]> dead = firstRecord(TopicCatalogue.PROFILES + TopicCatalogue.DEAD_LETTER_SUFFIX);
        assertThat(dead.key()).isEqualTo(gone);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("cannot be decoded").contains("unknown schema id 127");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(TopicCatalogue.PROFILES);
    }

    private void assertProblem(String query, String field, String rule, String detail) throws Exception {
        HttpResponse<String> response = TestBus.get(api("/api/v1/enterprises?" + query));
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
        JsonNode problem = read(response);
        assertThat(problem.path("field").asText()).as(query).isEqualTo(field);
        assertThat(problem.path("rule").asText()).as(query).isEqualTo(rule);
        assertThat(problem.path("detail").asText()).as(query).isEqualTo(detail);
    }

    private EnterpriseProfile latestProfile(String uscc) {
        try (KafkaConsumer<String, EnterpriseProfile> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ConfluentAvroDeserializer<>(registry, EnterpriseProfile.class))) {
            consumer.subscribe(List.of(TopicCatalogue.PROFILES));
            List<EnterpriseProfile> found = new ArrayList<>();
            Instant deadline = Instant.now().plus(TestBus.PATIENCE);
            // The last of the trader's profiles: the one whose event count is the row's.
            long events = jdbc.sql("SELECT event_count FROM consumers.enterprise WHERE uscc = ?").param(uscc).query(Long.class).single();
            while (found.stream().noneMatch(p -> p.getEventCount() == events)) {
                assertThat(Instant.now()).as("profile of " + uscc + " on " + TopicCatalogue.PROFILES).isBefore(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (uscc.equals(r.key()) && r.value() != null) {
                        found.add(r.value());
                    }
                });
            }
            return found.stream().filter(p -> p.getEventCount() == events).reduce((a, b) -> b).orElseThrow();
        }
    }

    private ConsumerRecord<String, byte[]> firstRecord(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(TestBus.PATIENCE);
            while (true) {
                assertThat(Instant.now()).as("a record on " + topic).isBefore(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ConsumerConfig.GROUP_ID_CONFIG, "search-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private String bootstrap() {
        return String.join(",", kafka.getBootstrapServers());
    }

    private String api(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.statusCode() + " " + response.body(), e);
        }
    }
}
