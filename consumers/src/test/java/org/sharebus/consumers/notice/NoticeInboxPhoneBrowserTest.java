package org.sharebus.consumers.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.sharebus.consumers.browser.HeadlessChromium;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.consumers.web.PageRendering;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/** The notice inbox on a phone 375 px wide, in a real browser (headless Chromium) with the stylesheet as deployed. */
class NoticeInboxPhoneBrowserTest {

    private static final UsernamePasswordAuthenticationToken TAX_STAFF = new UsernamePasswordAuthenticationToken("tax-staff", null,
            List.of(new SimpleGrantedAuthority("DEPARTMENT_TAX")));

    @Test
    void shouldKeepThePageOnThePhonesScreenAndScrollOnlyTheInboxWhenItIsWiderThanTheScreen() throws Exception {
        // given two notices, each with its forms
        NoticeInbox inbox = mock(NoticeInbox.class);
        when(inbox.page(any())).thenReturn(new SearchPage<>(List.of(NoticeInboxContrastBrowserTest.notice(Notice.NoticeStatus.OPEN, true),
                NoticeInboxContrastBrowserTest.notice(Notice.NoticeStatus.ACKNOWLEDGED, false)), 0, 20, 2));
        MockMvc pages = PageRendering.pages(new NoticePages(inbox, mock(NoticeActions.class)));
        Path page = PageRendering.saveForBrowser(PageRendering.render(pages, "/staff/notices", TAX_STAFF), "notices-phone");

        // when tax staff open the inbox on a phone
        try (HeadlessChromium chromium = HeadlessChromium.start(1280, 900, Duration.ofSeconds(5))) {
            chromium.screen(375, 800);
            chromium.driver().get(page.toUri().toString());
            chromium.screenshot(Path.of("target", "screenshots"), "notices-phone");

            // then the page itself does not scroll sideways (the header, the filter and the count stay on the screen)
            assertThat(((Number) chromium.driver().executeScript("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(375);
            // and the inbox scrolls in its own box, which the keyboard can reach and a screen reader names
            WebElement box = chromium.driver().findElement(By.cssSelector("div.scroll"));
            assertThat(box.getDomAttribute("tabindex")).isEqualTo("0");
            assertThat(box.getAccessibleName()).isEqualTo("跨部门联动通报");
        }
    }
}
