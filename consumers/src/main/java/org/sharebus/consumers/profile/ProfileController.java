package org.sharebus.consumers.profile;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.uscc.InvalidUsccException;
import org.sharebus.uscc.Uscc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The enterprise credit profile for staff: {@code GET /api/v1/enterprises/{uscc}} and its
 * timeline. Errors are {@code application/problem+json}: 400 naming the USCC rule broken, 404 for
 * an enterprise the bus knows nothing about, 503 with Retry-After while the store is not ready.
 *
 * <p>Answers from this instance's store: with several instances a key another instance owns is
 * not found here (forwarding by {@code application.server} metadata is not built yet).
 */
@RestController
@RequestMapping("/api/v1/enterprises")
class ProfileController {

    static final int RETRY_AFTER_SECONDS = 5;

    private final ProfileQueries queries;

    ProfileController(ProfileQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/{uscc}")
    ResponseEntity<?> profile(@PathVariable String uscc) {
        return lookUp(uscc).<ResponseEntity<?>>map(p -> ResponseEntity.ok(AvroJson.of(p)))
                .orElseGet(() -> notFound(uscc));
    }

    @GetMapping("/{uscc}/timeline")
    ResponseEntity<?> timeline(@PathVariable String uscc) {
        return lookUp(uscc).<ResponseEntity<?>>map(p -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("uscc", p.getUscc());
            body.put("name", p.getName());
            body.put("entries", AvroJson.of(p).get("timeline"));
            return ResponseEntity.ok(body);
        }).orElseGet(() -> notFound(uscc));
    }

    private Optional<EnterpriseProfile> lookUp(String input) {
        return queries.find(Uscc.of(input).value());
    }

    private static ResponseEntity<ProblemDetail> notFound(String uscc) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no profile for USCC " + uscc.strip().toUpperCase(Locale.ROOT) + ": no department has published about it");
        problem.setType(URI.create("urn:sharebus:problem:enterprise-not-found"));
        problem.setTitle("Enterprise not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(InvalidUsccException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidUsccException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create("urn:sharebus:problem:invalid-uscc"));
        problem.setTitle("Invalid USCC");
        problem.setProperty("field", "uscc");
        problem.setProperty("rule", e.rule());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(ProfileQueries.NotReady.class)
    ResponseEntity<ProblemDetail> notReady(ProfileQueries.NotReady e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(URI.create("urn:sharebus:problem:store-not-ready"));
        problem.setTitle("Profile store not ready");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                .body(problem);
    }
}
