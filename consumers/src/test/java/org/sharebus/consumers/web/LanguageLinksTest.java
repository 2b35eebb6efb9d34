package org.sharebus.consumers.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class LanguageLinksTest {

    private final LanguageLinks links = new LanguageLinks();

    @Test
    void shouldKeepTheSearchAndDropOnlyTheLanguageWhenThePageWasAskedFor() {
        // given a search page, already switched once
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/staff/enterprises");
        request.setQueryString("name=%E8%90%A7%E5%B1%B1&district=330109&lang=en&page=2");

        // then the switch leads back to the same search and page
        assertThat(links.pageUrl(request)).isEqualTo("/staff/enterprises?name=%E8%90%A7%E5%B1%B1&district=330109&page=2");
    }

    @Test
    void shouldLeadToTheSectionPageWhenThePageAnsweredAForm() {
        // a refused draw is shown at its POST address, which answers only POST
        assertThat(links.pageUrl(new MockHttpServletRequest("POST", "/staff/inspections/draw"))).isEqualTo("/staff/inspections");
        assertThat(links.pageUrl(new MockHttpServletRequest("POST", "/staff/notices/4f1c/acknowledge"))).isEqualTo("/staff/notices");
    }

    @Test
    void shouldLeaveTheContextPathToTheLinkExpressionWhenDeployedUnderOne() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/bus/staff/notices");
        request.setContextPath("/bus");

        assertThat(links.pageUrl(request)).isEqualTo("/staff/notices");
    }
}
