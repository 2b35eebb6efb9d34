package org.sharebus.consumers.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sharebus.event.common.Department;
import org.sharebus.platform.auth.DepartmentKeyTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>Every request, answered or refused, is a line of the access log (logger {@value #ACCESS_LOG}):
 * who asked (the department; for the staff pages the member of staff the page names in
 * {@value ApiCaller#STAFF_HEADER}), what, and the status, so the departments whose data was
 * read can see by whom (共享数据使用可追溯). A request forwarded to the instance holding the key is
 * logged there too, marked {@code forwarded=true} when its {@value ApiCaller#FORWARDED_HEADER}
 * carries the instances' proof ({@link ApiKeys#forwardedProof}); a caller's own header is ignored.
 *
 * <p>Only the consumers' own paths: the public results ({@code /api/v1/public/**}) stay open, and
 * in the all-in-one launcher the gateway's paths keep the gateway's rules.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class ApiAuthentication implements WebMvcConfigurer, HandlerInterceptor {

    static final String[] PATHS = {"/api/v1/enterprises", "/api/v1/enterprises/**", "/api/v1/notices", "/api/v1/notices/**"};
    static final String ACCESS_LOG = "org.sharebus.consumers.api.access";

    private static final Logger access = LoggerFactory.getLogger(ACCESS_LOG);
    /** Compiled once: String.replaceAll compiled it for every request, about a seventh of the access line's cost (JFR). */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

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
        // Each answer is what one department may see: no shared cache or browser keeps it.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        request.setAttribute(ApiCaller.FORWARDED_ATTRIBUTE, keys.isForwardedProof(request.getHeader(ApiCaller.FORWARDED_HEADER),
                request.getRequestURI()));
        Optional<ApiCaller> caller = keys.authenticate(authorization);
        if (caller.isEmpty()) {
            logAccess(request, "unknown", HttpStatus.UNAUTHORIZED.value());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, DepartmentKeyTable.CHALLENGE);
            problem(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Missing or unknown credentials",
                    (authorization == null ? "no Authorization header" : "the key in the Authorization header is not known")
                            + ": send your department's API key as 'Authorization: Bearer <key>'");
            return false;
        }
        request.setAttribute(ApiCaller.INSTANCE_KEY_ATTRIBUTE, caller.get().isInstance());
        String onBehalf = caller.get().isInstance() ? request.getHeader(ApiCaller.ON_BEHALF_HEADER) : null;
        if (onBehalf == null) {
            request.setAttribute(ApiCaller.ATTRIBUTE, caller.get());
            return true;
        }
        // An instance asking for a member of staff: that department's caller; a header naming none is refused, never read as "everything".
        Optional<Department> department = Arrays.stream(Department.values()).filter(d -> d.name().equals(onBehalf.strip())).findFirst();
        if (department.isPresent()) {
            request.setAttribute(ApiCaller.ATTRIBUTE, ApiCaller.of(department.get()));
            return true;
        }
        logAccess(request, "instance", HttpStatus.BAD_REQUEST.value());
        problem(request, response, HttpStatus.BAD_REQUEST, "invalid-on-behalf", "Unknown department",
                ApiCaller.ON_BEHALF_HEADER + " must name a department " + Arrays.toString(Department.values()) + ", got '"
                        + printable(onBehalf) + "'");
        return false;
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type, String title,
                         String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:sharebus:problem:" + type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        // JSON is UTF-8 by definition: no charset parameter, as the other problem answers.
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        ApiCaller caller = (ApiCaller) request.getAttribute(ApiCaller.ATTRIBUTE);
        String staff = request.getHeader(ApiCaller.STAFF_HEADER);
        boolean instanceKey = Boolean.TRUE.equals(request.getAttribute(ApiCaller.INSTANCE_KEY_ATTRIBUTE));
        logAccess(request, instanceKey && staff != null ? "instance staff=" + printable(decoded(staff))
                + (caller.isInstance() ? "" : " for=" + caller) : caller.toString(), response.getStatus());
    }

    private static String decoded(String header) {
        try {
            return URLDecoder.decode(header, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return header;
        }
    }

    private static void logAccess(HttpServletRequest request, String caller, int status) {
        String query = request.getQueryString();
        access.info("caller={} method={} path={} status={} forwarded={}", caller, request.getMethod(),
                printable(request.getRequestURI() + (query == null ? "" : "?" + query)), status, Boolean.TRUE.equals(request.getAttribute(ApiCaller.FORWARDED_ATTRIBUTE)));
    }

    /** No line breaks or other control characters from a request into the log. */
    static String printable(String text) {
        return text.length() > 200 ? printable(text.substring(0, 200)) + "…" : CONTROL.matcher(text).replaceAll("?");
    }
}
