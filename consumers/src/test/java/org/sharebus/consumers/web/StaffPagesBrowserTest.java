package org.sharebus.consumers.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sharebus.consumers.ConsumersApplication;
import org.sharebus.consumers.TestBus;
import org.sharebus.consumers.browser.HeadlessChromium;
import org.sharebus.event.CreditExamples;
import org.sharebus.event.EventExamples;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.credit.CreditEvent;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.uscc.UsccGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The staff pages in a real browser (Debian's chromium and chromedriver, headless), against the
 * consumer application on the in-process broker and PostgreSQL with every example event
 * published. One browser for the class; each test starts logged out, in Chinese.
 * Screenshots go to target/screenshots/.
 */
@SpringBootTest(classes = ConsumersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0", "sharebus.topics.department-partitions=2",
        "sharebus.profile.advertised-host=127.0.0.1", "server.shutdown=immediate"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class StaffPagesBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String TRADER = EventExamples.XIAOSHAN_TRADING.uscc().value();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    KafkaConnectionDetails kafka;
    @Autowired
    SchemaRegistryClient registry;

    private HeadlessChromium chromium;
    private ChromeDriver browser;

    @BeforeAll
    void publishExamplesAndStartBrowser() throws Exception {
        TestBus.publish(String.join(",", kafka.getBootstrapServers()), registry,
                EventExamples.all().stream().map(EventExamples.Example::event).toList());
        TestBus.awaitGet("http://127.0.0.1:" + port + "/api/v1/enterprises?name=" + TRADER,
                r -> r.statusCode() == 200 && r.body().contains("\"riskClass\":\"D\""));
        chromium = HeadlessChromium.start(1280, 1600, TestBus.PATIENCE);
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
    void shouldShowRiskClassAndFactorsInChineseWhenMarketStaffSearchesAndOpensProfile() throws Exception {
        // given market supervision staff logged in
        logIn("market-staff", "demo-market");
        assertThat(text(By.id("nav-enterprises"))).isEqualTo("企业查询");
        assertThat(chromium.unnamedFields()).isEmpty();

        // when they search by part of the name and open the enterprise
        browser.findElement(By.id("search-name")).sendKeys("萧山进出口");
        browser.findElement(By.id("search-submit")).click();
        await().until(ExpectedConditions.textToBe(By.id("results-total"), "共 1 家企业"));
        screenshot("search-zh");
        browser.findElement(By.linkText("杭州萧山进出口贸易有限公司")).click();

        // then the profile shows its class and the factors that produced it, in Chinese
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("risk-class")));
        screenshot("profile-zh");
        assertThat(text(By.id("enterprise-name"))).isEqualTo("杭州萧山进出口贸易有限公司");
        assertThat(text(By.cssSelector("#risk h2"))).isEqualTo("信用风险分类");
        assertThat(text(By.id("risk-class"))).isEqualTo("D");
        assertThat(text(By.id("risk-class-label"))).isEqualTo("D 类（信用风险高）");
        assertThat(texts(By.cssSelector("tr.factor td:first-child"))).anySatisfy(f -> assertThat(f).startsWith("海关信用等级"))
                .anySatisfy(f -> assertThat(f).contains("杭关缉违字〔2026〕0042号"));
        assertThat(text(By.id("risk-explanation"))).startsWith("D");
        // and the facts by department, and the timeline
        assertThat(text(By.cssSelector("#department-CUSTOMS h3"))).isEqualTo("海关");
        assertThat(text(By.id("department-CUSTOMS"))).contains("海关信用等级").contains("失信企业").doesNotContain("DISHONEST");
        // codes in words: the penalty's case type, the timeline's event types
        assertThat(text(By.id("department-CUSTOMS"))).contains("走私行为").doesNotContain("SMUGGLING");
        assertThat(texts(By.cssSelector("tr.timeline-entry td:last-child"))).contains("海关行政处罚").doesNotContain("CustomsPenaltyDecided");
        // times in Beijing time, as on the other pages: the penalty was decided at 10:30 in Hangzhou (02:30 UTC)
        assertThat(texts(By.cssSelector("tr.timeline-entry"))).anySatisfy(e -> assertThat(e).contains("海关行政处罚 杭关缉违字〔2026〕0042号")
                .contains("2026-05-12 10:30"));
        assertThat(texts(By.cssSelector("tr.timeline-entry"))).noneSatisfy(e -> assertThat(e).containsPattern("T\\d\\d:\\d\\d.*Z"));
        // and a class written as a code in the summary, in words
        assertThat(texts(By.cssSelector("tr.timeline-entry"))).anySatisfy(e -> assertThat(e).contains("海关信用等级变更 失信企业"))
                .noneSatisfy(e -> assertThat(e).contains("DISHONEST"));
    }

    @Test
    void shouldShowEnglishLabelsAndFactorsWhenLanguageSwitched() throws Exception {
        // given market staff on the enterprise page
        logIn("market-staff", "demo-market");
        browser.get(url("/staff/enterprises/" + TRADER));
        assertThat(text(By.cssSelector("#risk h2"))).isEqualTo("信用风险分类");

        // when they switch to English
        browser.findElement(By.id("lang-en")).click();

        // then labels and factors are in English, and stay so on the next page
        await().until(ExpectedConditions.textToBe(By.cssSelector("#risk h2"), "Credit-risk class"));
        screenshot("profile-en");
        assertThat(text(By.id("risk-class-label"))).isEqualTo("D (high risk)");
        assertThat(texts(By.cssSelector("tr.factor td:first-child"))).contains("customs DISHONEST");
        assertThat(text(By.cssSelector("#department-CUSTOMS h3"))).isEqualTo("Customs");
        assertThat(text(By.id("department-CUSTOMS"))).contains("Dishonest").contains("Smuggling").doesNotContain("SMUGGLING");
        // the timeline's summaries without their Chinese labels: the event type says it in English beside them
        assertThat(texts(By.cssSelector("tr.timeline-entry"))).anySatisfy(e -> assertThat(e).contains("杭关缉违字〔2026〕0042号"))
                .noneSatisfy(e -> assertThat(e).contains("海关行政处罚"))
                .anySatisfy(e -> assertThat(e).contains("Dishonest")).noneSatisfy(e -> assertThat(e).contains("DISHONEST"));
        browser.findElement(By.id("nav-enterprises")).click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Enterprise search"));
    }

    @Test
    void shouldTellWrongPasswordClearlyWhenLoginFails() throws Exception {
        // when
        logIn("market-staff", "not-the-password");

        // then
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        screenshot("login-failed-zh");
        assertThat(text(By.id("login-error"))).isEqualTo("用户名或密码错误，请重新输入。");
        assertThat(browser.getCurrentUrl()).endsWith("/staff/login?error");
    }

    @Test
    void shouldLockLoginAfterFiveWrongPasswordsInARowAndRefuseEvenTheRightOne() throws Exception {
        // given two wrong passwords in a row for tax-staff, each refused as wrong, one with the name typed with a space after
        // it, which the form trims: a try at tax-staff all the same
        for (int i = 0; i < 2; i++) {
            logIn(i % 2 == 0 ? "tax-staff " : "tax-staff", "guess-" + i);
            await().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        }
        // and twenty more sent at once, as a guesser would: three are checked (five in all) and the rest refused as locked
        assertThat(logInAtOnce("tax-staff", 20)).containsOnly("/staff/login?error", "/staff/login?locked")
                .filteredOn("/staff/login?error"::equals).hasSize(3);

        // when the right password comes next
        logIn("tax-staff", "demo-tax");

        // then the login is locked, and the page says so and for how long
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-locked")));
        screenshot("login-locked-zh");
        assertThat(text(By.id("login-locked"))).isEqualTo("连续登录失败次数过多，该账号已锁定，请 15 分钟后再试。如忘记密码，请联系本部门管理员。");
        assertThat(browser.getCurrentUrl()).endsWith("/staff/login?locked");
        assertThat(browser.findElements(By.id("current-user"))).isEmpty();
        // and another member of staff still logs in
        logIn("commerce-staff", "demo-commerce");
        assertThat(text(By.id("current-user"))).contains("commerce-staff");
    }

    @Test
    void shouldServePagesUnderContentSecurityPolicyAndStillSearchWithHtmx() throws Exception {
        // given the staff and public pages answer with a policy that forbids inline and foreign script
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/staff/login", "/public/results")) {
            HttpResponse<Void> page = http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue(StaffWebConfiguration.CONTENT_SECURITY_POLICY);
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        }
        chromium.consoleErrors();
        logIn("market-staff", "demo-market");
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("current-user")));
        browser.executeScript("window.notReloaded = true");

        // when they search
        browser.findElement(By.id("search-name")).sendKeys("萧山进出口");
        browser.findElement(By.id("search-submit")).click();

        // then htmx swapped the results into the same page (no reload), and the browser blocked nothing on the way
        await().until(ExpectedConditions.textToBe(By.id("results-total"), "共 1 家企业"));
        assertThat(browser.executeScript("return window.notReloaded === true && typeof htmx")).isEqualTo("object");
        assertThat(chromium.consoleErrors()).isEmpty();
        // and a screen reader is told what was found: the count is in the page's live region, which stayed
        await().until(ExpectedConditions.domPropertyToBe(browser.findElement(By.id("results-announce")), "textContent", "共 1 家企业"));
        assertThat(browser.findElement(By.id("results-announce")).getAriaRole()).isEqualTo("status");

        // and when they switch to English, the header's link, rendered before the search, leads to the search as it now is
        browser.findElement(By.id("lang-en")).click();
        await().until(ExpectedConditions.textToBe(By.id("results-total"), "1 enterprise(s)"));
        assertThat(browser.findElement(By.id("search-name")).getAttribute("value")).isEqualTo("萧山进出口");
    }

    @Test
    void shouldShowTheRefusalInPlaceWhenAnHtmxSearchIsRefused() throws Exception {
        // given market staff on the search page, which htmx keeps in place
        logIn("market-staff", "demo-market");
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("current-user")));
        browser.executeScript("window.notReloaded = true");

        // when a search the server refuses (400) comes back to htmx: none of the form's fields can make one, a request can
        browser.executeScript("htmx.ajax('GET', '/staff/enterprises?size=0', {target: '#results', select: '#results', swap: 'outerHTML'})");

        // then the refusal is shown where the results were (staff.js swaps the 400 page in), in the reader's language
        await().until(ExpectedConditions.textToBe(By.cssSelector("#results .alert.error"), "每页条数不能小于 1。"));
        assertThat(browser.executeScript("return window.notReloaded === true")).isEqualTo(true);
    }

    @Test
    void shouldKeepTheFormAsFilledWhenASearchIsRefused() throws Exception {
        // given market staff, who may filter by class
        logIn("market-staff", "demo-market");
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("current-user")));

        // when a search with a class and a status is refused for another parameter (a link with a bad page size)
        browser.get(url("/staff/enterprises?name=萧山&riskClass=d&status=ACTIVE&size=0"));

        // then the page says why, and the form still holds what they chose
        await().until(ExpectedConditions.textToBe(By.cssSelector("#results .alert.error"), "每页条数不能小于 1。"));
        assertThat(browser.findElement(By.id("search-name")).getAttribute("value")).isEqualTo("萧山");
        assertThat(browser.findElement(By.id("search-risk-class")).getAttribute("value")).isEqualTo("D");
        assertThat(browser.findElement(By.id("search-status")).getAttribute("value")).isEqualTo("ACTIVE");
    }

    @Test
    void shouldHideRiskClassButShowSharedFactsWhenStaffOfAnotherDepartment(CapturedOutput output) throws Exception {
        // given customs staff
        logIn("customs-staff", "demo-customs");

        // when they open the trader's page
        browser.get(url("/staff/enterprises/" + TRADER));

        // then they see the shared facts but not market supervision's internal risk class
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("risk-hidden")));
        assertThat(text(By.id("risk-hidden"))).isEqualTo("信用风险分类属于市场监管局的内部信息，仅向该部门工作人员展示。");
        assertThat(browser.findElements(By.id("risk-class"))).isEmpty();
        assertThat(browser.findElements(By.id("search-risk-class"))).isEmpty();
        assertThat(text(By.id("department-CUSTOMS"))).contains("失信企业");
        assertThat(text(By.id("current-user"))).contains("customs-staff").contains("海关");
        // and the API's access log names who read the profile
        assertThat(output.getOut()).contains("caller=instance staff=customs-staff for=CUSTOMS method=GET path=/api/v1/enterprises/" + TRADER
                + " status=200 forwarded=false");
    }

    @Test
    void shouldListAnEnterpriseOnlyTheCreditOfficeKeptToItselfForItsStaffAloneAndAnswerOthersAsIfUnknown() throws Exception {
        // given an enterprise the bus has heard of from the credit office alone, in a listing it kept to itself
        EventExamples.Enterprise hidden = new EventExamples.Enterprise(new UsccGenerator(29112026).next("330106"),
                "杭州仅信用办知悉商贸有限公司", "330106");
        CreditEvent listing = CreditExamples.courtDebtorListed();
        TestBus.publish(String.join(",", kafka.getBootstrapServers()), registry, List.of(CreditEvent.newBuilder(listing)
                .setHeader(EventExamples.header(Department.CREDIT, hidden, (SpecificRecord) listing.getPayload(), EventExamples.at(2026, 11, 20, 10, 0),
                        Visibility.INTERNAL).build()).build()));
        String uscc = hidden.uscc().value();
        TestBus.awaitGet(url("/api/v1/enterprises?name=" + uscc), TestBus.apiKey(Department.CREDIT),
                r -> r.statusCode() == 200 && r.body().contains("\"totalElements\":1"));

        // when credit office staff search for it
        logIn("credit-staff", "demo-credit");
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("search-name")));
        browser.findElement(By.id("search-name")).sendKeys("仅信用办知悉");
        browser.findElement(By.id("search-submit")).click();

        // then they find it, with no time of a change every department may know of
        await().until(ExpectedConditions.textToBe(By.id("results-total"), "共 1 家企业"));
        assertThat(texts(By.cssSelector("table.results tbody tr td"))).contains("杭州仅信用办知悉商贸有限公司", uscc, "—");

        // and market staff find nothing, and the enterprise's address answers them as an unknown USCC's does
        browser.manage().deleteAllCookies();
        logIn("market-staff", "demo-market");
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("search-name")));
        browser.findElement(By.id("search-name")).sendKeys("仅信用办知悉");
        browser.findElement(By.id("search-submit")).click();
        await().until(ExpectedConditions.textToBe(By.id("results-total"), "共 0 家企业"));
        browser.get(url("/staff/enterprises/" + uscc));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.alert.error")));
        assertThat(text(By.cssSelector("p.alert.error")))
                .isEqualTo("没有统一社会信用代码为 " + uscc + " 的企业档案：尚无部门发布过该企业的信息。");
        assertThat(browser.findElements(By.id("enterprise-name"))).isEmpty();
    }

    @Test
    void shouldShowAnErrorPageInTheStaffLanguageThatSaysWhatToDoWhenAnAddressOrFormIsRefused() throws Exception {
        // given market staff logged in
        logIn("market-staff", "demo-market");
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-enterprises")));

        // when they open an address that has no page
        browser.get(url("/staff/nothing-here"));

        // then a page in Chinese says so, with the address and a way back, not Spring's Whitelabel page
        assertThat(text(By.id("error-title"))).isEqualTo("页面不存在");
        assertThat(text(By.id("error-status"))).isEqualTo("404");
        assertThat(text(By.id("error-path"))).isEqualTo("/staff/nothing-here");
        assertThat(browser.getPageSource()).doesNotContain("Whitelabel");
        screenshot("error-404-zh");

        // when a form goes without its CSRF token (as one left open past the session would)
        postForm("/staff/notices/" + java.util.UUID.randomUUID() + "/close", false);

        // then the page tells them the form expired and to reload
        await().until(ExpectedConditions.textToBe(By.id("error-status"), "403"));
        assertThat(text(By.id("error-title"))).isEqualTo("无权访问或页面已过期（请刷新后重试）");
        assertThat(text(By.id("error-help"))).contains("请刷新该页面");

        // when a form names a notice by something that is not an identifier
        browser.get(url("/staff/enterprises"));
        postForm("/staff/notices/not-a-uuid/acknowledge", true);

        // then it is a bad request, in words, without the exception behind it
        await().until(ExpectedConditions.textToBe(By.id("error-status"), "400"));
        assertThat(text(By.id("error-title"))).isEqualTo("请求无效");
        assertThat(browser.getPageSource()).doesNotContain("UUID").doesNotContain("Exception");

        // and in English once they chose English
        browser.get(url("/staff/enterprises"));
        browser.findElement(By.id("lang-en")).click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Enterprise search"));
        browser.get(url("/staff/nothing-here"));
        assertThat(text(By.id("error-title"))).isEqualTo("Page not found");
        browser.findElement(By.id("error-home")).click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Enterprise search"));

        // and the public, on a public address that has no page, is led to the published results only, not to the staff login
        browser.manage().deleteAllCookies();
        browser.get(url("/public/nothing-here"));
        assertThat(text(By.id("error-title"))).isEqualTo("页面不存在");
        assertThat(browser.findElements(By.id("error-home"))).isEmpty();
        browser.findElement(By.id("error-public")).click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "双随机抽查结果公示"));
    }

    @Test
    void shouldSayInTheStaffLanguageWhatAUsccLooksLikeWhenAProfileAddressHoldsSomethingElse() throws Exception {
        // given market staff logged in
        logIn("market-staff", "demo-market");
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-enterprises")));

        // when they open a profile by something that is not a USCC
        browser.get(url("/staff/enterprises/91330106N4446551XZ"));

        // then the page says what a USCC is, in Chinese, without the API's English detail
        assertThat(text(By.id("profile-problem"))).startsWith("“91330106N4446551XZ”不是有效的统一社会信用代码：它有 18 位")
                .doesNotContain("USCC");
        browser.findElement(By.id("lang-en")).click();
        await().until(ExpectedConditions.textToBe(By.id("profile-problem"), "\"91330106N4446551XZ\" is not a valid Unified Social Credit"
                + " Code: it has 18 characters (digits and capital letters other than I, O, Z, S, V), the last a check digit."
                + " Check it and try again."));
    }

    /** Sends a form from the current page the way its own forms do, with or without the session's CSRF token. */
    private void postForm(String path, boolean withToken) {
        browser.executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                if (arguments[1]) {
                  const token = document.querySelector('form.logout input[name=_csrf]').cloneNode();
                  form.appendChild(token);
                }
                document.body.appendChild(form);
                form.submit();""", path, withToken);
    }

    /**
     * Wrong passwords for the login sent together, each from a session of its own (a login page and its CSRF token),
     * all posted once every session is ready; answers where each was sent (the path and query of its redirect).
     */
    private List<String> logInAtOnce(String username, int tries) throws Exception {
        List<HttpClient> clients = new ArrayList<>();
        List<String> forms = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            String page = client.send(HttpRequest.newBuilder(URI.create(url("/staff/login"))).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher token = CSRF_FIELD.matcher(page);
            assertThat(token.find()).as("the login page's CSRF token").isTrue();
            clients.add(client);
            forms.add("username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=guess-at-once-" + i
                    + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(tries);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < tries; i++) {
                HttpClient client = clients.get(i);
                HttpRequest post = HttpRequest.newBuilder(URI.create(url("/staff/login")))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(forms.get(i))).build();
                answers.add(senders.submit(() -> {
                    go.await();
                    URI location = URI.create(client.send(post, HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow());
                    return location.getRawPath() + "?" + location.getRawQuery();
                }));
            }
            go.countDown();
            List<String> where = new ArrayList<>();
            for (Future<String> answer : answers) {
                where.add(answer.get());
            }
            return where;
        } finally {
            senders.shutdownNow();
        }
    }

    private void logIn(String username, String password) {
        browser.get(url("/staff/enterprises"));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(text(By.tagName("h1"))).isEqualTo("工作人员登录");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    private WebDriverWait await() {
        return chromium.await();
    }

    private String text(By by) {
        return chromium.text(by);
    }

    private List<String> texts(By by) {
        return chromium.texts(by);
    }

    private void screenshot(String name) {
        chromium.screenshot(SCREENSHOTS, name);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
