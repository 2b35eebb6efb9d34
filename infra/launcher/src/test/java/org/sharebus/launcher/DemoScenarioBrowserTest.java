package org.sharebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * chromedriver, headless): customs publishes a smuggling penalty through the gateway, the
 * enterprise's risk class rises, market supervision and tax find the linked notice in their
 * inboxes, market supervision draws an inspection plan, records the result and publishes it, and
 * the public page shows it. The screenshots in docs/images/demo/ are the ones this test takes:
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
                 "regionCode": "%s", "occurredAt": "2026-03-02T10:00:00+08:00",
                 "payload": {"entityType": "LIMITED_LIABILITY_COMPANY", "establishedOn": "2026-03-02",
                             "registeredCapital": "5000000.00", "capitalCurrency": "CNY",
                             "address": "杭州市西湖区西溪路 525 号", "industryCode": "I6510",
                             "legalRepresentative": "陈明", "registrationAuthority": "杭州市西湖区市场监督管理局"}}
                """.formatted(UUID.randomUUID(), USCC, NAME, XIHU));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        logIn("market-staff", "demo-market");
        openProfileWhenClassIs("A");
        screenshot("1-profile-before");

        // when customs publishes a smuggling penalty through the gateway
        HttpResponse<String> penalty = publish("demo-key-customs", """
                {"eventId": "%s", "eventType": "CustomsPenaltyDecided", "uscc": "%s", "enterpriseName": "%s",
                 "regionCode": "%s", "occurredAt": "2026-11-20T09:30:00+08:00",
                 "payload": {"caseType": "SMUGGLING", "decisionNo": "杭关缉违字〔2026〕0188号",
                             "amount": "86000.00", "decidedAt": "2026-11-20"}}
                """.formatted(UUID.randomUUID(), USCC, NAME, XIHU));
        assertThat(penalty.statusCode()).as(penalty.body()).isEqualTo(201);
        assertThat(penalty.body()).contains("\"topic\":\"customs.events.v1\"").contains("\"sha256\"");

        // then the profile's class rises, explained by the penalty
        openProfileWhenClassIs("C");
        assertThat(text(By.id("risk-explanation"))).contains("杭关缉违字〔2026〕0188号");
        screenshot("2-profile-after");

        // and market supervision finds the linked notice in its inbox
        browser.findElement(By.id("nav-notices")).click();
        await().until(ExpectedConditions.urlContains("/staff/notices"));
        WebElement marketNotice = awaitRow("tr.notice-row");
        assertThat(marketNotice.getText()).contains("受海关走私行政处罚（杭关缉违字〔2026〕0188号）");
        screenshot("3-notices-market");

        // and so does tax, while customs, who published it, is not told
        logIn("tax-staff", "demo-tax");
        browser.get(url("/staff/notices"));
        assertThat(awaitRow("tr.notice-row").getText()).contains("受海关走私行政处罚");
        screenshot("4-notices-tax");
        logIn("customs-staff", "demo-customs");
        browser.get(url("/staff/notices"));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("notices-total")));
        assertThat(browser.findElements(By.xpath("//tr[contains(@class,'notice-row')][contains(., '" + NAME + "')]"))).isEmpty();

        // when market supervision draws the public-information check in Xihu
        logIn("market-staff", "demo-market");
        browser.findElement(By.id("nav-inspections")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("scope-district")));
        new Select(browser.findElement(By.id("scope-district"))).selectByValue(XIHU);
        browser.findElement(By.id("scope-submit")).click();
        await().until(ExpectedConditions.textToBe(By.id("draw-scope"), "西湖区"));
        screenshot("5-inspections");
        new Select(browser.findElement(By.id("draw-item"))).selectByValue("MKT-01");
        browser.findElement(By.id("draw-submit")).click();

        // then the plan holds the enterprise with two inspectors of the district
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-id")));
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
        By row = By.xpath("//tr[contains(concat(' ', @class, ' '), ' " + rowSelector.substring(rowSelector.indexOf('.') + 1)
                + " ')][contains(., '" + NAME + "')]");
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
