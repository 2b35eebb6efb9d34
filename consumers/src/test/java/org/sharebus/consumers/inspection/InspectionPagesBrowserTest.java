package org.sharebus.consumers.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sharebus.consumers.ConsumersApplication;
import org.sharebus.consumers.TestBus;
import org.sharebus.consumers.browser.HeadlessChromium;
import org.sharebus.event.common.Department;
import org.sharebus.registry.SchemaRegistryClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * 双随机、一公开 in a real browser (Debian's chromium and chromedriver, headless): market staff draw
 * a plan, record a result and publish it; the public page, without login, shows it with the
 * individual business's name masked. One browser for the class; screenshots in target/screenshots/.
 */
@SpringBootTest(classes = ConsumersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0", "sharebus.topics.department-partitions=2",
        "sharebus.profile.advertised-host=127.0.0.1", "server.shutdown=immediate",
        "sharebus.inspection.inspectors-csv=classpath:org/sharebus/consumers/inspection/test-inspectors.csv"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InspectionPagesBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String INDIVIDUAL = InspectionFixtures.ZHANG_XIAOMING.uscc().value();

    @LocalServerPort
    int port;
    @Autowired
    KafkaConnectionDetails kafka;
    @Autowired
    SchemaRegistryClient registry;
    @Autowired
    InspectionStore store;
    @Autowired
    JdbcClient jdbc;

    private ChromeDriver browser;
    private HeadlessChromium chromium;

    @BeforeAll
    void publishDataSetAndStartBrowser() throws Exception {
        TestBus.publish(String.join(",", kafka.getBootstrapServers()), registry, InspectionFixtures.dataSet());
        TestBus.awaitGet(url("/api/v1/enterprises?name=" + INDIVIDUAL), r -> r.statusCode() == 200 && r.body().contains("\"ACTIVE\""));
        chromium = HeadlessChromium.start(1400, 1600, TestBus.PATIENCE);
        browser = chromium.driver();
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void loggedOutInChinese() {
        browser.get(url("/staff/login"));
        browser.manage().deleteAllCookies();
    }

    @Test
    void shouldShowTheResultMaskedOnThePublicPageWhenMarketStaffDrawRecordAndPublish() throws Exception {
        // given market supervision staff on the inspections page, scoped to Yuhang
        logIn("market-staff", "demo-market");
        browser.findElement(By.id("nav-inspections")).click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "双随机抽查"));
        new Select(browser.findElement(By.id("scope-district"))).selectByValue(InspectionFixtures.YUHANG);
        browser.findElement(By.id("scope-submit")).click();
        await().until(ExpectedConditions.textToBe(By.cssSelector("#item-MKT-01 .pool"), "1"));
        assertThat(text(By.cssSelector("#item-MKT-01 .ready"))).isEqualTo("是");
        assertThat(text(By.id("draw-scope"))).isEqualTo("余杭区");
        screenshot("inspections-zh");
        assertThat(chromium.unnamedFields()).isEmpty();

        // when they draw the public-information check
        new Select(browser.findElement(By.id("draw-item"))).selectByValue("MKT-01");
        browser.findElement(By.id("draw-submit")).click();

        // then the plan shows the one task with the business and two inspectors
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-id")));
        assertThat(text(By.id("plan-drawn"))).isEqualTo("1 户 / 名录库 1 户");
        assertThat(text(By.id("plan-scope"))).isEqualTo("余杭区");
        assertThat(text(By.id("plan-strata"))).contains("名录库 1 户").contains("抽取 1 户");
        assertThat(text(By.cssSelector("tr.task .enterprise"))).isEqualTo("张小明");
        assertThat(browser.findElements(By.cssSelector("tr.task .inspectors div"))).hasSize(2);
        assertThat(text(By.cssSelector("tr.task .inspectors"))).contains("王建华", "李娟");
        screenshot("plan-drawn-zh");

        // when the business asks that 王建华 step aside (回避)
        browser.findElement(By.cssSelector("tr.task details.recuse summary")).click();
        assertThat(chromium.unnamedFields()).as("every field of the plan page has a name a screen reader reads").isEmpty();
        new Select(browser.findElement(By.cssSelector("tr.task .recuse-inspector"))).selectByValue("33011010001");
        browser.findElement(By.cssSelector("tr.task .recuse-reason")).sendKeys("企业申请回避：亲属关系");
        browser.findElement(By.cssSelector("tr.task .recuse-submit")).click();

        // then an officer from Xihu is drawn in his place, and the task says so with the reason
        await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr.task .recusal")));
        assertThat(text(By.cssSelector("tr.task .recusal"))).startsWith("33011010001 回避，随机抽取 3301061000")
                .endsWith("（企业申请回避：亲属关系；market-staff 录入）");
        assertThat(browser.findElements(By.cssSelector("tr.task .inspectors > div:not(.recusal)"))).hasSize(2);
        assertThat(text(By.cssSelector("tr.task .inspectors"))).contains("李娟").containsAnyOf("陈晓东", "周敏");
        screenshot("plan-recused-zh");
        // and the result's date is offered between the draw and today (Beijing time)
        String min = browser.findElement(By.cssSelector("tr.task .result-formed-on")).getAttribute("min");
        String max = browser.findElement(By.cssSelector("tr.task .result-formed-on")).getAttribute("max");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(max).isIn(today.toString(), today.minusDays(1).toString());
        assertThat(min).isEqualTo(max);

        // when they record the result and publish it
        new Select(browser.findElement(By.cssSelector("tr.task .result-code"))).selectByValue("CORRECTION_ORDERED");
        browser.findElement(By.cssSelector("tr.task .result-follow-up")).sendKeys("杭余市监罚〔2026〕88号");
        browser.findElement(By.cssSelector("tr.task .record-submit")).click();
        await().until(ExpectedConditions.textToBe(By.cssSelector("tr.task .result-text"), "发现问题已责令改正"));
        assertThat(text(By.cssSelector("tr.task .due"))).startsWith("应于").endsWith("前公示");
        screenshot("plan-recorded-zh");
        browser.findElement(By.cssSelector("tr.task .publish-submit")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr.task .disclosed")));
        assertThat(text(By.cssSelector("tr.task .disclosed"))).startsWith("已于").endsWith("公示");
        // and the plan is listed with its district by name
        browser.findElement(By.id("nav-inspections")).click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "双随机抽查"));
        assertThat(texts(By.cssSelector("tr.plan-row .plan-districts"))).contains("余杭区");

        // then the public, not logged in, sees it with the name masked and no staff navigation
        browser.manage().deleteAllCookies();
        browser.get(url("/public/results"));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("public-results")));
        screenshot("public-results-zh");
        assertThat(chromium.unnamedFields()).isEmpty();
        assertThat(text(By.cssSelector("tr.public-result .public-name"))).isEqualTo("张**");
        assertThat(text(By.cssSelector("tr.public-result .public-uscc"))).isEqualTo("92330110*********H");
        assertThat(text(By.cssSelector("tr.public-result .public-result-text"))).isEqualTo("发现问题已责令改正");
        assertThat(browser.findElements(By.id("nav-enterprises"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("张小明", "王建华", "33011010001");
        // and in English
        browser.findElement(By.id("lang-en")).click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Published inspection results"));
        assertThat(text(By.cssSelector("tr.public-result .public-result-text"))).isEqualTo("Problem found, correction ordered");
        screenshot("public-results-en");
        // and the language switch keeps the search; a page past the last (page=1 of one result) shows the last, and the
        // switch keeps that one (PublicResultsPageBrowserTest: on the third page of three)
        browser.get(url("/public/results?q=92330110&page=1"));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("lang-zh")));
        assertThat(texts(By.cssSelector("tr.public-result .public-name"))).containsExactly("张**");
        assertThat(browser.findElement(By.id("lang-zh")).getAttribute("href")).contains("q=92330110").doesNotContain("page=1");
    }

    @Test
    void shouldNameTheRuleWhenCustomsStaffCannotDrawWithOneCertifiedInspector() throws Exception {
        // given customs staff, whose pool has one certified officer
        logIn("customs-staff", "demo-customs");
        browser.get(url("/staff/inspections"));
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "双随机抽查"));
        assertThat(texts(By.cssSelector("tr.item .ready"))).containsOnly("否");

        // when they try to draw
        browser.findElement(By.id("draw-submit")).click();

        // then the page says which rule stops it
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("draw-error")));
        screenshot("draw-refused-zh");
        assertThat(text(By.id("draw-error")))
                .isEqualTo("无法抽取（每项任务执法人员不得少于规定人数）：本部门只有 1 名持证执法人员，每项任务须选派 2 名（行政处罚法第四十二条）。");
        assertThat(browser.findElements(By.cssSelector("tr.plan-row"))).isEmpty();
        // and the language switch on that answer leads to the inspections page, not back to the form's address
        browser.findElement(By.id("lang-en")).click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Dual-random inspections"));
        assertThat(browser.getCurrentUrl()).endsWith("/staff/inspections?lang=en");
    }

    @Test
    void shouldSayInChineseWhichRecusedNumbersAreUnknownWhenADrawNamesThem() throws Exception {
        // given market supervision staff
        logIn("market-staff", "demo-market");
        browser.get(url("/staff/inspections"));
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "双随机抽查"));

        // when they recuse a certificate number that is not one of their officers'
        browser.findElement(By.id("draw-recusals")).sendKeys("99999999999");
        browser.findElement(By.id("draw-submit")).click();

        // then the page says so in Chinese, naming the number
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("draw-error")));
        assertThat(text(By.id("draw-error"))).isEqualTo("回避人员中有不是本部门持证执法人员的证号：99999999999");
    }

    @Test
    void shouldListAPlansItemsDistrictsAndRecusalsWithTheSeparatorOfThePagesLanguage() throws Exception {
        // given a plan over two items and two districts with two officers recused, as its projection writes it
        // (no tasks: the other tests' draws are not touched)
        String planId = "MARKET-SEPARATORS";
        store.insertPlan(new InspectionStore.Plan(planId, Department.MARKET, List.of("MKT-01", "MKT-02"), List.of("甲检查", "乙检查"),
                List.of("330106", InspectionFixtures.YUHANG), "[]", 1L, "digest", 2, 0, 4, List.of("33011010003", "33010610002"),
                "market-staff", Instant.now()));
        logIn("market-staff", "demo-market");

        // when they read the plan in Chinese, then in English
        browser.get(url("/staff/inspections/plans/" + planId));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-items")));
        String itemsZh = text(By.id("plan-items"));
        String scopeZh = text(By.id("plan-scope"));
        String recusalsZh = text(By.id("plan-recusals"));
        browser.get(url("/staff/inspections/plans/" + planId + "?lang=en"));
        await().until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        String itemsEn = text(By.id("plan-items"));
        String scopeEn = text(By.id("plan-scope"));
        String recusalsEn = text(By.id("plan-recusals"));
        // and the list of plans in English
        browser.get(url("/staff/inspections?lang=en"));
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Dual-random inspections"));
        String listed = browser.findElements(By.cssSelector("tr.plan-row")).stream()
                .filter(row -> row.getText().contains(planId)).findFirst().orElseThrow().getText();

        // then each list is joined as its language joins lists: 、 in Chinese, a comma in English (in English the districts,
        // and the items by their codes, named in English; in Chinese the items as the plan recorded them)
        assertThat(itemsZh).isEqualTo("MKT-01、MKT-02 甲检查、乙检查");
        assertThat(scopeZh).isEqualTo("西湖区、余杭区");
        assertThat(recusalsZh).isEqualTo("33011010003、33010610002");
        assertThat(itemsEn).isEqualTo("MKT-01, MKT-02 Enterprise disclosure inspection, Registration particulars inspection");
        assertThat(scopeEn).isEqualTo("Xihu District, Yuhang District");
        assertThat(recusalsEn).isEqualTo("33011010003, 33010610002");
        assertThat(listed).contains("Enterprise disclosure inspection, Registration particulars inspection").doesNotContain("、");
    }

    @Test
    void shouldJoinAPublishedResultsItemsWithTheSeparatorOfThePagesLanguage() throws Exception {
        // given a result of two items published long ago (last on the page: the other tests' results stay first)
        String uscc = "91330106MA2SEPARAT";
        jdbc.sql("""
                        INSERT INTO consumers.disclosure (task_id, plan_id, department, enterprise_name, uscc, individual_business,
                            item_names, authority, result_code, result_formed_on, disclosed_on, disclosure_due_on, disclosed_at)
                        VALUES ('MARKET-SEPARATORS-0001', 'MARKET-SEPARATORS', 'MARKET', '杭州分隔符贸易有限公司', ?, false,
                            ?, '杭州市市场监督管理局', 'NO_PROBLEM_FOUND', DATE '2020-01-02', DATE '2020-01-03', DATE '2020-02-03',
                            TIMESTAMPTZ '2020-01-03 09:00:00+08')""")
                .params(uscc, "甲检查\n乙检查").update();

        // when the public reads it in Chinese, then in English
        browser.manage().deleteAllCookies();
        browser.get(url("/public/results?q=" + uscc));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr.public-result .public-items")));
        String itemsZh = text(By.cssSelector("tr.public-result .public-items"));
        browser.get(url("/public/results?q=" + uscc + "&lang=en"));
        await().until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        String itemsEn = text(By.cssSelector("tr.public-result .public-items"));

        // then the items are joined as the language joins lists
        assertThat(itemsZh).isEqualTo("甲检查、乙检查");
        assertThat(itemsEn).isEqualTo("甲检查, 乙检查");
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

    private java.util.List<String> texts(By by) {
        return chromium.texts(by);
    }

    private void screenshot(String name) {
        chromium.screenshot(SCREENSHOTS, name);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
