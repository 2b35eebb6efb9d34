package org.sharebus.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.sharebus.platform.auth.DepartmentKeyTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal of the gateway's API as {@code application/problem+json}. First in order: in the
 * one-command bus the consumers' advice for Spring's refusals is there too, and a gateway
 * controller's failures are this one's to answer (and audit).
 */
@RestControllerAdvice(basePackageClasses = ProblemHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final MediaType PROBLEM_JSON = MediaType.parseMediaType(Problem.MEDIA_TYPE);
    /** Long enough for the registry client's own retries or a broker leader change to be over, short for a batch importer. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler(GatewayProblem.class)
    ResponseEntity<Problem> problem(GatewayProblem problem, HttpServletRequest request) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.status()).headers(problem.headers()).contentType(PROBLEM_JSON);
        if (problem.status() == HttpStatus.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, DepartmentKeyTable.CHALLENGE);
        }
        return answer.body(problem.toProblem(request.getRequestURI()));
    }

    /**
     * One of Spring's own refusals (its status and detail) as the gateway's problem, with its headers:
     * {@code Allow} on a 405, {@code Accept} on a 415.
     */
    static ResponseEntity<Problem> springRefusal(ErrorResponse response, HttpServletRequest request) {
        HttpStatusCode status = response.getStatusCode();
        String detail = response.getBody().getDetail();
        return ResponseEntity.status(status).headers(response.getHeaders()).contentType(PROBLEM_JSON)
                .body(new Problem(Problem.TYPE_PREFIX + "http-" + status.value(),
                        HttpStatus.valueOf(status.value()).getReasonPhrase(), status.value(), detail, request.getRequestURI(), null));
    }

    @ExceptionHandler(DependencyUnavailableException.class)
    ResponseEntity<Problem> unavailable(DependencyUnavailableException e, HttpServletRequest request) {
        log.warn("Answering 503 ({}): {}", e.title(), e.getMessage());
        Problem problem = new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, DependencyUnavailableException.REASON, e.title(),
                e.publicDetail() + "; nothing is lost by retrying with the same event ids").toProblem(request.getRequestURI());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds())).body(problem);
    }

    /** Spring's own refusals (wrong method, media type, missing parameter) in the same form. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response) {
            return springRefusal(response, request);
        }
        Optional<DependencyUnavailableException> unavailable = DependencyUnavailableException.of(e);
        if (unavailable.isPresent()) {
            return unavailable(unavailable.get(), request);
        }
        // The client gets a reference to quote, not the exception: its text can name hosts, tables and classes.
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure answering {} {} (reference {})", request.getMethod(), request.getRequestURI(), reference, e);
        return problem(new GatewayProblem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the gateway failed to answer; its operators can find the cause in its log by the reference " + reference), request);
    }
}
