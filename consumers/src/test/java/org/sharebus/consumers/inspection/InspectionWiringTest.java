package org.sharebus.consumers.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.sharebus.consumers.ConsumersApplication;
import org.sharebus.consumers.TestBus;
import org.sharebus.consumers.disclosure.DisclosureService;
import org.sharebus.consumers.rules.DecisionNumbers;
import org.sharebus.event.EventExamples;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.credit.CreditEvent;
import org.sharebus.event.credit.CreditRepaired;
import org.sharebus.event.credit.RepairedRecordType;
import org.sharebus.event.market.AdministrativePenaltyDecided;
import org.sharebus.event.market.MarketEvent;
import org.sharebus.event.market.PenaltyProcedure;
import org.sharebus.event.market.PenaltySector;
import org.sharebus.event.market.PenaltyType;
import org.sharebus.inspection.InspectionEvent;
import org.sharebus.inspection.InspectionItems;
import org.sharebus.inspection.InspectionResult;
import org.sharebus.inspection.InspectionResultRecorded;
import org.sharebus.inspection.InspectionTaskAssigned;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * 双随机、一公开 as deployed: the example data set and an individual business on the in-process
 * broker, the profile builder and search projection filling the target pool, the staff actions
 * publishing to sharebus.inspections.v1 and sharebus.disclosures.v1, the projections keeping the
 * real (embedded) PostgreSQL in step, and the public API reading it. The tests run in order: each
 * takes the story one step further.
 */
