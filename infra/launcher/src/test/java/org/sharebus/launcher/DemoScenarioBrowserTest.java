package org.sharebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sharebus.consumers.browser.HeadlessChromium;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The walk-through of docs/demo.md on the whole bus, in a real browser (Debian's chromium and
 * chromedriver, headless): customs publishes a smuggling penalty through the gateway and makes the
 * enterprise dishonest, its risk class rises to D, market supervision and tax find the linked
 * notices in their inboxes, market supervision draws a key item's inspection plan (class D at
 * 100 %, so the enterprise is in it however many others the district has), finds the enterprise's
 * task in it, records the result and publishes it, and the public page shows it. The demo's days
 * are counted back from today, as docs/demo.md counts them, so it runs on any day. The screenshots in docs/images/demo/ are the ones this test takes:
 * {@code -Dsharebus.demo.screenshots=../../docs/images/demo} writes them there (default
 * target/demo-screenshots).
 *
 * <p>Same configuration as {@link SharebusLauncherTest}, so the two share one running bus; the
 * demo enterprise is its own, in a district no other test uses.
 */
@SpringBootTest(classes = SharebusLauncher.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0",
                "sharebus.topics.department-partitions=3", "server.shutdown=immediate", "sharebus.seeds.load=false",
                "sharebus.inspection.inspectors-csv=classpath:demo-inspectors.csv"})
