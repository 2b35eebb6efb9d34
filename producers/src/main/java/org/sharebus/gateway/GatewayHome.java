package org.sharebus.gateway;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The gateway's address opened in a browser leads to its API documentation, where a department's
 * engineer starts, instead of Boot's Whitelabel 404. A view controller, not a handler method: in
 * the one-command bus the staff pages' own {@code /} (an annotated handler, which Spring MVC asks
 * first) answers there.
 */
@Configuration(proxyBeanMethods = false)
class GatewayHome implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/swagger-ui.html");
    }
}
