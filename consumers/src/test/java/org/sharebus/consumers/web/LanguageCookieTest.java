package org.sharebus.consumers.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.LocaleResolver;

/** The language cookie as the pages read it: what this server wrote, and what it did not. */
class LanguageCookieTest {

    private final LocaleResolver resolver = new StaffWebConfiguration().localeResolver();

    @ParameterizedTest
    @ValueSource(strings = {"en%22", "..%2F..%2Fetc", "%"})
    void shouldAnswerInChineseWhenTheLanguageCookieIsNotOneThisServerWrote(String garbled) {
        // given a request whose language cookie holds what no language switch writes
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/public/results");
        request.setCookies(new Cookie(StaffWebConfiguration.LANG_COOKIE, garbled));

        // when the page asks for its language, then it is the default, Chinese (the page threw, answered 500)
        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void shouldKeepTheLanguageTheSwitchWrote(String written) {
        // given a request with the cookie a language switch writes
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/public/results");
        request.setCookies(new Cookie(StaffWebConfiguration.LANG_COOKIE, written));

        // then that language
        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.forLanguageTag(written));
    }
}
