package org.sharebus.consumers.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The staff pages ({@code /staff/**}): form login against {@link StaffDirectory}, Chinese by
 * default, {@code ?lang=en} (or {@code ?lang=zh}) switches and is remembered in a cookie.
 *
 * <p>Only {@code /staff/**} is secured here. The REST API ({@code /api/v1/**}), the actuator and,
 * in the all-in-one launcher, the gateway keep their own rules: no filter chain matches them, so
 * Spring Security leaves them alone (docs/decisions.md, "Staff pages").
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StaffProperties.class)
@PropertySource("classpath:sharebus-web.properties")
class StaffWebConfiguration implements WebMvcConfigurer {

    static final String LANG_PARAMETER = "lang";
    static final String LANG_COOKIE = "sharebus-lang";

    @Bean
    SecurityFilterChain staffSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/staff/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/staff/login").permitAll().anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/staff/login").defaultSuccessUrl("/staff/enterprises").failureUrl("/staff/login?error"))
                .logout(logout -> logout.logoutUrl("/staff/logout").logoutSuccessUrl("/staff/login?logout"));
        return http.build();
    }

    @Bean
    PasswordEncoder staffPasswordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    StaffDirectory staffDirectory(StaffProperties properties, PasswordEncoder staffPasswordEncoder, Environment environment) {
        return new StaffDirectory(properties, staffPasswordEncoder, environment);
    }

    /** Named so: DispatcherServlet looks the resolver up by this name. */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANG_COOKIE);
        // Chinese whatever the browser asks for; English only when chosen.
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
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
