package org.sharebus.consumers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.consumers.search.EnterpriseSearch;
import org.sharebus.consumers.search.EnterpriseSummary;
import org.sharebus.consumers.search.SearchCriteria;
import org.sharebus.consumers.search.SearchPage;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/** The staff enterprise search page as staff read it: rendered with the templates and messages as deployed, the search stubbed. */
class StaffSearchPageTest {

    private static final UsernamePasswordAuthenticationToken COMMERCE_STAFF = new UsernamePasswordAuthenticationToken("commerce-staff", null,
            List.of(new SimpleGrantedAuthority("DEPARTMENT_COMMERCE")));

    private final EnterpriseSearch search = mock(EnterpriseSearch.class);
    private final MockMvc pages = PageRendering.pages(new StaffPages(search, mock(ProfileSource.class), new StaffProperties(null, null),
            TestRules.standard()));

    @Test
    void shouldShowTheLastPageWhenTheAddressAsksForAPagePastIt() {
        // given 45 enterprises named 杭州…: three pages of 20
        when(search.search(any(), any())).thenAnswer(call -> {
            SearchCriteria criteria = call.getArgument(0);
            List<EnterpriseSummary> content = IntStream.range(criteria.page() * criteria.size(), Math.min(45, (criteria.page() + 1) * criteria.size()))
                    .mapToObj(i -> new EnterpriseSummary("9133010252887035%02d".formatted(i), "杭州元铭广告有限公司", "330102", "上城区", null, null,
                            "ACTIVE", null, null, 1, null, Instant.parse("2026-11-27T02:00:00Z")))
                    .toList();
            return new SearchPage<>(content, criteria.page(), criteria.size(), 45);
        });

        // when a stale link asks for page 100
        String page = PageRendering.render(pages, "/staff/enterprises?name=%E6%9D%AD%E5%B7%9E&page=99", COMMERCE_STAFF);

        // then the last page is shown with its way back, not "none matches" under "45 enterprises"
        assertThat(page).contains("共 45 家企业").contains("第 3 / 3 页").doesNotContain("没有符合条件的企业。")
                .containsPattern("href=\"/staff/enterprises\\?name=%E6%9D%AD%E5%B7%9E&amp;page=1\"[^>]*id=\"page-previous\"");
        assertThat(page.split("class=\"enterprise-link\"")).hasSize(6);
    }

    @Test
    void shouldNameTheDistrictInEnglishWhenThePageIsInEnglish() {
        // given an enterprise of 临安区, as the read model stores its district
        when(search.search(any(), any())).thenReturn(new SearchPage<>(List.of(new EnterpriseSummary("91330112MA2H7DEM0L", "杭州临安山核桃有限公司",
                "330112", "临安区", null, null, "ACTIVE", null, null, 1, null, Instant.parse("2026-11-27T02:00:00Z"))), 0, 20, 1));

        // when English-speaking staff search, and Chinese-speaking staff
        String en = PageRendering.render(pages, "/staff/enterprises?name=MA2H7&lang=en", COMMERCE_STAFF);
        String zh = PageRendering.render(pages, "/staff/enterprises?name=MA2H7&lang=zh", COMMERCE_STAFF);

        // then each reads the district in their language (the apostrophe escaped in the markup)
        assertThat(en).contains(">Lin&#39;an District</td>").doesNotContain("临安区");
        assertThat(zh).contains(">临安区</td>");
    }
}
