package org.sharebus.gateway;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.util.HtmlUtils;

/**
 * A browser opening an address the gateway run alone does not serve gets a short page that names
 * the gateway and leads to its API documentation, in Chinese and in English (the gateway has no
 * language switch), instead of Boot's Whitelabel page. Addresses under {@code /api/} answer
 * problem+json ({@link UnmatchedApiRequests}) whatever the client accepts.
 *
 * <p>Only where no {@code templates/error.html} is on the class path: in the one-command bus the
 * staff pages' error page, in the reader's language and with their links, answers every address.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(GatewayErrorPage.NoErrorTemplate.class)
class GatewayErrorPage {

    @Bean
    ErrorViewResolver gatewayErrorView() {
        return (request, status, model) -> new ModelAndView(page(status.value(), (String) model.get("path")), model);
    }

    private static View page(int status, String path) {
        return (model, request, response) -> {
            response.setContentType("text/html;charset=UTF-8");
            String address = path == null ? "" : HtmlUtils.htmlEscape(path);
            String heading = status == 404 ? "地址不存在 · Not found" : "请求未能完成 · The request failed";
            String html = """
                    <!DOCTYPE html>
                    <html lang="zh-CN"><head><meta charset="UTF-8"><title>%1$s</title></head>
                    <body>
                    <h1 id="error-title">%1$s</h1>
                    <p>状态码 · Status <code id="error-status">%2$d</code>; 请求地址 · Address <code id="error-path">%3$s</code></p>
                    <p>这里是 sharebus 部门网关，只提供发布接口。接口文档见 <a id="error-api-docs" href="/swagger-ui.html">/swagger-ui.html</a>。</p>
                    <p lang="en">This is the sharebus department gateway; it serves the publishing API only.
                    Its documentation is at <a href="/swagger-ui.html">/swagger-ui.html</a>.</p>
                    </body></html>
                    """.formatted(heading, status, address);
            response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** No error page of the application's own: the staff pages' template, in the one-command bus. */
    static final class NoErrorTemplate implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getResourceLoader().getResource("classpath:/templates/error.html").exists();
        }
    }
}