@SpringBootTest(classes = ConsumersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0", "sharebus.topics.department-partitions=2",
        "sharebus.profile.advertised-host=127.0.0.1", "server.shutdown=immediate",
        "sharebus.inspection.inspectors-csv=classpath:org/sharebus/consumers/inspection/test-inspectors.csv",
        // The individual business is class D (five annual reports missing), which has no yearly cap by default.
        "sharebus.rules.inspection.yearly-cap.D=1"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InspectionWiringTest {

    private static final String INDIVIDUAL = InspectionFixtures.ZHANG_XIAOMING.uscc().value();
    private static final String PENALTY = "杭余市监罚〔2026〕88号";
    private static final String BINJIANG = "330108";
    private static final String GONGSHU = "330105";

    @LocalServerPort
    int port;
    @Autowired
    KafkaConnectionDetails kafka;
    @Autowired
    SchemaRegistryClient registry;
    @Autowired
    InspectionService inspections;
    @Autowired
    DisclosureService disclosures;
    @Autowired
    InspectionStore store;
    @Autowired
    InspectionRules rules;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    private final ObjectMapper json = new ObjectMapper();
    private String planId;
    private String taskId;
    private String planForResults;

    @BeforeAll
    void publishTheDataSet() throws Exception {
        TestBus.publish(bootstrap(), registry, InspectionFixtures.dataSet());
        TestBus.awaitGet(url("/api/v1/enterprises?name=" + INDIVIDUAL), r -> r.statusCode() == 200 && r.body().contains("\"ACTIVE\""));
    }

    @Test
    @Order(1)
    void shouldFreezeTheDrawnTargetWithTwoLocalCertifiedInspectorsAndARedrawableSeedWhenMarketStaffDraw() throws Exception {
        // when market staff draw the public-information check in Yuhang, where only the individual business is
        planId = inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of(InspectionFixtures.YUHANG), "");
        InspectionFixtures.await("the plan's task in the read model", () -> store.tasks(planId).size() == 1);

        // then its one task names the business and Yuhang's two certified officers (the third is not certified)
        InspectionStore.TaskRow row = store.tasks(planId).get(0);
        taskId = row.task().taskId();
        assertThat(row.task().uscc()).isEqualTo(INDIVIDUAL);
        assertThat(row.task().enterpriseName()).isEqualTo("张小明");
        assertThat(row.task().inspectorIds()).containsExactlyInAnyOrder("33011010001", "33011010002");
        assertThat(row.task().dueOn()).isEqualTo(inspections.today().plus(rules.taskPeriod()));
        InspectionStore.Plan plan = store.plan(planId).orElseThrow();
        assertThat(plan.poolSize()).isEqualTo(1);
        assertThat(plan.drawnCount()).isEqualTo(1);
        assertThat(plan.itemNames()).containsExactly("企业公示信息检查");
        // and an auditor redrawing from the same pool with the recorded seed gets the same target and inspectors
        // (the pool as it was: before this plan's own task put the business at its yearly cap)
        var item = InspectionItems.find("MKT-01").orElseThrow();
        InspectionDraw.Outcome redrawn = InspectionDraw.draw(store.targetPool(Department.MARKET, item, List.of(InspectionFixtures.YUHANG), null),
                riskClass -> rules.ratioPercent(item, riskClass), new InspectorPool(List.of(
                        new InspectorPool.Inspector("33011010001", Department.MARKET, "330110", "王建华", true),
                        new InspectorPool.Inspector("33011010002", Department.MARKET, "330110", "李娟", true),
                        new InspectorPool.Inspector("33010610001", Department.MARKET, "330106", "陈晓东", true),
                        new InspectorPool.Inspector("33010610002", Department.MARKET, "330106", "周敏", true)))
                        .certified(Department.MARKET), Set.of(), usccs -> Map.of(), 2, plan.randomSeed());
        assertThat(redrawn.poolDigest()).isEqualTo(plan.poolDigest());
        assertThat(redrawn.assignments().get(0).inspectorIds()).containsExactlyElementsOf(row.task().inspectorIds());
        assertThat(meters.get("sharebus.inspections.drawn").tag("department", "MARKET").counter().count()).isEqualTo(1.0);
    }

    @Test
    @Order(2)
    void shouldRefuseAGeneralItemAtTheYearlyCapSendOtherInspectorsForAKeyItemAndRefuseNamingRotationWhenNoneAreLeft() throws Exception {
        // when the same business is drawn again for a general item: its one inspection a year is used (yearly-cap)
        var general = InspectionItems.find("MKT-02").orElseThrow();
        assertThat(inspections.readiness(Department.MARKET, general, List.of(InspectionFixtures.YUHANG)).poolSize()).isZero();
        assertThatThrownBy(() -> inspections.draw("market-staff", Department.MARKET, "MKT-02", List.of(InspectionFixtures.YUHANG), ""))
                .isInstanceOf(DrawRefusedException.class)
                .extracting(e -> ((DrawRefusedException) e).rule()).isEqualTo("yearly-cap");

        // and for a key item (food, 重点检查事项: no cap)
        String second = inspections.draw("market-staff", Department.MARKET, "MKT-07", List.of(InspectionFixtures.YUHANG), "");
        InspectionFixtures.await("the second plan's task", () -> store.tasks(second).size() == 1);

        // then Xihu's officers go (rotation: Yuhang's inspected it in the latest plan), and a third draw has nobody left
        assertThat(store.tasks(second).get(0).task().inspectorIds()).containsExactlyInAnyOrder("33010610001", "33010610002");
        assertThatThrownBy(() -> inspections.draw("market-staff", Department.MARKET, "MKT-07", List.of(InspectionFixtures.YUHANG), ""))
                .isInstanceOf(DrawRefusedException.class)
                .extracting(e -> ((DrawRefusedException) e).rule()).isEqualTo("rotation");
        // and an item of another department is refused for market staff
        assertThatThrownBy(() -> inspections.draw("market-staff", Department.MARKET, "CUS-01", List.of(), ""))
                .isInstanceOf(InvalidInspectionInputException.class).hasMessageContaining("is not on the inspection-item list of MARKET");
    }

    @Test
    void shouldListAPlansTasksInTheirNumbersOrderPastTheFourDigitsOfTheirIds() {
        // given a whole-city plan's tasks 9999 to 10001 in the read model (ids are zero-padded to four digits only)
        String plan = "MARKET-20261130-0RDER000-0000-0000-0000-000000000000";
        for (int n : new int[] {10_001, 9_999, 10_000}) {
            store.insertTask(new InspectionStore.Task(plan + "-" + String.format(java.util.Locale.ROOT, "%04d", n), plan, Department.MARKET,
                    "91330106MA2ORDER" + (n % 10) + "X", "排序测试有限公司", "330106", "B", List.of("33010610001", "33010610002"),
                    LocalDate.of(2027, 1, 29), java.time.Instant.parse("2026-11-30T02:00:00Z")));
        }

        // then the plan page lists them as numbered, not as text sorts them (10000 before 9999)
        assertThat(store.tasks(plan)).extracting(row -> row.task().taskId().substring(plan.length() + 1)).containsExactly("9999", "10000", "10001");
    }

    @Test
    @Order(3)
    void shouldCountDueAndOverdueDisclosuresWhenOneResultIsFreshAndAnotherPastTwentyWorkingDays() throws Exception {
        // given a result recorded today (its follow-up penalty typed in an input method's full-width mode, published as
        // PENALTY below), and one formed on 5 January 2026 arriving on the topic (twice: a redelivery)
        inspections.recordResult("market-staff", Department.MARKET, taskId, "CORRECTION_ORDERED", inspections.today().toString(),
                "杭余市监罚〔２０２６〕８８号");
        publishOldResult();
        publishOldResult();

        // when both are projected
        InspectionFixtures.await("both results in the read model", () -> jdbc.sql("SELECT count(*) FROM consumers.inspection_result")
                .query(Long.class).single() == 2);

        // then the fresh one is due by today + 20 working days, the old one is overdue, each counted once
        InspectionStore.TaskRow row = store.task(taskId).orElseThrow();
        assertThat(row.result().resultCode()).isEqualTo("CORRECTION_ORDERED");
        assertThat(row.result().disclosureDueOn()).isEqualTo(WorkingCalendar.of(rules.calendar()).plusWorkingDays(inspections.today(), 20));
        assertThat(store.task("MARKET-20260105-0000AA-0001").orElseThrow().result().disclosureDueOn()).isEqualTo(LocalDate.of(2026, 2, 2));
        assertThat(meters.get("sharebus.disclosures.due").tag("department", "MARKET").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("sharebus.disclosures.overdue").tag("department", "MARKET").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("sharebus.disclosures.overdue").tag("department", "CUSTOMS").gauge().value()).isEqualTo(0.0);
        assertThat(meters.get("sharebus.inspection.results").tag("department", "MARKET").tag("result", "CORRECTION_ORDERED")
                .counter().count()).isEqualTo(1.0);
        // and a second result for the same task, or a code that is not one of the six, is refused naming the field
        assertThatThrownBy(() -> inspections.recordResult("market-staff", Department.MARKET, taskId, "NO_PROBLEM_FOUND",
                inspections.today().toString(), null)).isInstanceOf(ActionConflictException.class).hasMessageContaining("already has its result");
        assertThatThrownBy(() -> inspections.recordResult("market-staff", Department.MARKET, taskId, "OTHER", "2026-11-01", null))
                .isInstanceOf(InvalidInspectionInputException.class)
                .extracting(e -> ((InvalidInspectionInputException) e).field()).isEqualTo("resultCode");
        assertThat(InvalidCode.of(() -> InspectionService.resultCode("OTHER"))).isEqualTo("resultCode/enum");
        // and the follow-up penalty, published as typed, takes a decision number only, never words about a person
        assertThat(InvalidCode.of(() -> inspections.recordResult("market-staff", Department.MARKET, "MARKET-20260105-0000AA-0001",
                "CORRECTION_ORDERED", "2026-01-05", "已责令张三改正"))).isEqualTo("followUpPenaltyRef/pattern");
        assertThat(DecisionNumbers.PATTERN.matcher("浙杭余市监处罚字[2026]第88号").matches()).isTrue();
        assertThat(DecisionNumbers.PATTERN.matcher("杭关缉违字〔2026〕0042号").matches()).isTrue();
        // words about a person, or an identity card number, shaped like a number are not one
        assertThat(DecisionNumbers.PATTERN.matcher("经营者张三拒不配合〔2026〕1号").matches()).isFalse();
        assertThat(DecisionNumbers.PATTERN.matcher("330106199001011234〔2026〕1号").matches()).isFalse();
        assertThat(DecisionNumbers.canonical("浙杭余市监处罚字[2026]第88号")).isEqualTo("浙杭余市监处罚字〔2026〕88号");
        assertThat(DecisionNumbers.canonical("杭余市监罚（2026）88号")).isEqualTo("杭余市监罚〔2026〕88号");
    }

    @Test
    @Order(4)
    void shouldShowThePublishedResultMaskedOnThePublicApiWhenMarketStaffPublishIt() throws Exception {
        // given market supervision published the follow-up penalty, a fine (published for 3 years)
        publishPenalty(InspectionFixtures.ZHANG_XIAOMING, PENALTY, inspections.today().minusDays(10), PenaltyType.FINE);

        // when the inspecting department publishes the result
        disclosures.publish(Department.MARKET, taskId);

        // then the public API shows it, the individual business masked, no person named, the penalty named
        HttpResponse<String> response = TestBus.awaitGet(url("/api/v1/public/results?q=" + enc("92330110")),
                r -> r.statusCode() == 200 && r.body().contains(taskId) && r.body().contains("\"totalElements\":1") && r.body().contains(PENALTY));
        JsonNode page = json.readTree(response.body());
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(20);
        assertThat(page.path("totalElements").asInt()).isEqualTo(1);
        JsonNode result = page.path("content").get(0);
        assertThat(result.path("enterpriseName").asText()).isEqualTo("张**");
        assertThat(result.path("uscc").asText()).isEqualTo("92330110*********H");
        assertThat(result.path("resultCode").asText()).isEqualTo("CORRECTION_ORDERED");
        assertThat(result.path("followUpPenaltyRef").asText()).isEqualTo(PENALTY);
        assertThat(result.path("authority").asText()).isEqualTo("杭州市市场监督管理局");
        assertThat(result.path("itemNames").get(0).asText()).isEqualTo("企业公示信息检查");
        assertThat(response.body()).doesNotContain("张小明", INDIVIDUAL, "33011010001", "33011010002", "market-staff");
        // and publishing again is done already: the topic holds one publication, keyed by the task, not by the real USCC
        InspectionFixtures.await("the disclosure in the staff read model", () -> store.task(taskId).orElseThrow().disclosed());
        disclosures.publish(Department.MARKET, taskId);
        List<ConsumerRecord<String, byte[]>> published = readAll(TopicCatalogue.DISCLOSURES);
        assertThat(published).extracting(ConsumerRecord::key).containsExactly(taskId);
        assertThat(published).allSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(INDIVIDUAL));
    }

    @Test
    @Order(5)
    void shouldServeThePublicPageWithoutLoginInChineseAndEnglishWhenAnonymous() throws Exception {
        // when
        HttpResponse<String> zh = TestBus.get(url("/public/results?q=" + enc("张")));
        HttpResponse<String> en = TestBus.get(url("/public/results?q=" + enc("张") + "&lang=en"));
        HttpResponse<String> staff = TestBus.get(url("/staff/inspections"));

        // then
        assertThat(zh.statusCode()).isEqualTo(200);
        assertThat(zh.body()).contains("双随机抽查结果公示", "张**", "发现问题已责令改正").doesNotContain("张小明", "nav-enterprises");
        assertThat(en.body()).contains("Published inspection results", "Problem found, correction ordered");
        assertThat(staff.statusCode()).isEqualTo(302);
    }

    @Test
    @Order(5)
    void shouldFindThePublishedResultWhenThePublicTypeItsUsccInAnInputMethodsFullWidthMode() throws Exception {
        // when a member of the public types the start of the code as a Chinese input method's full-width mode writes it
        HttpResponse<String> api = TestBus.get(url("/api/v1/public/results?q=" + enc("９２３３０１１０")));
        HttpResponse<String> page = TestBus.get(url("/public/results?q=" + enc("９２３３０１１０")));

        // then the result is found, as 92330110 finds it (and as the staff search finds a code typed so)
        JsonNode found = json.readTree(api.body());
        assertThat(found.path("totalElements").asInt()).isEqualTo(1);
        assertThat(found.path("content").get(0).path("uscc").asText()).isEqualTo("92330110*********H");
        assertThat(page.body()).contains("张**", "92330110*********H");
    }

    @Test
    @Order(6)
    void shouldAnswerAProblemNamingTheFieldWhenThePublicApiGetsABadPage() throws Exception {
        // when
        HttpResponse<String> response = TestBus.get(url("/api/v1/public/results?page=minus-one"));

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("field").asText()).isEqualTo("page");
        assertThat(problem.path("rule").asText()).isEqualTo("type");
        // and a page beyond any integer is too large, not "not a whole number"
        JsonNode tooLarge = json.readTree(TestBus.get(url("/api/v1/public/results?page=99999999999")).body());
        assertThat(tooLarge.path("rule").asText()).isEqualTo("max");
        assertThat(tooLarge.path("detail").asText()).isEqualTo("page must be at most 2147483647, got 99999999999");

        // and a parameter it does not take is named, not ignored (pgae=2 would answer page 0)
        JsonNode unknown = json.readTree(TestBus.get(url("/api/v1/public/results?pgae=2")).body());
        assertThat(unknown.path("status").asInt()).isEqualTo(400);
        assertThat(unknown.path("field").asText()).isEqualTo("pgae");
        assertThat(unknown.path("rule").asText()).isEqualTo("unknown");
    }

    @Test
    @Order(7)
    void shouldDeadLetterAndCountAnUndecodableInspectionRecordWhenOneArrives() throws Exception {
        // when
        TestBus.send(bootstrap(), TopicCatalogue.INSPECTIONS, "garbage-key", "not avro".getBytes(StandardCharsets.UTF_8));

        // then
        List<ConsumerRecord<String, byte[]>> dead = readDeadLetters(TopicCatalogue.INSPECTIONS + TopicCatalogue.DEAD_LETTER_SUFFIX);
        assertThat(dead).extracting(ConsumerRecord::key).contains("garbage-key");
        InspectionFixtures.await("the dead-letter counter", () -> meters.get("sharebus.dlt.records")
                .tag("topic", TopicCatalogue.INSPECTIONS).counter().count() == 1.0);
    }

    @Test
    @Order(8)
    void shouldAnswerTheSamePlanRecusalRecordedAndPublishNothingNewWhenTheDrawFormIsSubmittedTwice() throws Exception {
        // given a draw form's token, submitted twice (a double click) before the projection shows the plan
        String token = UUID.randomUUID().toString();

        // when
        String first = inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of(BINJIANG), "33010610001", token);
        String second = inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of(BINJIANG), "33010610001", token);

        // then one plan, its id a full UUID, and one InspectionPlanDrawn on the topic
        assertThat(second).isEqualTo(first);
        assertThat(first).matches("MARKET-\\d{8}-[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
        assertThat(events(TopicCatalogue.INSPECTIONS, first)).extracting(InspectionEvent::getEventType)
                .containsExactly("InspectionPlanDrawn", "InspectionTaskAssigned");
        assertThat(((org.sharebus.inspection.InspectionPlanDrawn) events(TopicCatalogue.INSPECTIONS, first).get(0).getPayload())
                .getExcludedInspectorIds()).containsExactly("33010610001");
        // and another form (another token) is another draw, not the plan already drawn: here one that meets the
        // yearly cap, since Binjiang's one enterprise was just drawn
        InspectionFixtures.await("the Binjiang task in the read model", () -> store.tasks(first).size() == 1);
        assertThatThrownBy(() -> inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of(BINJIANG), "",
                UUID.randomUUID().toString())).isInstanceOf(DrawRefusedException.class)
                .extracting(e -> ((DrawRefusedException) e).rule()).isEqualTo("yearly-cap");
        planForResults = first;
    }

    @Test
    @Order(9)
    void shouldDrawTheOneOfficerLeftWhenOneIsRecusedFromATaskAndRefuseTheNextRecusalWithNobodyLeft() throws Exception {
        // given the Binjiang task, drawn with 33010610001 recused from the whole plan: two of the three others went
        InspectionFixtures.await("the Binjiang task", () -> store.tasks(planForResults).size() == 1);
        InspectionStore.Task task = store.tasks(planForResults).get(0).task();
        List<String> others = new ArrayList<>(List.of("33011010001", "33011010002", "33010610002"));
        others.removeAll(task.inspectorIds());
        String recused = task.inspectorIds().get(0);

        // when the enterprise asks that one of them step aside, submitted twice (a double click)
        String replacement = inspections.recuse("market-staff", Department.MARKET, task.taskId(), recused, "企业申请回避：亲属关系");
        String again = inspections.recuse("market-staff", Department.MARKET, task.taskId(), recused, "企业申请回避：亲属关系");

        // then the one officer left is drawn in their place, once, and the task lists the new pair with the recusal
        assertThat(others).containsExactly(replacement);
        assertThat(again).isNull();
        InspectionFixtures.await("the recusal in the read model", () -> store.recusedFrom(task.taskId()).contains(recused));
        assertThat(store.task(task.taskId()).orElseThrow().task().inspectorIds()).contains(replacement).doesNotContain(recused).hasSize(2);
        assertThat(store.recusals(planForResults).get(task.taskId())).singleElement().satisfies(r -> {
            assertThat(r.recusedInspectorId()).isEqualTo(recused);
            assertThat(r.replacementInspectorId()).isEqualTo(replacement);
            assertThat(r.reason()).isEqualTo("企业申请回避：亲属关系");
            assertThat(r.recordedBy()).isEqualTo("market-staff");
        });
        assertThat(events(TopicCatalogue.INSPECTIONS, planForResults)).extracting(InspectionEvent::getEventType)
                .containsOnlyOnce("InspectorRecused");
        // and the other officer cannot step aside too: everyone else is on the task, recused from it or from the plan
        String other = task.inspectorIds().get(1);
        assertThat(InvalidCode.of(() -> inspections.recuse("market-staff", Department.MARKET, task.taskId(), other, "直接利害关系")))
                .isEqualTo("inspectorId/replacement");
        // and an officer not on the task, or no reason, is refused naming the field
        assertThat(InvalidCode.of(() -> inspections.recuse("market-staff", Department.MARKET, task.taskId(), "33011010003", "理由")))
                .isEqualTo("inspectorId/on-task");
        assertThat(InvalidCode.of(() -> inspections.recuse("market-staff", Department.MARKET, task.taskId(), other, " ")))
                .isEqualTo("reason/required");
    }

    @Test
    @Order(10)
    void shouldPutOneResultAndOnePublicationOnTheTopicsWhenStaffSubmitTwiceAndRefuseADifferentResult() throws Exception {
        // given the Binjiang task, just drawn
        InspectionFixtures.await("the Binjiang task", () -> store.tasks(planForResults).size() == 1);
        String task = store.tasks(planForResults).get(0).task().taskId();

        // when the same result is submitted twice, before the projection shows it, then a different one
        inspections.recordResult("market-staff", Department.MARKET, task, "NO_PROBLEM_FOUND", inspections.today().toString(), null);
        inspections.recordResult("market-staff", Department.MARKET, task, "NO_PROBLEM_FOUND", inspections.today().toString(), null);
        Throwable different = org.assertj.core.api.Assertions.catchThrowable(() -> inspections.recordResult("market-staff",
                Department.MARKET, task, "CORRECTION_ORDERED", inspections.today().toString(), null));

        // then one result on the topic, named by the task; the different one is a conflict naming the rule
        assertThat(events(TopicCatalogue.INSPECTIONS, planForResults)).extracting(InspectionEvent::getEventType)
                .containsExactly("InspectionPlanDrawn", "InspectionTaskAssigned", "InspectorRecused", "InspectionResultRecorded");
        assertThat(different).isInstanceOf(ActionConflictException.class);
        assertThat(((InvalidInspectionInputException) different).rule()).isEqualTo("once");
        // and once its result is in, nobody can step aside from the task any more
        InspectionFixtures.await("the Binjiang result", () -> store.task(task).orElseThrow().result() != null);
        String officer = store.task(task).orElseThrow().task().inspectorIds().get(0);
        assertThat(InvalidCode.of(() -> inspections.recuse("market-staff", Department.MARKET, task, officer, "理由"))).isEqualTo("taskId/open");

        // when it is published twice, the second before the projection shows the first
        InspectionFixtures.await("the Binjiang result", () -> store.task(task).orElseThrow().result() != null);
        disclosures.publish(Department.MARKET, task);
        disclosures.publish(Department.MARKET, task);

        // then one publication
        assertThat(readAll(TopicCatalogue.DISCLOSURES)).extracting(ConsumerRecord::key).containsOnlyOnce(task);
    }

    @Test
    @Order(11)
    void shouldRefuseControlCharactersNamingTheFieldAndRuleWhenTheyReachAQueryOrARecord() throws Exception {
        // when
        HttpResponse<String> api = TestBus.get(url("/api/v1/public/results?q=%00"));
        HttpResponse<String> page = TestBus.get(url("/public/results?q=a%01b"));

        // then
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(api.body());
        assertThat(problem.path("field").asText()).isEqualTo("q");
        assertThat(problem.path("rule").asText()).isEqualTo("characters");
        assertThat(page.statusCode()).isEqualTo(400);
        // the page says it in the reader's language (Chinese by default); the API in English problem+json
        assertThat(page.body()).contains("查询内容不能含有控制字符");
        assertThat(InvalidCode.of(() -> inspections.recordResult("market-staff", Department.MARKET, "MARKET-20260105-0000AA-0001",
                "NO_PROBLEM_FOUND", "2026-01-05", "杭余市监罚\u0000号"))).isEqualTo("followUpPenaltyRef/characters");
        assertThat(InvalidCode.of(() -> inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of(GONGSHU),
                "33010610001\u0000"))).isEqualTo("recusals/characters");
    }

    @Test
    @Order(12)
    void shouldRefuseARecusalOfAnUnknownOfficerOrAnOverlongListNamingTheRule() {
        // when / then: a mistyped certificate number would leave the real officer eligible
        assertThat(InvalidCode.of(() -> inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of(GONGSHU),
                "33010610001, 3301061000X"))).isEqualTo("recusals/known-inspector");
        assertThatThrownBy(() -> inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of(GONGSHU), "33011010003"))
                .hasMessageContaining("33011010003");
        assertThat(InvalidCode.of(() -> inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of(GONGSHU),
                "33010610001 ".repeat(100)))).isEqualTo("recusals/length");
    }

    @Test
    @Order(13)
    void shouldFindTheRecentInspectorsWhenTheDrawHasMoreTargetsThanPostgresqlBindParameters() {
        // given 40,000 targets, one of them the individual business inspected in the first two plans
        List<String> usccs = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            usccs.add(String.format("91330100%09dX", i));
        }
        usccs.add(INDIVIDUAL);

        // when
        Map<String, Set<String>> recent = store.recentInspectors(Department.MARKET, usccs, rules.rotation().plans());

        // then
        assertThat(recent.get(INDIVIDUAL)).containsExactlyInAnyOrder("33011010001", "33011010002", "33010610001", "33010610002");
    }

    @Test
    @Order(14)
    void shouldLeaveTheFollowUpPenaltyOffThePublicPageOnceACreditRepairRemovedIt() throws Exception {
        // given the published result naming its follow-up penalty (test 4)
        assertThat(TestBus.get(url("/api/v1/public/results?q=" + enc("92330110"))).body()).contains(PENALTY);

        // when the credit office repairs that penalty (一处修复、处处修复)
        CreditRepaired repair = CreditRepaired.newBuilder().setRepairedRecordType(RepairedRecordType.ADMINISTRATIVE_PENALTY)
                .setRepairedDocNo(PENALTY).setRepairedOn(inspections.today()).setAuthority("杭州市信用办").build();
        TestBus.publish(bootstrap(), registry, List.of(CreditEvent.newBuilder()
                .setHeader(EventExamples.header(Department.CREDIT, InspectionFixtures.ZHANG_XIAOMING, repair, Instant.now().minusSeconds(60),
                        Visibility.PUBLIC).build())
                .setPayload(repair).build()));

        // then the public result no longer names it; the result itself stays published
        HttpResponse<String> after = TestBus.awaitGet(url("/api/v1/public/results?q=" + enc("92330110")),
                r -> r.statusCode() == 200 && r.body().contains(taskId) && !r.body().contains(PENALTY));
        assertThat(json.readTree(after.body()).path("content").get(0).path("resultCode").asText()).isEqualTo("CORRECTION_ORDERED");
    }

    @Test
    @Order(16)
    void shouldOfferADistrictInADepartmentsDrawFormOnlyForEnterprisesItMayKnowOf() {
        // given no enterprise in Chun'an county
        assertThat(store.districts(Department.MARKET)).doesNotContainKey("330127").containsKey(InspectionFixtures.YUHANG);
        // when the search model holds one that only customs' INTERNAL events told the bus of
        String uscc = "91330127MA2CUST01X";
        jdbc.sql("""
                INSERT INTO consumers.enterprise (uscc, name, region_code, district, status, risk_class, risk_score, event_count,
                    profile_updated_at, source_partition, source_offset, known_to)
                VALUES (:uscc, '淳安某贸易有限公司', '330127', '淳安县', 'UNKNOWN', 'UNKNOWN', 0, 0, now(), 0, 0, ',CUSTOMS,')""")
                .param("uscc", uscc).update();
        try {
            // then customs' draw form offers the county, market's does not: it would tell market that such an event came
            assertThat(store.districts(Department.CUSTOMS)).containsEntry("330127", "淳安县");
            assertThat(store.districts(Department.MARKET)).doesNotContainKey("330127").containsKey(InspectionFixtures.YUHANG);
        } finally {
            jdbc.sql("DELETE FROM consumers.enterprise WHERE uscc = :uscc").param("uscc", uscc).update();
        }
    }

    @Test
    @Order(15)
    void shouldNameAFollowUpPenaltyOnlyWhileItIsItselfPublic() throws Exception {
        // given two published results whose follow-up penalties no department has published yet
        int year = inspections.today().minusMonths(6).getYear();
        String fine = "杭西市监罚〔" + year + "〕7号";
        String reprimand = "杭西市监罚〔" + year + "〕8号";
        String finedTask = "MARKET-20261001-0000BB-0001";
        String reprimandedTask = "MARKET-20261001-0000BB-0002";
        publishResult("MARKET-20261001-0000BB", finedTask, EventExamples.XIXI_DIGITAL, InspectionResult.CORRECTION_ORDERED, fine);
        publishResult("MARKET-20261001-0000BB", reprimandedTask, EventExamples.XIXI_DIGITAL, InspectionResult.CORRECTION_ORDERED, reprimand);
        // and a third, of another enterprise, whose staff typed the fine's number by mistake
        String mistypedTask = "MARKET-20261001-0000BB-0003";
        publishResult("MARKET-20261001-0000BB", mistypedTask, InspectionFixtures.ZHANG_XIAOMING, InspectionResult.CORRECTION_ORDERED, fine);
        InspectionFixtures.await("the Xixi results", () -> store.task(finedTask).map(row -> row.result() != null).orElse(false)
                && store.task(reprimandedTask).map(row -> row.result() != null).orElse(false)
                && store.task(mistypedTask).map(row -> row.result() != null).orElse(false));
        disclosures.publish(Department.MARKET, finedTask);
        disclosures.publish(Department.MARKET, reprimandedTask);
        disclosures.publish(Department.MARKET, mistypedTask);
        String xixi = url("/api/v1/public/results?q=" + EventExamples.XIXI_DIGITAL.uscc().value());
        HttpResponse<String> before = TestBus.awaitGet(xixi, r -> r.statusCode() == 200 && r.body().contains(finedTask)
                && r.body().contains(reprimandedTask));
        // no number that is not (yet) a published penalty is named
        assertThat(before.body()).doesNotContain(fine, reprimand);

        // when market supervision publishes both, decided six months ago, their numbers typed with other brackets and 第:
        // a fine (published for 3 years) and a reprimand (published for 3 months, so no longer)
        LocalDate decided = inspections.today().minusMonths(6);
        publishPenalty(EventExamples.XIXI_DIGITAL, fine.replace("〔", "[").replace("〕", "]第"), decided, PenaltyType.FINE);
        publishPenalty(EventExamples.XIXI_DIGITAL, reprimand.replace("〔", "（").replace("〕", "）"), decided, PenaltyType.REPRIMAND);

        // then the fine is named with its result, the reprimand, whose own publicity has ended, is not; both results stay published
        HttpResponse<String> after = TestBus.awaitGet(xixi, r -> r.statusCode() == 200 && r.body().contains(fine));
        assertThat(after.body()).contains(finedTask, reprimandedTask).doesNotContain(reprimand);
        InspectionFixtures.await("the reprimand's publicity end", () -> jdbc.sql("SELECT count(*) FROM consumers.penalty_publicity"
                + " WHERE doc_no = :docNo").param("docNo", reprimand).query(Long.class).single() == 1);
        assertThat(jdbc.sql("SELECT publicity_ends_on FROM consumers.penalty_publicity WHERE doc_no = :docNo").param("docNo", reprimand)
                .query(LocalDate.class).single()).isEqualTo(decided.plusMonths(3).plusDays(1));
        assertThat(TestBus.get(xixi).body()).doesNotContain(reprimand);
        // and the fine is Xixi's alone: the other enterprise's result, published, does not carry it
        String zhang = url("/api/v1/public/results?q=" + enc("92330110"));
        assertThat(TestBus.awaitGet(zhang, r -> r.statusCode() == 200 && r.body().contains(mistypedTask)).body()).doesNotContain(fine);
    }

    private void publishPenalty(EventExamples.Enterprise enterprise, String decisionNo, LocalDate decided, PenaltyType type) throws Exception {
        AdministrativePenaltyDecided penalty = AdministrativePenaltyDecided.newBuilder().setDecisionNo(decisionNo).setViolationType("虚假宣传")
                .setPenaltyTypes(List.of(type)).setFineAmount(type == PenaltyType.FINE ? new java.math.BigDecimal("50000.00") : null)
                .setSector(PenaltySector.ADVERTISING).setProcedure(PenaltyProcedure.GENERAL).setDecidedOn(decided).build();
        TestBus.publish(bootstrap(), registry, List.of(MarketEvent.newBuilder()
                .setHeader(EventExamples.header(Department.MARKET, enterprise, penalty,
                        EventExamples.at(decided.getYear(), decided.getMonthValue(), decided.getDayOfMonth(), 10, 0), Visibility.PUBLIC)
                        // One id per decision: the examples' ids come from the enterprise, type and time, the same for two penalties of a day.
                        .setEventId(UUID.nameUUIDFromBytes(decisionNo.getBytes(StandardCharsets.UTF_8))).setDocNo(decisionNo).build())
                .setPayload(penalty).build()));
    }

    private void publishResult(String plan, String task, EventExamples.Enterprise enterprise, InspectionResult code, String followUp)
            throws Exception {
        Instant at = Instant.now().minusSeconds(3600);
        ConfluentAvroSerializer<InspectionEvent> serializer = new ConfluentAvroSerializer<>(registry, InspectionEvent.class);
        InspectionEvent assigned = InspectionEvent.newBuilder().setEventId(UUID.nameUUIDFromBytes(task.getBytes())).setEventType("InspectionTaskAssigned")
                .setPlanId(plan).setDepartment(Department.MARKET).setOccurredAt(at)
                .setPayload(InspectionTaskAssigned.newBuilder().setTaskId(task).setUscc(enterprise.uscc().value()).setEnterpriseName(enterprise.name())
                        .setRegionCode(enterprise.regionCode()).setRiskClass("B").setInspectorIds(List.of("33010610001", "33010610002"))
                        .setDueOn(inspections.today().plusMonths(1)).build()).build();
        InspectionEvent result = InspectionEvent.newBuilder().setEventId(UUID.nameUUIDFromBytes((task + "r").getBytes()))
                .setEventType("InspectionResultRecorded").setPlanId(plan).setDepartment(Department.MARKET).setOccurredAt(at)
                .setPayload(InspectionResultRecorded.newBuilder().setTaskId(task).setResultCode(code).setResultFormedOn(inspections.today())
                        .setFollowUpPenaltyRef(followUp).setRecordedBy("market-staff").build()).build();
        TestBus.send(bootstrap(), TopicCatalogue.INSPECTIONS, plan, serializer.serialize(TopicCatalogue.INSPECTIONS, assigned));
        TestBus.send(bootstrap(), TopicCatalogue.INSPECTIONS, plan, serializer.serialize(TopicCatalogue.INSPECTIONS, result));
    }

    private void publishOldResult() throws Exception {
        String oldPlan = "MARKET-20260105-0000AA";
        String oldTask = oldPlan + "-0001";
        Instant at = Instant.parse("2026-01-05T02:00:00Z");
        ConfluentAvroSerializer<InspectionEvent> serializer = new ConfluentAvroSerializer<>(registry, InspectionEvent.class);
        InspectionEvent task = InspectionEvent.newBuilder().setEventId(UUID.nameUUIDFromBytes(oldTask.getBytes())).setEventType("InspectionTaskAssigned")
                .setPlanId(oldPlan).setDepartment(Department.MARKET).setOccurredAt(at)
                .setPayload(InspectionTaskAssigned.newBuilder().setTaskId(oldTask).setUscc("91330106N4446551XY").setEnterpriseName("杭州西溪数码科技有限公司")
                        .setRegionCode("330106").setRiskClass("B").setInspectorIds(List.of("33010610001", "33010610002"))
                        .setDueOn(LocalDate.of(2026, 3, 5)).build()).build();
        InspectionEvent result = InspectionEvent.newBuilder().setEventId(UUID.nameUUIDFromBytes((oldTask + "r").getBytes()))
                .setEventType("InspectionResultRecorded").setPlanId(oldPlan).setDepartment(Department.MARKET).setOccurredAt(at)
                .setPayload(InspectionResultRecorded.newBuilder().setTaskId(oldTask).setResultCode(InspectionResult.NO_PROBLEM_FOUND)
                        .setResultFormedOn(LocalDate.of(2026, 1, 5)).setRecordedBy("market-staff").build()).build();
        TestBus.send(bootstrap(), TopicCatalogue.INSPECTIONS, oldPlan, serializer.serialize(TopicCatalogue.INSPECTIONS, task));
        TestBus.send(bootstrap(), TopicCatalogue.INSPECTIONS, oldPlan, serializer.serialize(TopicCatalogue.INSPECTIONS, result));
    }

    /** The inspection events on the topic under the key, in order. */
    private List<InspectionEvent> events(String topic, String key) {
        org.sharebus.serde.ConfluentAvroDeserializer<InspectionEvent> decoder =
                new org.sharebus.serde.ConfluentAvroDeserializer<>(registry, InspectionEvent.class);
        return readAll(topic).stream().filter(record -> key.equals(record.key()))
                .map(record -> decoder.deserialize(topic, record.value())).toList();
    }

    /** Every committed record on the topic, up to its end now. */
    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "inspection-wiring-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(TestBus.PATIENCE);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.sort(java.util.Comparator.comparingLong(ConsumerRecord::offset));
            return records;
        }
    }

    private List<ConsumerRecord<String, byte[]>> readDeadLetters(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "inspection-wiring-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(TestBus.PATIENCE);
            while (records.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private String bootstrap() {
        return String.join(",", kafka.getBootstrapServers());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The field and rule an input refusal names, as "field/rule". */
    private static final class InvalidCode {
        static String of(Runnable action) {
            try {
                action.run();
                return "accepted";
            } catch (InvalidInspectionInputException e) {
                return e.field() + "/" + e.rule();
            }
        }
    }
}