@AutoConfigureMetrics
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoScenarioBrowserTest {

    static final String USCC = "91330106MA2H7DEM0L";
    static final String NAME = "杭州西溪数字贸易有限公司";
    static final String XIHU = "330106";
    /** The demo's days, as docs/demo.md's shell variables give them. */
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final LocalDate REGISTERED = TODAY.minusDays(30);
    static final LocalDate PENALISED = TODAY.minusDays(10);
    static final LocalDate DISHONEST = TODAY.minusDays(1);
    static final String PENALTY_NO = "杭关缉违字〔" + PENALISED.getYear() + "〕0188号";
    private static final int NEIGHBOURS = 30;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path screenshots = Path.of(System.getProperty("sharebus.demo.screenshots", "target/demo-screenshots"));
    private HeadlessChromium chromium;
    private ChromeDriver browser;

    @BeforeAll
    void startBrowser() throws Exception {
        chromium = HeadlessChromium.start(1280, 1000, PATIENCE);
        browser = chromium.driver();
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void shouldCarryASmugglingPenaltyFromTheGatewayToNoticesAnInspectionAndThePublicPage() throws Exception {
        // given market supervision registered the enterprise, and staff see it in class A
        HttpResponse<String> registered = publish("demo-key-market", """
                {"eventId": "%s", "eventType": "EnterpriseRegistered", "uscc": "%s", "enterpriseName": "%s",
                 "regionCode": "%s", "occurredAt": "%sT10:00:00+08:00",
                 "payload": {"entityType": "LIMITED_LIABILITY_COMPANY", "establishedOn": "%s",
                             "registeredCapital": "5000000.00", "capitalCurrency": "CNY",
                             "address": "杭州市西湖区西溪路 525 号", "industryCode": "F5179",
                             "legalRepresentative": "陈明", "registrationAuthority": "杭州市西湖区市场监督管理局"}}
                """.formatted(UUID.randomUUID(), USCC, NAME, XIHU, REGISTERED, REGISTERED));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        registerNeighbours();
        logIn("market-staff", "demo-market");
        openProfileWhenClassIs("A");
        screenshot("1-profile-before");

        // when customs publishes a smuggling penalty through the gateway, and then makes the enterprise dishonest (失信企业)
        HttpResponse<String> penalty = publish("demo-key-customs", """
                {"eventId": "%s", "eventType": "CustomsPenaltyDecided", "uscc": "%s", "enterpriseName": "%s",
                 "regionCode": "%s", "occurredAt": "%sT09:30:00+08:00",
                 "payload": {"caseType": "SMUGGLING", "decisionNo": "%s",
                             "amount": "86000.00", "decidedAt": "%s"}}
                """.formatted(UUID.randomUUID(), USCC, NAME, XIHU, PENALISED, PENALTY_NO, PENALISED));
        assertThat(penalty.statusCode()).as(penalty.body()).isEqualTo(201);
        assertThat(penalty.body()).contains("\"topic\":\"customs.events.v1\"").contains("\"sha256\"");
        HttpResponse<String> dishonest = publish("demo-key-customs", """
                {"eventId": "%s", "eventType": "CustomsCreditClassChanged", "uscc": "%s", "enterpriseName": "%s",
                 "regionCode": "%s", "occurredAt": "%sT15:00:00+08:00",
                 "payload": {"oldClass": "REGULAR", "newClass": "DISHONEST", "effectiveDate": "%s"}}
                """.formatted(UUID.randomUUID(), USCC, NAME, XIHU, DISHONEST, DISHONEST));
        assertThat(dishonest.statusCode()).as(dishonest.body()).isEqualTo(201);

        // then the profile's class rises to D, explained by the penalty and the customs class
        openProfileWhenClassIs("D");
        assertThat(text(By.id("risk-explanation"))).contains(PENALTY_NO).contains("DISHONEST");
        screenshot("2-profile-after");

        // and market supervision finds the linked notices in its inbox
        browser.findElement(By.id("nav-notices")).click();
        await().until(ExpectedConditions.urlContains("/staff/notices"));
        awaitRow("tr.notice-row", "受海关走私行政处罚（" + PENALTY_NO + "）");
        awaitRow("tr.notice-row", "失信企业");
        screenshot("3-notices-market");

        // and so does tax, while customs, who published them, is not told
        logIn("tax-staff", "demo-tax");
        browser.get(url("/staff/notices"));
        awaitRow("tr.notice-row", "受海关走私行政处罚");
        screenshot("4-notices-tax");
        logIn("customs-staff", "demo-customs");
        browser.get(url("/staff/notices"));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("notices-total")));
        assertThat(browser.findElements(By.xpath("//tr[contains(@class,'notice-row')][contains(., '" + NAME + "')]"))).isEmpty();

        // when market supervision draws the product quality check (a key item: class D at 100 %) in Xihu
        logIn("market-staff", "demo-market");
        browser.findElement(By.id("nav-inspections")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("scope-district")));
        new Select(browser.findElement(By.id("scope-district"))).selectByValue(XIHU);
        browser.findElement(By.id("scope-submit")).click();
        await().until(ExpectedConditions.textToBe(By.id("draw-scope"), "西湖区"));
        screenshot("5-inspections");
        new Select(browser.findElement(By.id("draw-item"))).selectByValue("MKT-10");
        browser.findElement(By.id("draw-submit")).click();

        // then the plan holds the enterprise, found by name among the plan's tasks, with two inspectors of the district
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-id")));
        browser.findElement(By.id("plan-find-name")).sendKeys("西溪数字");
        browser.findElement(By.id("plan-find-submit")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-found")));
        WebElement task = awaitRow("tr.task");
        assertThat(task.getText()).contains(NAME);
        assertThat(task.findElements(By.cssSelector(".inspectors div"))).hasSize(2);
        screenshot("6-plan-drawn");

        // when the inspectors' result is recorded and published
        new Select(task.findElement(By.cssSelector(".result-code"))).selectByValue("CORRECTION_ORDERED");
        task.findElement(By.cssSelector(".record-submit")).click();
        await().until(ExpectedConditions.textToBe(By.cssSelector("tr.task .result-text"), "发现问题已责令改正"));
        browser.findElement(By.cssSelector("tr.task .publish-submit")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr.task .disclosed")));
        screenshot("7-plan-published");

        // then anyone, without logging in, finds it on the public page
        browser.manage().deleteAllCookies();
        browser.get(url("/public/results"));
        browser.findElement(By.id("public-q")).sendKeys("西溪数字");
        browser.findElement(By.id("public-submit")).click();
        // The page before the search lists recent results too: a row found there goes stale when the search's page loads.
        await().until(ExpectedConditions.urlContains("q="));
        WebElement published = awaitRow("tr.public-result");
        assertThat(published.findElement(By.cssSelector(".public-name")).getText()).isEqualTo(NAME);
        assertThat(published.findElement(By.cssSelector(".public-result-text")).getText()).isEqualTo("发现问题已责令改正");
        assertThat(browser.getPageSource()).doesNotContain("陈明");
        screenshot("8-public-results");
    }

    /**
     * Other enterprises of the draw's pool (manufacturing and trade in Xihu, set up the same day, class A), so that
     * the plan, as in the seeded city, draws a sample of them beside the enterprise of class D, which it draws whatever
     * their number. (The bus here runs without the seed city: its 20,000 enterprises take minutes to load.)
     */
    private void registerNeighbours() throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < NEIGHBOURS; i++) {
            String body = String.format("%08d", 71_000_000 + i * 7_919);
            String first17 = "91" + XIHU + body + organisationCheckDigit(body);
            String uscc = first17 + org.sharebus.uscc.Uscc.checkCharacter(first17);
            batch.append(i == 0 ? "" : ",").append("""
                    {"eventId": "%s", "eventType": "EnterpriseRegistered", "uscc": "%s", "enterpriseName": "杭州西溪邻%s%s有限公司",
                     "regionCode": "%s", "occurredAt": "%sT11:00:00+08:00",
                     "payload": {"entityType": "LIMITED_LIABILITY_COMPANY", "establishedOn": "%s", "registeredCapital": "1000000.00",
                                 "capitalCurrency": "CNY", "address": "杭州市西湖区文三路 %d 号", "industryCode": "%s",
                                 "legalRepresentative": "王平", "registrationAuthority": "杭州市西湖区市场监督管理局"}}
                    """.formatted(UUID.randomUUID(), uscc, "甲乙丙丁戊己庚辛壬癸".charAt(i % 10), i % 2 == 0 ? "机械" : "商贸", XIHU, REGISTERED,
                    REGISTERED, 100 + i, i % 2 == 0 ? "C3484" : "F5132"));
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/events/batch")))
                .header("Authorization", "Bearer demo-key-market").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch.append("]").toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).as("HTTP " + answer.statusCode()).contains("\"accepted\":" + NEIGHBOURS);
    }

    /** GB 11714: 11 − (Σ Cᵢ·Wᵢ mod 11), 10 → X, 11 → 0. */
    private static char organisationCheckDigit(String body8) {
        int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (body8.charAt(i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    private HttpResponse<String> publish(String apiKey, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/events")))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens the enterprise's profile page, reloading until its risk class is the one given (the builder is asynchronous). */
    private void openProfileWhenClassIs(String riskClass) {
        await().until(driver -> {
            driver.get(url("/staff/enterprises/" + USCC));
            List<WebElement> found = driver.findElements(By.id("risk-class"));
            return !found.isEmpty() && found.get(0).getText().strip().equals(riskClass);
        });
    }

    /** The first row of the kind that names the demo enterprise, reloading the page until it does. */
    private WebElement awaitRow(String rowSelector) {
        return awaitRow(rowSelector, NAME);
    }

    /** The first row of the kind that names the demo enterprise and holds {@code text}, reloading the page until it does. */
    private WebElement awaitRow(String rowSelector, String text) {
        By row = By.xpath("//tr[contains(concat(' ', @class, ' '), ' " + rowSelector.substring(rowSelector.indexOf('.') + 1)
                + " ')][contains(., '" + NAME + "')][contains(., '" + text + "')]");
        return await().until(driver -> {
            List<WebElement> rows = driver.findElements(row);
            if (rows.isEmpty()) {
                driver.navigate().refresh();
                return null;
            }
            return rows.get(0);
        });
    }

    private void logIn(String username, String password) {
        browser.manage().deleteAllCookies();
        chromium.logIn(url(""), username, password);
    }

    private WebDriverWait await() {
        return chromium.await();
    }

    private String text(By by) {
        return chromium.text(by);
    }

    private void screenshot(String name) {
        chromium.screenshot(screenshots, name);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
