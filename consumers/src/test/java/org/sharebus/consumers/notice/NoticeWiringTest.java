package org.sharebus.consumers.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sharebus.consumers.ConsumersApplication;
import org.sharebus.consumers.TestBus;
import org.sharebus.consumers.api.ApiKeys;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.event.common.Department;
import org.sharebus.event.CustomsExamples;
import org.sharebus.event.EventExamples;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.ui.ExtendedModelMap;

/**
 * Notices as deployed, on the in-process broker, registry and PostgreSQL with every example event
 * published: customs' smuggling penalty reaches market supervision and tax through the profile
 * builder, the notice topic and the inbox read model, and the API answers it. Same configuration
 * as the other notice tests, so they share one application context ({@link NoticeRecords#OWN_CONTEXT}).
 */
@SpringBootTest(classes = ConsumersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0", "sharebus.topics.department-partitions=2",
        "sharebus.profile.advertised-host=127.0.0.1", "server.shutdown=immediate", NoticeRecords.OWN_CONTEXT})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoticeWiringTest {

    private static final String TRADER = EventExamples.XIAOSHAN_TRADING.uscc().value();
    private static final String PENALTY_NO = "杭关缉违字〔2026〕0042号";
    /** The example's penalty, of the notices about the trader (the inbox test, in the same context, adds one of its own). */
    private static final String PENALTY_EVENT = CustomsExamples.smugglingPenalty().getHeader().getEventId().toString();

    @LocalServerPort
    int port;
    @Autowired
    KafkaConnectionDetails kafka;
    @Autowired
    SchemaRegistryClient registry;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    NoticePages pages;
    @Autowired
    NoticeInbox inbox;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void publishEveryExample() throws Exception {
        TestBus.publish(NoticeRecords.bootstrap(kafka), registry, EventExamples.all().stream().map(EventExamples.Example::event).toList());
    }

    @Test
    void shouldDeliverSmugglingPenaltyToMarketAndTaxButNotCustomsWhenCustomsPublishesIt() throws Exception {
        // when customs' smuggling penalty has gone through the bus
        JsonNode market = awaitNotice("MARKET");
        JsonNode tax = awaitNotice("TAX");

        // then market supervision and tax each have their notice, open, with the texts of the rules table
        assertThat(market.path("targetDepartment").asText()).isEqualTo("MARKET");
        assertThat(market.path("sourceDepartment").asText()).isEqualTo("CUSTOMS");
        assertThat(market.path("enterpriseName").asText()).isEqualTo("杭州萧山进出口贸易有限公司");
        assertThat(market.path("summaryZh").asText()).isEqualTo("杭州萧山进出口贸易有限公司受海关走私行政处罚（" + PENALTY_NO + "）");
        assertThat(market.path("sourceEventId").asText()).isEqualTo(CustomsExamples.smugglingPenalty().getHeader().getEventId().toString());
        assertThat(market.path("status").asText()).isEqualTo("OPEN");
        assertThat(market.path("overdue").asBoolean()).isFalse();
        assertThat(LocalDate.parse(market.path("dueOn").asText())).isAfter(LocalDate.now());
        assertThat(tax.path("id").asText()).isNotEqualTo(market.path("id").asText());
        // and customs, whose fact it is, is not told
        JsonNode customs = json.readTree(TestBus.get(api("/api/v1/notices?uscc=" + TRADER), TestBus.apiKey(Department.CUSTOMS)).body());
        assertThat(customs.path("content")).allSatisfy(n -> assertThat(n.path("targetDepartment").asText()).isEqualTo("CUSTOMS"));
        assertThat(customs.path("content").findValues("ruleCode").stream().map(JsonNode::asText))
                .doesNotContain("CUSTOMS_SMUGGLING_PENALTY", "CUSTOMS_DISHONEST");

        // and the meters count each notice raised once (the examples, published again by the classes sharing this context, are
        // not raised again; the inbox test's own smuggling penalty is another notice), and time them
        JsonNode marketSmuggling = json.readTree(TestBus.get(api("/api/v1/notices?department=MARKET&size=100"),
                TestBus.apiKey(Department.MARKET)).body());
        long raised = marketSmuggling.path("content").findValues("ruleCode").stream()
                .filter(rule -> rule.asText().equals("CUSTOMS_SMUGGLING_PENALTY")).count();
        assertThat(raised).isPositive();
        assertThat(meters.get("sharebus.notices.raised").tags("department", "MARKET", "rule", "CUSTOMS_SMUGGLING_PENALTY").counter().count())
                .isEqualTo(raised);
        assertThat(meters.find("sharebus.notices.raised").tags("department", "CUSTOMS", "rule", "CUSTOMS_SMUGGLING_PENALTY").counter())
                .as("customs is never a target of its own penalty").isNull();
        assertThat(meters.get("sharebus.notice.delivery").timer().count()).isPositive();
        assertThat(meters.get("sharebus.notices.open").tags("department", "TAX").gauge().value()).isPositive();
        assertThat(meters.get("sharebus.notices.overdue").tags("department", "TAX").gauge().value()).isZero();
    }

    @Test
    void shouldAnswerProblemNamingTheParameterWhenQueryIsBad() throws Exception {
        for (String[] bad : List.of(new String[] {"department=TAX&status=DONE", "status", "enum"},
                new String[] {"department=SAFE", "department", "enum"},
                new String[] {"department=TAX&uscc=91330109J6H975247X", "uscc", "uscc"},
                new String[] {"department=TAX&size=0", "size", "min"}, new String[] {"department=TAX&size=101", "size", "max"},
                new String[] {"department=TAX&page=one", "page", "type"},
                // a misspelt filter is named, not ignored: stauts=OPEN would list every notice
                new String[] {"department=TAX&stauts=OPEN", "stauts", "unknown"})) {
            // when
            HttpResponse<String> response = TestBus.get(api("/api/v1/notices?" + bad[0]));

            // then
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(bad[0]).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.path("field").asText()).as(bad[0]).isEqualTo(bad[1]);
            assertThat(problem.path("rule").asText()).as(bad[0]).isEqualTo(bad[2]);
        }
    }

    @Test
    void shouldShowEmptyInboxNotFailWhenStaffOfDepartmentThatReceivesNoNoticesOpenIt() {
        // given a member of staff of the foreign exchange office, which may have logins but receives no notices
        Authentication safeStaff = UsernamePasswordAuthenticationToken.authenticated("safe-staff", null,
                List.of(new SimpleGrantedAuthority("DEPARTMENT_SAFE")));
        MockHttpServletResponse response = new MockHttpServletResponse();
        ExtendedModelMap model = new ExtendedModelMap();

        // when they open their inbox, filtered and paged as from a link
        String view = pages.inbox("OPEN", false, "0", safeStaff, model, response);

        // then the inbox, empty and their own, rather than the refusal of an API caller's department=SAFE
        assertThat(view).isEqualTo("staff/notices");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(model.getAttribute("invalid")).isNull();
        NoticeQuery query = (NoticeQuery) model.getAttribute("query");
        assertThat(query.department()).isEqualTo(Department.SAFE);
        assertThat(query.status()).isEqualTo(Notice.NoticeStatus.OPEN);
        assertThat(((SearchPage<?>) model.getAttribute("results")).totalElements()).isZero();
    }

    @Test
    void shouldListOnlyTheOverdueNoticesWhenStaffTickOverdueOnly() {
        // given tax's inbox with a notice past its due day and one still in time, both raised just now (newest first)
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        java.util.UUID late = java.util.UUID.randomUUID();
        java.util.UUID inTime = java.util.UUID.randomUUID();
        inbox.apply(NoticeRecords.raised(late, TRADER, Department.TAX, now, java.time.LocalDate.now().minusDays(3)));
        inbox.apply(NoticeRecords.raised(inTime, TRADER, Department.TAX, now, java.time.LocalDate.now().plusDays(10)));
        Authentication taxStaff = UsernamePasswordAuthenticationToken.authenticated("tax-staff", null,
                List.of(new SimpleGrantedAuthority("DEPARTMENT_TAX")));
        MockHttpServletResponse response = new MockHttpServletResponse();
        ExtendedModelMap model = new ExtendedModelMap();

        // when they tick 只看已逾期 (the alert told their lead how many are overdue, not which)
        String view = pages.inbox(null, true, null, taxStaff, model, response);

        // then only overdue notices are listed, the late one among them, and the filter stays ticked
        assertThat(view).isEqualTo("staff/notices");
        assertThat(response.getStatus()).isEqualTo(200);
        NoticeQuery query = (NoticeQuery) model.getAttribute("query");
        assertThat(query.overdue()).isTrue();
        @SuppressWarnings("unchecked")
        SearchPage<Notice> results = (SearchPage<Notice>) model.getAttribute("results");
        assertThat(results.content()).isNotEmpty().allSatisfy(n -> assertThat(n.overdue()).isTrue());
        assertThat(results.content()).extracting(Notice::id).contains(late).doesNotContain(inTime);
        assertThat(results.totalElements()).isEqualTo(inbox.counts().get(Department.TAX).overdue());
    }

    @Test
    void shouldWantDepartmentNamedWhenAnotherInstanceAsks() throws Exception {
        // when the bus itself (the instance key) asks without naming a department
        HttpResponse<String> response = TestBus.get(api("/api/v1/notices?status=OPEN"), apiKeys.instanceAuthorization());

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("field").asText()).isEqualTo("department");
        assertThat(problem.path("rule").asText()).isEqualTo("required");
    }

    @Test
    void shouldAnswerOwnInboxOnlyWhenDepartmentSystemAsks() throws Exception {
        // when tax asks for customs' notices
        HttpResponse<String> response = TestBus.get(api("/api/v1/notices?department=CUSTOMS"), TestBus.apiKey(Department.TAX));

        // then
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("field").asText()).isEqualTo("department");
        assertThat(problem.path("rule").asText()).isEqualTo("own-department");
        assertThat(problem.path("detail").asText()).isEqualTo("TAX may read its own notices only, not CUSTOMS's");
    }

    @Test
    void shouldSendGarbageToDeadLetterTopicAndCountItWhenNoticeRecordIsUnreadable() throws Exception {
        // given
        byte[] garbage = "not a notice".getBytes(StandardCharsets.UTF_8);
        java.util.UUID after = java.util.UUID.randomUUID();

        // when, followed by a good notice in the same partition (a poll may hold both)
        TestBus.send(NoticeRecords.bootstrap(kafka), TopicCatalogue.NOTICES, TRADER, garbage);
        NoticeRecords.publish(kafka, registry, NoticeRecords.raised(after, TRADER, Department.COMMERCE, java.time.Instant.now(),
                LocalDate.now().plusDays(10)));

        // then
        List<ConsumerRecord<byte[], byte[]>> dead = NoticeRecords.readUntil(kafka, TopicCatalogue.NOTICES + ".DLT",
                records -> records.stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).equals("not a notice")));
        ConsumerRecord<byte[], byte[]> record = dead.stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).equals("not a notice")).findFirst().orElseThrow();
        assertThat(StreamSupport.stream(record.headers().spliterator(), false).map(h -> h.key()))
                .contains("kafka_dlt-exception-message", "kafka_dlt-original-topic");
        assertThat(new String(record.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(TopicCatalogue.NOTICES);
        assertThat(meters.get("sharebus.dlt.records").tags("topic", TopicCatalogue.NOTICES).counter().count()).isEqualTo(1);
        // and the good notice after it reaches the inbox
        TestBus.awaitGet(api("/api/v1/notices?department=COMMERCE&uscc=" + TRADER + "&size=100"), TestBus.apiKey(Department.COMMERCE),
                r -> r.statusCode() == 200 && r.body().contains(after.toString()));
    }

    private JsonNode awaitNotice(String department) throws Exception {
        HttpResponse<String> response = TestBus.awaitGet(api("/api/v1/notices?department=" + department + "&uscc=" + TRADER.toLowerCase()),
                TestBus.apiKey(Department.valueOf(department)), r -> r.statusCode() == 200 && r.body().contains(PENALTY_EVENT));
        JsonNode page = json.readTree(response.body());
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(20);
        for (JsonNode notice : page.path("content")) {
            if (notice.path("sourceEventId").asText().equals(PENALTY_EVENT)) {
                return notice;
            }
        }
        throw new AssertionError("no smuggling notice for " + department + " in " + response.body());
    }

    private String api(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
