package org.sharebus.consumers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.sharebus.consumers.browser.HeadlessChromium;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.consumers.search.EnterpriseSearch;
import org.sharebus.consumers.search.EnterpriseSummary;
import org.sharebus.consumers.search.SearchPage;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The risk-class badges of the enterprise search as market supervision staff read them, in a real
 * browser (headless Chromium) with the stylesheet as deployed: WCAG 2's 4.5:1 for their small bold letters.
 */
class RiskBadgeContrastBrowserTest {

    private static final UsernamePasswordAuthenticationToken MARKET_STAFF = new UsernamePasswordAuthenticationToken("market-staff", null,
            List.of(new SimpleGrantedAuthority("DEPARTMENT_MARKET")));

    @Test
    void shouldShowEveryRiskClassesLetterReadablyOnItsColourWhenEnterprisesAreListed() throws Exception {
        // given enterprises of each class, and one not yet classed
        EnterpriseSearch search = mock(EnterpriseSearch.class);
        List<EnterpriseSummary> found = List.of("A", "B", "C", "D", "UNKNOWN").stream()
                .map(c -> new EnterpriseSummary("9133010252887035" + c.charAt(0) + "1", "杭州元铭广告有限公司", "330102", "上城区", null, null,
                        "ACTIVE", c, 10, 1, null, Instant.parse("2026-11-27T02:00:00Z")))
                .toList();
        when(search.search(any(), any())).thenReturn(new SearchPage<>(found, 0, 20, found.size()));
        MockMvc pages = PageRendering.pages(new StaffPages(search, mock(ProfileSource.class), new StaffProperties(null, null),
                TestRules.standard()));
        Path page = PageRendering.saveForBrowser(PageRendering.render(pages, "/staff/enterprises?name=MA2H7", MARKET_STAFF), "risk-badges");

        // when market staff read the list
        try (HeadlessChromium chromium = HeadlessChromium.start(1280, 900, Duration.ofSeconds(5))) {
            chromium.driver().get(page.toUri().toString());
            chromium.screenshot(Path.of("target", "screenshots"), "risk-badges");

            // then each letter stands out from its badge's colour enough to be read
            assertThat(chromium.texts(By.cssSelector("table.results .badge"))).containsExactly("A", "B", "C", "D", "UNKNOWN");
            assertThat(chromium.contrast(By.cssSelector("table.results .badge"))).allSatisfy(ratio -> assertThat(ratio).isGreaterThanOrEqualTo(4.5));
        }
    }
}
