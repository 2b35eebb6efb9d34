package org.sharebus.consumers.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The consumers' API refusals that Spring raises itself (an unknown path, a method or media type
 * the path does not take, a parameter missing or of the wrong type) and a database that does not
 * answer, as {@code application/problem+json}: without this they were Boot's own error JSON, which
 * has no type, title or detail, and a database outage was a 500 instead of a 503 to retry.
 * Pages ({@code /staff}, {@code /public}) keep Spring's error pages: the exception is rethrown and
 * goes on to Spring's own resolvers, except a database outage, which a page too answers as 503 (the
 * error page's "try again shortly") rather than as a 500.
 *
 * <p>Last in order: in the one-command bus the gateway's advice answers its own paths and the
 * unmatched ones under {@code /api/} first (it also audits them), in the same problem shape.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    static final int RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
            HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<ProblemDetail> refused(Exception e, HttpServletRequest request) throws Exception {
        ErrorResponse response = (ErrorResponse) apiOnly(e, request);
        HttpStatusCode status = response.getStatusCode();
        // Spring's own words for an unknown path ("No static resource api/v1/x.") speak of files, not of the API.
        String detail = e instanceof NoResourceFoundException
                ? "no API operation at " + request.getMethod() + " " + request.getRequestURI() + "; /v3/api-docs and /swagger-ui.html list the operations"
                : response.getBody().getDetail();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:sharebus:problem:http-" + status.value()));
        problem.setTitle(HttpStatus.valueOf(status.value()).getReasonPhrase());
        // Allow on a 405, Accept on a 415: what the caller needs to send instead.
        return ResponseEntity.status(status).headers(response.getHeaders()).body(problem);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e, HttpServletRequest request) throws Exception {
        apiOnly(e, request);
        return invalid(e.getParameterName(), "required", "the parameter " + e.getParameterName() + " is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) throws Exception {
        apiOnly(e, request);
        return invalid(e.getName(), "type", "'" + e.getValue() + "' is not a valid " + e.getName());
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, SQLTransientConnectionException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        // The cause names the database's host; the log keeps it, the caller is told to come back.
        log.warn("Answering 503 to {} {}: the database is unavailable: {}", request.getMethod(), request.getRequestURI(), e.toString());
        if (!isApi(request)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
            return null;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the read model's database is unavailable; retry later");
        problem.setType(URI.create("urn:sharebus:problem:unavailable"));
        problem.setTitle("The database is unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS)).body(problem);
    }

    private static ResponseEntity<ProblemDetail> invalid(String field, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(URI.create("urn:sharebus:problem:invalid-parameter"));
        problem.setTitle("Invalid query parameter");
        problem.setProperty("field", field);
        problem.setProperty("rule", rule);
        return ResponseEntity.badRequest().body(problem);
    }

    /** The exception, if the request is the API's; else rethrown, for Spring's error page. */
    private static Exception apiOnly(Exception e, HttpServletRequest request) throws Exception {
        if (!isApi(request)) {
            throw e;
        }
        return e;
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
