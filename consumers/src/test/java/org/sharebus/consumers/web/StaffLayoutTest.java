package org.sharebus.consumers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.consumers.search.EnterpriseSearch;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The staff pages' shared header (staff/layout.html) as a keyboard and a screen reader meet it:
 * rendered with the application's templates and messages. (In a real browser: the public page's
 * header, PublicResultsPageBrowserTest, is built the same way.)
 */
class StaffLayoutTest {

    private static final UsernamePasswordAuthenticationToken COMMERCE_STAFF = new UsernamePasswordAuthenticationToken("commerce-staff", null,
            List.of(new SimpleGrantedAuthority("DEPARTMENT_COMMERCE")));

    private final MockMvc pages = PageRendering.pages(new StaffPages(mock(EnterpriseSearch.class), mock(ProfileSource.class),
            new StaffProperties(null, null), TestRules.standard()));

    @Test
    void shouldOfferASkipLinkAndNameEachLanguageInThatLanguageWhenTheHeaderIsShown() {
        // when the login page is opened in English, and in Chinese
        String en = PageRendering.render(pages, "/staff/login?lang=en");
        String zh = PageRendering.render(pages, "/staff/login?lang=zh");

        // then the first link skips to the page's main part, in the page's language
        assertThat(en).containsPattern("<header class=\"top\">\\s*<a class=\"skip\" href=\"#main\">Skip to main content</a>")
                .contains("<main id=\"main\" tabindex=\"-1\"");
        assertThat(zh).containsPattern("<header class=\"top\">\\s*<a class=\"skip\" href=\"#main\">跳到主要内容</a>");
        // and a screen reader speaks each language's name in that language, and hears which one is chosen
        for (String page : new String[] {en, zh}) {
            assertThat(page).containsPattern("<a [^>]*lang=\"en\"[^>]*id=\"lang-en\"[^>]*>English</a>")
                    .containsPattern("<a [^>]*lang=\"zh-CN\"[^>]*id=\"lang-zh\"[^>]*>中文</a>");
        }
        assertThat(en).containsPattern("<a [^>]*aria-current=\"true\"[^>]*id=\"lang-en\"[^>]*>").doesNotContainPattern("<a [^>]*aria-current[^>]*id=\"lang-zh\"[^>]*>");
        assertThat(zh).containsPattern("<a [^>]*aria-current=\"true\"[^>]*id=\"lang-zh\"[^>]*>").doesNotContainPattern("<a [^>]*aria-current[^>]*id=\"lang-en\"[^>]*>");
    }

    @Test
    void shouldStillHeadTheEnterprisePageWhenThereIsNoProfileToNameIt() {
        // given no department has published about the code
        ProfileSource profiles = mock(ProfileSource.class);
        when(profiles.fetch(any(), any())).thenReturn(new ProfileSource.Answer.NotFound("91330106N4446551XY"));
        MockMvc enterprisePages = PageRendering.pages(new StaffPages(mock(EnterpriseSearch.class), profiles, new StaffProperties(null, null),
                TestRules.standard()));

        // when staff open its page in English
        String page = PageRendering.render(enterprisePages, "/staff/enterprises/91330106N4446551XY?lang=en", COMMERCE_STAFF);

        // then a screen reader's list of headings still says what the page is, above the reason
        assertThat(page).containsPattern("<h1>Enterprise credit profile</h1>\\s*<p class=\"alert error\" role=\"alert\">No profile for USCC 91330106N4446551XY");
    }
}
