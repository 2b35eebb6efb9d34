package org.sharebus.gateway;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A request the gateway refuses, answered as {@code application/problem+json} by {@link ProblemHandler}. */
public class GatewayProblem extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final List<Violation> errors;
    /** Headers HTTP asks of this status (Accept on a 415), set by whoever knows their values. */
    private final HttpHeaders headers = new HttpHeaders();

    public GatewayProblem(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public GatewayProblem(HttpStatus status, String slug, String title, String detail, List<Violation> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    /** The stable part of the problem type URI, e.g. {@code validation}; also the refusal reason in metrics. */
    public String slug() {
        return slug;
    }

    /** Adds a header to the answer; returns this problem. */
    public GatewayProblem header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public HttpHeaders headers() {
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.TYPE_PREFIX + slug, title, status.value(), getMessage(), instance,
                errors.isEmpty() ? null : errors);
    }
}
