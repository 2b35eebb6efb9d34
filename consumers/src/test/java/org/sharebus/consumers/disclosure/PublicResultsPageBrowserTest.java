package org.sharebus.consumers.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.sharebus.consumers.browser.HeadlessChromium;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.consumers.web.PageRendering;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The public results page as a member of the public reads it, in a real browser (Debian's chromium,
 * headless), on a phone and on a desktop: the templates, messages and stylesheet as deployed, the
 * published results stubbed. Screenshots go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicResultsPageBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final PublicResults results = mock(PublicResults.class);
    private final MockMvc pages = PageRendering.pages(new PublicResultsController(results));
    private HeadlessChromium chromium;
    private ChromeDriver browser;

    @BeforeAll
    void startBrowser() throws Exception {
        chromium = HeadlessChromium.start(1280, 900, Duration.ofSeconds(5));
        browser = chromium.driver();
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void desktop() {
        chromium.screen(0, 0);
    }

    @Test
    void shouldFitAPhonesScreenWithEachValueUnderItsColumnsNameWhenResultsAreListed() {
        // given a page of published results
        published(46);

        // when a member of the public opens the page on a phone 375 px wide
        chromium.screen(375, 800);
        open("/public/results", "results-phone");
        chromium.screenshot(SCREENSHOTS, "public-results-phone");

        // then nothing runs off the screen: no sideways scrolling, no column cut off at the edge
        assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
        // and each value is read with the name of its column, the result and the publication date among them
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) browser.executeScript("return [...document.querySelectorAll('tr.public-result')[0].cells]"
                + ".map(cell => getComputedStyle(cell, '::before').content.replace(/^\"|\"$/g, '') + ' ' + cell.innerText)");
        assertThat(shown).contains("检查结果 发现问题已责令改正", "公示日期 2026-11-27", "企业名称 杭州铭尚会展服务有限公司");
        // and a screen reader still reads a table of cells
        assertThat(browser.findElement(By.cssSelector("td.public-result-text")).getAriaRole()).isIn("cell", "gridcell");
    }

    @Test
    void shouldKeepEachDateOnOneLineWhenTheTableFillsADesktopWindow() {
        // given
        published(46);

        // when
        open("/public/results?lang=en", "results-desktop-en");
        chromium.screenshot(SCREENSHOTS, "public-results-desktop-en");

        // then 2026-11-27 is not cut after its month ("2026-11-" above "27")
        for (String date : List.of("td.public-formed-on", "td.public-disclosed-on")) {
            Number lines = (Number) browser.executeScript("var range = document.createRange();"
                    + " range.selectNodeContents(document.querySelector(arguments[0])); return range.getClientRects().length;", date);
            assertThat(lines.intValue()).as(date).isEqualTo(1);
        }
    }

    @Test
    void shouldSayNothingIsPublishedYetWhenNoResultIsAndNoSearchWasMade() {
        // given no result published yet
        published(0);

        // when the page is opened, in Chinese and in English
        open("/public/results", "results-none-yet");
        String zh = chromium.text(By.id("public-none"));
        open("/public/results?lang=en", "results-none-yet-en");
        String en = chromium.text(By.id("public-none"));

        // then it says so, not that their (empty) search matched nothing
        assertThat(zh).isEqualTo("尚未公示任何抽查结果。");
        assertThat(en).isEqualTo("No inspection results have been published yet.");
        // while a search that finds nothing still says nothing matches
        open("/public/results?q=" + URLEncoder.encode("不存在", StandardCharsets.UTF_8), "results-no-match");
        assertThat(chromium.text(By.id("public-none"))).isEqualTo("没有符合条件的抽查结果。");
    }

    @Test
    void shouldShowTheLastPageWhenTheAddressAsksForAPagePastIt() {
        // given 46 results: three pages of 20
        published(46);

        // when a stale link or a typed address asks for the hundredth page
        open("/public/results?page=99", "results-past-last");

        // then the reader gets the last page and its way back, not "none match" under "46 results"
        assertThat(chromium.texts(By.cssSelector("tr.public-result"))).hasSize(6);
        assertThat(chromium.text(By.cssSelector("nav.pages span"))).isEqualTo("第 3 / 3 页");
        assertThat(browser.findElements(By.id("public-none"))).isEmpty();
        assertThat(browser.findElement(By.id("public-previous")).getDomAttribute("href")).endsWith("page=1");
        // and switching the language keeps that page
        assertThat(browser.findElement(By.id("lang-en")).getDomAttribute("href")).contains("page=2");
    }

    @Test
    void shouldLetAKeyboardSkipToTheResultsAndAScreenReaderSayEachLanguagesNameInThatLanguage() {
        // given a page of results
        published(46);
        open("/public/results", "results-keyboard");

        // when a keyboard user presses Tab once
        new Actions(browser).sendKeys(Keys.TAB).perform();

        // then a visible link offers to skip the header, and following it puts them in the page's main part
        WebElement skip = browser.switchTo().activeElement();
        chromium.screenshot(SCREENSHOTS, "public-results-skip-link");
        assertThat(skip.getText()).isEqualTo("跳到主要内容");
        assertThat(skip.getRect().getX()).isNotNegative();
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("main");
        // and the language switch names each language in its own language, the current one said so
        assertThat(browser.findElement(By.id("lang-en")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("lang-zh")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.findElement(By.id("lang-zh")).getDomAttribute("aria-current")).isEqualTo("true");
        assertThat(browser.findElement(By.id("lang-en")).getDomAttribute("aria-current")).isNull();
        open("/public/results?lang=en", "results-keyboard-en");
        assertThat(browser.findElement(By.cssSelector("a.skip")).getDomProperty("textContent")).isEqualTo("Skip to main content");
        assertThat(browser.findElement(By.id("lang-en")).getDomAttribute("aria-current")).isEqualTo("true");
    }

    @Test
    void shouldPrintTheResultsUnderALegibleTitleWithoutTheFormAndLinksWhenTheReaderPrintsThePage() {
        // given a search that found results
        published(3);
        open("/public/results?q=" + URLEncoder.encode("杭州", StandardCharsets.UTF_8), "results-print");

        // when the reader prints it (browsers print no backgrounds: the paper is white behind everything)
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            chromium.screenshot(SCREENSHOTS, "public-results-print");

            // then the title above the results is printed dark, not white on the white paper
            assertThat(browser.findElement(By.cssSelector(".top .brand")).getCssValue("color")).isEqualTo("rgba(0, 0, 0, 1)");
            // and the search form, the language switch and the page links, of no use on paper, are left out
            for (String unused : List.of("form.search", "#lang-en", "nav.pages")) {
                assertThat(browser.findElements(By.cssSelector(unused))).as(unused).allSatisfy(element -> assertThat(element.isDisplayed()).isFalse());
            }
            assertThat(browser.findElements(By.cssSelector("tr.public-result"))).hasSize(3).allSatisfy(row -> assertThat(row.isDisplayed()).isTrue());
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    @Test
    void shouldSayHowLongASearchMayBeBesideTheFieldWhenItIsTooLong() {
        // given
        published(46);
        String tooLong = "杭".repeat(PublicResultsController.MAX_QUERY_LENGTH + 50);

        // when a reader types (or pastes) a very long search
        open("/public/results", "results-long-typed");
        browser.findElement(By.id("public-q")).sendKeys(tooLong);

        // then the field takes no more than a search may hold
        assertThat(browser.findElement(By.id("public-q")).getDomProperty("value")).hasSize(PublicResultsController.MAX_QUERY_LENGTH);

        // and when a longer one comes in the address, the refusal says the limit, and a screen reader hears it with the field
        open("/public/results?q=" + URLEncoder.encode(tooLong, StandardCharsets.UTF_8), "results-long");
        assertThat(chromium.text(By.id("public-invalid"))).isEqualTo("查询内容最多 100 个字符，请删减后重试。");
        assertThat(browser.findElement(By.id("public-q")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("public-q")).getDomAttribute("aria-describedby")).isEqualTo("public-invalid");
        open("/public/results?lang=en&q=" + URLEncoder.encode(tooLong, StandardCharsets.UTF_8), "results-long-en");
        assertThat(chromium.text(By.id("public-invalid"))).isEqualTo("The search is at most 100 characters: shorten it and search again.");
    }

    @Test
    void shouldCountResultsInGoodEnglishWhenThereIsOneOrMany() {
        // when the English page lists one result, then 1,046
        published(1);
        open("/public/results?lang=en", "results-one-en");
        String one = chromium.text(By.id("public-total"));
        published(1046);
        open("/public/results?lang=en", "results-many-en");
        String many = chromium.text(By.id("public-total"));

        // then
        assertThat(one).isEqualTo("1 inspection result");
        assertThat(many).isEqualTo("1,046 inspection results");
    }

    private void open(String uri, String name) {
        browser.get(PageRendering.saveForBrowser(PageRendering.render(pages, uri), name).toUri().toString());
    }

    /** {@code total} published results, 20 a page as PublicResults answers them, newest first. */
    private void published(int total) {
        when(results.search(any(), anyInt())).thenAnswer(call -> {
            String text = call.getArgument(0);
            int page = call.getArgument(1);
            boolean matches = text == null || text.isBlank() || "杭州".contains(text.strip());
            int count = matches ? total : 0;
            List<PublicResults.PublicResult> content = IntStream.range(page * PublicResults.PAGE_SIZE,
                    Math.min(count, (page + 1) * PublicResults.PAGE_SIZE)).mapToObj(PublicResultsPageBrowserTest::result).toList();
            return new SearchPage<>(content, page, PublicResults.PAGE_SIZE, count);
        });
    }

    private static PublicResults.PublicResult result(int i) {
        return new PublicResults.PublicResult("MARKET-20261127-0000-%04d".formatted(i), "杭州铭尚会展服务有限公司", "91330102903799191R", false,
                List.of("登记事项检查"), "杭州市市场监督管理局", LocalDate.of(2026, 11, 27), "CORRECTION_ORDERED", null,
                LocalDate.of(2026, 11, 27), Instant.parse("2026-11-27T02:00:00Z"));
    }
}
