package org.sharebus.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.UUID;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.audit.AuditEntry;
import org.sharebus.gateway.audit.AuditLog;
import org.sharebus.gateway.auth.DepartmentKeys;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A request to {@code /api/...} that reaches no handler (an unknown path: 404, a wrong method: 405,
 * a body type no handler reads: 415) answered as {@code application/problem+json} like every other
 * refusal. {@link ProblemHandler} cannot: it is scoped to the gateway's controllers, and these
 * requests never reach one. Anything else, a page's unknown path for one, keeps Spring's answer.
 * Ordered before the consumers' own advice for these (their {@code ApiProblems}), which in the
 * one-command bus would otherwise answer them unaudited.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class UnmatchedApiRequests {

    /** How much of the method and path the audit record keeps: enough to tell a typo, not a body smuggled into a URL. */
    private static final int MAX_ACTION = 200;

    private final AuditLog audit;
    private final DepartmentKeys keys;
    private final GatewayMetrics metrics;

    UnmatchedApiRequests(AuditLog audit, DepartmentKeys keys, GatewayMetrics metrics) {
        this.audit = audit;
        this.keys = keys;
        this.metrics = metrics;
    }

    /**
     * Also audited and counted, like every refusal of the API: a department's system posting to a
     * mistyped path is an attempt that published nothing, and its operators look for it in the log.
     */
    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
            HttpMediaTypeNotSupportedException.class})
    ResponseEntity<Problem> unmatched(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            // Rethrown, the exception goes on to Spring's own resolvers: an error page for a browser.
            throw e;
        }
        ResponseEntity<Problem> answer = ProblemHandler.springRefusal((ErrorResponse) e, request);
        if (e instanceof NoResourceFoundException) {
            // Spring's own words ("No static resource api/v1/evnets.") speak of files, not of the API.
            Problem spring = answer.getBody();
            answer = ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).body(new Problem(spring.type(), spring.title(),
                    spring.status(), noOperation(request), spring.instance(), spring.errors()));
        }
        int status = answer.getStatusCode().value();
        String department = keys.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION)).map(Department::name).orElse(null);
        String action = request.getMethod() + " " + request.getRequestURI();
        metrics.refused("http-" + status);
        audit.append(AuditEntry.refusal(Instant.now(), UUID.randomUUID().toString(), department, request.getRemoteAddr(),
                action.length() <= MAX_ACTION ? action : action.substring(0, MAX_ACTION), null, status,
                "http-" + status + ": no API operation at this path and method"));
        return answer;
    }

    /** The detail of a 404 for an API path no operation has, worded as the consumers' ApiProblems words it. */
    static String noOperation(HttpServletRequest request) {
        return "no API operation at " + request.getMethod() + " " + request.getRequestURI()
                + "; /v3/api-docs and /swagger-ui.html list the operations";
    }
}
