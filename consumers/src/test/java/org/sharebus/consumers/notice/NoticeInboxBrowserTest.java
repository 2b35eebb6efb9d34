package org.sharebus.consumers.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sharebus.consumers.ConsumersApplication;
import org.sharebus.consumers.TestBus;
import org.sharebus.consumers.browser.HeadlessChromium;
import org.sharebus.event.CustomsExamples;
import org.sharebus.event.EventExamples;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.customs.CustomsPenaltyDecided;
import org.sharebus.registry.SchemaRegistryClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The notice inbox in a real browser (Debian's chromium and chromedriver, headless), against the
 * consumer application on the in-process broker and PostgreSQL with every example event
 * published: market supervision staff see customs' smuggling penalty, acknowledge and close it;
 * customs staff do not see it and may not act on it. Same configuration as the other notice tests,
 * so they share one application context ({@link NoticeRecords#OWN_CONTEXT}). Screenshots go to target/screenshots/.
 */
@SpringBootTest(classes = ConsumersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0", "sharebus.topics.department-partitions=2",
        "sharebus.profile.advertised-host=127.0.0.1", "server.shutdown=immediate", NoticeRecords.OWN_CONTEXT})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoticeInboxBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String TRADER = EventExamples.XIAOSHAN_TRADING.uscc().value();
    private static final String TRADER_NAME = "杭州萧山进出口贸易有限公司";
    /**
     * The penalty of the notice this class acknowledges and closes: its own, not the example's, whose
     * notice the wiring test, in the same context, expects open whichever class runs first.
     */
    private static final String PENALTY_NO = "杭关缉违字〔2026〕0077号";

    @LocalServerPort
    int port;
    @Autowired
    KafkaConnectionDetails kafka;
    @Autowired
    SchemaRegistryClient registry;

    private final ObjectMapper json = new ObjectMapper();
    private ChromeDriver browser;
    private HeadlessChromium chromium;
    private String marketNoticeId;
    private final UUID overdueId = UUID.randomUUID();

    @BeforeAll
    void publishExamplesAndStartBrowser() throws Exception {
        List<SpecificRecord> events = new ArrayList<>(EventExamples.all().stream().map(EventExamples.Example::event).toList());
        events.add(ownPenalty());
        TestBus.publish(NoticeRecords.bootstrap(kafka), registry, events);
        // A notice raised a month ago and due two days ago, as the projection would read it from the topic.
        Instant monthAgo = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        NoticeRecords.publish(kafka, registry, NoticeRecords.raised(overdueId, EventExamples.XIXI_DIGITAL.uscc().value(),
                Department.MARKET, monthAgo, LocalDate.now().minusDays(2)));
        JsonNode market = json.readTree(TestBus.awaitGet(url("/api/v1/notices?department=MARKET&uscc=" + TRADER),
                r -> r.statusCode() == 200 && r.body().contains(PENALTY_NO)).body());
        for (JsonNode notice : market.path("content")) {
            if (notice.path("summaryZh").asText().contains(PENALTY_NO)) {
                marketNoticeId = notice.path("id").asText();
            }
        }
        TestBus.awaitGet(url("/api/v1/notices?department=MARKET"), r -> r.body().contains(overdueId.toString()));

        chromium = HeadlessChromium.start(1400, 1600, TestBus.PATIENCE);
        browser = chromium.driver();
    }

    /** The examples' smuggling penalty as another decision: another event, and so another notice. */
    private static CustomsEvent ownPenalty() {
        CustomsEvent example = CustomsExamples.smugglingPenalty();
        return CustomsEvent.newBuilder(example)
                .setHeader(EventHeader.newBuilder(example.getHeader()).setDocNo(PENALTY_NO)
                        .setEventId(UUID.nameUUIDFromBytes(PENALTY_NO.getBytes(StandardCharsets.UTF_8))).build())
                .setPayload(CustomsPenaltyDecided.newBuilder((CustomsPenaltyDecided) example.getPayload()).setDecisionNo(PENALTY_NO).build())
                .build();
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void loggedOutInChinese() {
        browser.get(url("/staff/login?lang=zh"));
        browser.manage().deleteAllCookies();
    }

    @Test
    void shouldShowSmugglingNoticeAndAcknowledgeAndCloseItWhenMarketStaffWorkTheirInbox() throws Exception {
        // given market supervision staff logged in
        logIn("market-staff", "demo-market");

        // when they open their inbox from the navigation
        browser.findElement(By.id("nav-notices")).click();
        By row = By.id("notice-" + marketNoticeId);
        await().until(ExpectedConditions.visibilityOfElementLocated(row));
        screenshot("notices-market-zh");

        // then they see customs' smuggling penalty about the trader, open, linking to its profile
        assertThat(text(By.tagName("h1"))).isEqualTo("跨部门联动通报");
        assertThat(text(By.id("notices-for"))).isEqualTo("发给市场监管局的通报");
        WebElement notice = browser.findElement(row);
        assertThat(notice.findElement(By.className("notice-summary")).getText())
                .isEqualTo(TRADER_NAME + "受海关走私行政处罚（" + PENALTY_NO + "）");
        assertThat(notice.getText()).contains("来源：海关").contains("建议措施").contains("待签收");
        assertThat(notice.findElement(By.className("notice-rule")).getText()).isEqualTo("海关走私处罚");
        assertThat(notice.findElement(By.className("enterprise-link")).getAttribute("href")).endsWith("/staff/enterprises/" + TRADER);
        assertThat(notice.getAttribute("class")).doesNotContain("overdue");

        assertThat(chromium.unnamedFields()).isEmpty();

        // when they acknowledge it with a remark
        notice.findElement(By.className("notice-remark")).sendKeys("已转稽查科");
        notice.findElement(By.className("notice-acknowledge")).click();

        // then the page shows it acknowledged by them
        await().until(ExpectedConditions.textToBe(By.id("notice-done"), "已签收，签收记录已写入共享总线。"));
        await().until(d -> d.findElement(row).findElement(By.className("notice-status")).getText().equals("已签收"));
        assertThat(browser.findElement(row).getText()).contains("market-staff 于");

        // when they close it with the outcome
        browser.findElement(row).findElement(By.className("notice-outcome-input")).sendKeys("已列入重点监管，下月开展定向检查");
        browser.findElement(row).findElement(By.className("notice-close")).click();

        // then it is closed, with the outcome, on the page and in the API
        await().until(ExpectedConditions.textToBe(By.id("notice-done"), "已办结，办结记录已写入共享总线。"));
        await().until(d -> d.findElement(row).findElement(By.className("notice-status")).getText().equals("已办结"));
        screenshot("notices-market-closed-zh");
        assertThat(browser.findElement(row).findElement(By.className("notice-outcome")).getText()).endsWith("办结：已列入重点监管，下月开展定向检查");
        assertThat(browser.findElement(row).findElements(By.tagName("form"))).isEmpty();
        JsonNode closed = json.readTree(TestBus.get(url("/api/v1/notices?department=MARKET&status=CLOSED&uscc=" + TRADER)).body());
        assertThat(closed.path("content").findValuesAsText("id")).contains(marketNoticeId);
        JsonNode answered = closed.path("content").get(0);
        assertThat(answered.path("status").asText()).isEqualTo("CLOSED");
        assertThat(answered.path("closedAt").asText()).isNotEmpty();
        assertThat(closed.toString()).doesNotContain("market-staff").doesNotContain("已转稽查科").doesNotContain("已列入重点监管");
        assertThat(answered.has("acknowledgedBy") || answered.has("acknowledgeRemark") || answered.has("closedBy")
                || answered.has("outcome")).isFalse();
    }

    @Test
    void shouldRefuseRemarkAndOutcomeHoldingControlCharactersOrTooLongAndLeaveTheNoticeOpen() throws Exception {
        // given market supervision staff on their inbox, with an open notice
        logIn("market-staff", "demo-market");
        browser.get(url("/staff/notices"));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice-" + overdueId)));

        // when they post a remark with a bell and an outcome with a NUL, with their own valid CSRF token
        Map<String, Object> acknowledged = post(overdueId + "/acknowledge", "remark", "已阅\u0007");
        Map<String, Object> closed = post(overdueId + "/close", "outcome", "已核查\u0000完毕");

        // then both are refused, naming the field and the rule, and the notice is still open
        assertThat(((Number) acknowledged.get("status")).intValue()).isEqualTo(400);
        assertThat((String) acknowledged.get("body")).contains("签收备注含有控制字符（如 NUL），未办理：请删除后重试。")
                .contains("data-field=\"remark\"").contains("data-rule=\"characters\"");
        assertThat(((Number) closed.get("status")).intValue()).isEqualTo(400);
        assertThat((String) closed.get("body")).contains("处理结果含有控制字符（如 NUL），未办结：请删除后重试。")
                .contains("data-field=\"outcome\"").contains("data-rule=\"characters\"");
        // and a remark past 2,000 characters (the field's maxlength bypassed) is refused as too long, not as a missing outcome
        Map<String, Object> tooLong = post(overdueId + "/acknowledge", "remark", "阅".repeat(2001));
        assertThat(((Number) tooLong.get("status")).intValue()).isEqualTo(400);
        assertThat((String) tooLong.get("body")).contains("签收备注不能超过 2000 字，未办理：请删减后重试。");
        JsonNode open = json.readTree(TestBus.get(url("/api/v1/notices?department=MARKET&status=OPEN")).body());
        assertThat(open.path("content").findValuesAsText("id")).contains(overdueId.toString());
    }

    /** Posts one field to a notice action from the page, as a form would, with the page's CSRF token. */
    private Map<String, Object> post(String action, String field, String value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('form.logout input[name=_csrf]').value;
                fetch('/staff/notices/' + arguments[0], {method: 'POST',
                    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                    body: new URLSearchParams({_csrf: token, [arguments[1]]: arguments[2]})})
                  .then(r => r.text().then(t => done({status: r.status, body: t})));
                """, action, field, value);
        return answer;
    }

    @Test
    void shouldNotShowMarketsNoticeToCustomsAndRefuseTheirActionOnIt() throws Exception {
        // given customs staff logged in, on their inbox
        logIn("customs-staff", "demo-customs");
        browser.get(url("/staff/notices"));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("notices-total")));
        screenshot("notices-customs-zh");

        // then market supervision's notice about customs' own penalty is not there
        assertThat(text(By.id("notices-for"))).isEqualTo("发给海关的通报");
        assertThat(browser.findElements(By.id("notice-" + marketNoticeId))).isEmpty();
        assertThat(browser.findElements(By.className("notice-summary"))).extracting(WebElement::getText)
                .noneMatch(s -> s.contains("走私行政处罚"));

        // when they post an acknowledgement of it anyway, with their own valid CSRF token
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('form.logout input[name=_csrf]').value;
                fetch('/staff/notices/' + arguments[0] + '/acknowledge', {method: 'POST',
                    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                    body: new URLSearchParams({_csrf: token, remark: '越权', status: 'OPEN'})})
                  .then(r => r.text().then(t => done({status: r.status, body: t})));
                """, marketNoticeId);

        // then they are refused, and told why
        assertThat(((Number) answer.get("status")).intValue()).isEqualTo(403);
        assertThat((String) answer.get("body")).contains("该通报不是发给本部门的，不能办理。");
        // on the inbox as they had it: the filter they were on stays chosen
        assertThat((String) answer.get("body")).containsPattern("<option[^>]*value=\"OPEN\"[^>]*selected|<option[^>]*selected[^>]*value=\"OPEN\"");
    }

    @Test
    void shouldMarkOverdueNoticeAndSpeakEnglishWhenLanguageSwitched() throws Exception {
        // given market supervision staff on their inbox
        logIn("market-staff", "demo-market");
        browser.get(url("/staff/notices"));
        By row = By.id("notice-" + overdueId);
        await().until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(browser.findElement(row).findElement(By.className("overdue-badge")).getText()).isEqualTo("已逾期");

        // when they switch to English
        browser.findElement(By.id("lang-en")).click();

        // then the inbox and the overdue mark are in English
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Linked supervision notices"));
        screenshot("notices-market-en");
        assertThat(browser.findElement(row).getAttribute("class")).contains("overdue");
        assertThat(browser.findElement(row).findElement(By.className("overdue-badge")).getText()).isEqualTo("Overdue");
        assertThat(browser.findElement(row).findElement(By.className("notice-summary")).getText())
                .isEqualTo("杭州测试通报有限公司: recognised as an abnormal taxpayer (走逃)");
        assertThat(browser.findElement(row).findElement(By.className("notice-rule")).getText()).isEqualTo("abnormal taxpayer");
        assertThat(text(By.id("nav-notices"))).isEqualTo("Linked notices");
    }

    @Test
    void shouldPageTheInboxNumberingThePagesWhenItHoldsMoreNoticesThanAPage() throws Exception {
        // given commerce staff (no other test reads their inbox) with more notices than the page holds (20)
        for (int i = 0; i < 21; i++) {
            NoticeRecords.publish(kafka, registry, NoticeRecords.raised(UUID.randomUUID(), EventExamples.XIXI_DIGITAL.uscc().value(),
                    Department.COMMERCE, Instant.now().minus(i, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS), LocalDate.now().plusDays(10)));
        }
        TestBus.awaitGet(url("/api/v1/notices?department=COMMERCE"), TestBus.apiKey(Department.COMMERCE), r -> r.statusCode() == 200
                && r.body().matches("(?s).*\"totalElements\":(2[1-9]|[3-9][0-9]|[0-9]{3,}).*"));
        logIn("commerce-staff", "demo-commerce");

        // when they open the first page, then the next
        browser.get(url("/staff/notices"));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("notices-next")));
        String first = browser.findElement(By.cssSelector("nav.pages span")).getText();
        browser.findElement(By.id("notices-next")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("notices-previous")));

        // then each page says which it is, of how many
        assertThat(first).matches("第 1 / \\d+ 页");
        assertThat(browser.findElement(By.cssSelector("nav.pages span")).getText()).matches("第 2 / \\d+ 页");

        // and a page past the last (its last notice just acknowledged away under a filter, or a stale link) shows the last one
        browser.get(url("/staff/notices?page=99"));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("notices-previous")));
        assertThat(browser.findElements(By.id("notices-none"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("nav.pages span")).getText()).matches("第 (\\d+) / \\1 页");

        // and a page or status the inbox cannot read is named in words, the whole inbox shown under it
        browser.get(url("/staff/notices?page=two"));
        assertThat(text(By.id("notices-invalid"))).isEqualTo("页码须为整数。");
        browser.get(url("/staff/notices?status=foo"));
        assertThat(text(By.id("notices-invalid"))).isEqualTo("请从列表中选择状态。");
        assertThat(text(By.id("notices-total"))).matches("共 (2[1-9]|[3-9]\\d|\\d{3,}) 条通报");
    }

    private void logIn(String username, String password) {
        chromium.logIn(url(""), username, password);
    }

    private WebDriverWait await() {
        return chromium.await();
    }

    private String text(By by) {
        return chromium.text(by);
    }

    private void screenshot(String name) {
        chromium.screenshot(SCREENSHOTS, name);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
