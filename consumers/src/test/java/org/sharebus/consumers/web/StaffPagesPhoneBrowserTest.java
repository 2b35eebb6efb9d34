package org.sharebus.consumers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.sharebus.consumers.browser.HeadlessChromium;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.consumers.search.EnterpriseSearch;
import org.sharebus.consumers.search.EnterpriseSummary;
import org.sharebus.consumers.search.SearchPage;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The staff pages on a phone 375 px wide (an inspector on site), in a real browser (headless
 * Chromium) with the templates, messages and stylesheet as deployed, the search stubbed.
 */
class StaffPagesPhoneBrowserTest {

    private static final UsernamePasswordAuthenticationToken MARKET_STAFF = new UsernamePasswordAuthenticationToken("market-staff", null,
            List.of(new SimpleGrantedAuthority("DEPARTMENT_MARKET")));

    @Test
    void shouldFitThePhonesScreenWithTheLogoutButtonOnItWhenStaffSearchInEnglish() throws Exception {
        // given twenty enterprises found
        EnterpriseSearch search = mock(EnterpriseSearch.class);
        List<EnterpriseSummary> found = IntStream.range(0, 20).mapToObj(i -> new EnterpriseSummary("9133010252887035%02d".formatted(i),
                "杭州元铭广告有限公司", "330102", "上城区", null, null, "ACTIVE", "B", 10, 1, null, Instant.parse("2026-11-27T02:00:00Z"))).toList();
        when(search.search(any(), any())).thenReturn(new SearchPage<>(found, 0, 20, 45));
        MockMvc pages = PageRendering.pages(new StaffPages(search, mock(ProfileSource.class), new StaffProperties(null, null),
                TestRules.standard()));
        Path page = PageRendering.saveForBrowser(PageRendering.render(pages, "/staff/enterprises?name=MA2H7&lang=en", MARKET_STAFF),
                "enterprises-phone");

        // when market staff search on a phone
        try (HeadlessChromium chromium = HeadlessChromium.start(1280, 900, Duration.ofSeconds(5))) {
            chromium.screen(375, 800);
            chromium.driver().get(page.toUri().toString());
            chromium.screenshot(Path.of("target", "screenshots"), "enterprises-phone-en");

            // then nothing runs off the screen: the header (who is signed in, log out) and the results fit it
            assertThat(((Number) chromium.driver().executeScript("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(375);
            WebElement logout = chromium.driver().findElement(By.id("logout"));
            assertThat(logout.getRect().getX() + logout.getRect().getWidth()).isLessThanOrEqualTo(375);
            // and each value of a result is read with its column's name
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) chromium.driver().executeScript("return [...document.querySelectorAll('table.results tbody tr')[0].cells]"
                    + ".map(cell => getComputedStyle(cell, '::before').content.replace(/^\"|\"$/g, '') + ' ' + cell.innerText)");
            assertThat(shown).contains("District Shangcheng District", "Status Active", "Risk class B");
        }
    }
}
