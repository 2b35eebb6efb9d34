package org.sharebus.consumers.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.sharebus.consumers.browser.HeadlessChromium;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.consumers.web.PageRendering;
import org.sharebus.event.common.Department;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The notice inbox's small grey and coloured texts against their backgrounds, in a real browser
 * (headless Chromium) with the stylesheet as deployed: WCAG 2's 4.5:1 for text of that size.
 */
class NoticeInboxContrastBrowserTest {

    private static final UsernamePasswordAuthenticationToken TAX_STAFF = new UsernamePasswordAuthenticationToken("tax-staff", null,
            List.of(new SimpleGrantedAuthority("DEPARTMENT_TAX")));

    @Test
    void shouldShowTheInboxsSecondaryTextsAndStatusesReadablyWhenANoticeIsOverdue() throws Exception {
        // given an overdue open notice and an acknowledged one
        NoticeInbox inbox = mock(NoticeInbox.class);
        when(inbox.page(any())).thenReturn(new SearchPage<>(List.of(notice(Notice.NoticeStatus.OPEN, true),
                notice(Notice.NoticeStatus.ACKNOWLEDGED, false)), 0, 20, 2));
        MockMvc pages = PageRendering.pages(new NoticePages(inbox, mock(NoticeActions.class)));
        Path page = PageRendering.saveForBrowser(PageRendering.render(pages, "/staff/notices", TAX_STAFF), "notices-contrast");

        // when tax staff read the inbox
        try (HeadlessChromium chromium = HeadlessChromium.start(1280, 900, Duration.ofSeconds(5))) {
            chromium.driver().get(page.toUri().toString());
            chromium.screenshot(Path.of("target", "screenshots"), "notices-contrast");

            // then the grey texts (the code under the name, the source and rule, who acknowledged), the statuses and the
            // overdue badge stand out from what is behind them enough to be read
            for (String text : List.of("tr.notice-row .muted", ".notice-status", ".badge.overdue-badge")) {
                assertThat(chromium.contrast(By.cssSelector(text))).as(text).isNotEmpty().allSatisfy(ratio -> assertThat(ratio).isGreaterThanOrEqualTo(4.5));
            }
        }
    }

    static Notice notice(Notice.NoticeStatus status, boolean overdue) {
        Instant raised = Instant.parse("2026-11-02T02:00:00Z");
        boolean acknowledged = status != Notice.NoticeStatus.OPEN;
        return new Notice(UUID.randomUUID(), "91330109J6H9752474", "CUSTOMS_SMUGGLING_PENALTY", Department.TAX, Department.CUSTOMS,
                UUID.randomUUID().toString(), "CustomsPenaltyDecided", "杭关缉违字〔2026〕0042号", "杭州萧山进出口贸易有限公司",
                "海关走私处罚", "Customs smuggling penalty", "核查", "Check", "海关法第八十二条", raised, LocalDate.of(2026, 11, 16), status,
                acknowledged ? raised.plusSeconds(3600) : null, acknowledged ? "tax-staff" : null, null, null, null, null, overdue);
    }
}
