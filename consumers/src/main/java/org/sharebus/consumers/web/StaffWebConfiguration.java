package org.sharebus.consumers.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The staff pages ({@code /staff/**}): form login against {@link StaffDirectory}, a login locked
 * for a while after repeated wrong passwords ({@link LoginAttempts}), Chinese by default,
 * {@code ?lang=en} (or {@code ?lang=zh}) switches and is remembered in a cookie.
 *
 * <p>Only {@code /staff/**} is secured here; {@code /public/**} gets the same security headers and
 * nothing else. The REST API ({@code /api/v1/**}), the actuator and, in the all-in-one launcher,
 * the gateway keep their own rules: no filter chain matches them, so Spring Security leaves them
 * alone (docs/decisions.md, "Staff pages").
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StaffProperties.class)
@PropertySource("classpath:sharebus-web.properties")
class StaffWebConfiguration implements WebMvcConfigurer {

    static final String LANG_PARAMETER = "lang";
    static final String LANG_COOKIE = "sharebus-lang";

    /**
     * Scripts, styles and forms from this server only; no framing. The pages have no inline
     * script or style: htmx's own indicator style and its {@code hx-on} evaluation are off
     * (layout.html's htmx-config), and the one page handler lives in /js/staff.js.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain staffSecurityFilterChain(HttpSecurity http, StaffDirectory staffDirectory) throws Exception {
        LoginAttempts attempts = staffDirectory.attempts();
        SavedRequestAwareAuthenticationSuccessHandler toPage = new SavedRequestAwareAuthenticationSuccessHandler();
        toPage.setDefaultTargetUrl("/staff/enterprises");
        http.securityMatcher("/staff/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/staff/login").permitAll().anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/staff/login")
                        .successHandler((request, response, authentication) -> {
                            attempts.succeeded(authentication.getName());
                            toPage.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler((request, response, exception) -> {
                            // A locked login is refused before its password is checked: not counted, and told apart.
                            boolean locked = exception instanceof LockedException;
                            if (exception instanceof BadCredentialsException) {
                                attempts.failed(request.getParameter("username"));
                            }
                            response.sendRedirect(request.getContextPath() + (locked ? "/staff/login?locked" : "/staff/login?error"));
                        }))
                .logout(logout -> logout.logoutUrl("/staff/logout").logoutSuccessUrl("/staff/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    /**
     * The public results page: open to all, but with the staff pages' security headers (no
     * framing, no sniffing, the same content policy). No session, no CSRF: it only reads.
     */
    @Bean
    SecurityFilterChain publicPagesSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/public/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    @Bean
    PasswordEncoder staffPasswordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    StaffDirectory staffDirectory(StaffProperties properties, PasswordEncoder staffPasswordEncoder, Environment environment) {
        return new StaffDirectory(properties, staffPasswordEncoder, environment, Clock.systemUTC());
    }

    /** Named so: DispatcherServlet looks the resolver up by this name. */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANG_COOKIE);
        // Chinese whatever the browser asks for; English only when chosen.
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        // A cookie this server did not write (sharebus-lang=en%22, set by anything that may set cookies for the host)
        // answered every page 500 for a year, the cookie's life: a garbled one is read as none, in Chinese.
        resolver.setRejectInvalidCookies(false);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(LANG_PARAMETER);
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/staff/**");
    }
}
