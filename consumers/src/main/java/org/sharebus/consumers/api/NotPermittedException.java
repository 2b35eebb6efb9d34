package org.sharebus.consumers.api;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The caller's department may not ask this: 403 problem+json naming the parameter and the rule
 * (a search by risk class is {@code internal} to the risk department, another department's notices
 * are not its {@code own-department}).
 */
public class NotPermittedException extends RuntimeException {

    private final String field;
    private final String rule;

    public NotPermittedException(String field, String rule, String message) {
        super(message);
        this.field = field;
        this.rule = rule;
    }

    @RestControllerAdvice
    static class Handler {
        @ExceptionHandler(NotPermittedException.class)
        ResponseEntity<ProblemDetail> forbidden(NotPermittedException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
            problem.setType(URI.create("urn:sharebus:problem:forbidden"));
            problem.setTitle("Not permitted for this department");
            problem.setProperty("field", e.field);
            problem.setProperty("rule", e.rule);
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
        }
    }
}
