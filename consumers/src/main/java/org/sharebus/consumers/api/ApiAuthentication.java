package org.sharebus.consumers.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumers' REST API answers only a caller it knows: {@code Authorization: Bearer <key>}, a
 * department's key or the instances' shared key ({@link ApiKeys}). Without one, 401
 * problem+json. The caller is left in the request ({@link ApiCaller#ATTRIBUTE}) for the
 * controllers, which answer each department what it may see.
 *
 * <p>Only the consumers' own paths: the public results ({@code /api/v1/public/**}) stay open, and
 * in the all-in-one launcher the gateway's paths keep the gateway's rules.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class ApiAuthentication implements WebMvcConfigurer, HandlerInterceptor {

    static final String[] PATHS = {"/api/v1/enterprises", "/api/v1/enterprises/**", "/api/v1/notices", "/api/v1/notices/**"};

    private final ApiKeys keys;
    private final JsonMapper json;

    ApiAuthentication(ApiKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns(PATHS);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<ApiCaller> caller = keys.authenticate(authorization);
        if (caller.isPresent()) {
            request.setAttribute(ApiCaller.ATTRIBUTE, caller.get());
            return true;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:sharebus:problem:unauthenticated");
        problem.put("title", "Missing or unknown credentials");
        problem.put("status", HttpStatus.UNAUTHORIZED.value());
        problem.put("detail", (authorization == null ? "no Authorization header" : "the key in the Authorization header is not known")
                + ": send your department's API key as 'Authorization: Bearer <key>'");
        problem.put("instance", request.getRequestURI());
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sharebus\"");
        // JSON is UTF-8 by definition: no charset parameter, as the other problem answers.
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
        return false;
    }
}
