package org.sharebus.gateway;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnmatchedApiRequests {

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
            HttpMediaTypeNotSupportedException.class})
    ResponseEntity<Problem> unmatched(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            // Rethrown, the exception goes on to Spring's own resolvers: an error page for a browser.
            throw e;
        }
        return ProblemHandler.springRefusal((ErrorResponse) e, request);
    }
}
