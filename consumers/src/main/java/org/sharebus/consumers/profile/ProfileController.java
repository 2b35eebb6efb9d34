package org.sharebus.consumers.profile;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.sharebus.consumers.api.ApiCaller;
import org.sharebus.consumers.api.ApiKeys;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.consumers.visibility.ProfileVisibility;
import org.sharebus.event.common.Department;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.uscc.InvalidUsccException;
import org.sharebus.uscc.Uscc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The enterprise credit profile for staff: {@code GET /api/v1/enterprises/{uscc}} and its
 * timeline. Errors are {@code application/problem+json}: 400 naming the USCC rule broken, 404 for
 * an enterprise the bus knows nothing about, 503 with Retry-After while the store is not ready.
 *
 * <p>Each caller gets what it may see ({@link ProfileVisibility}): a department its PUBLIC and
 * SHARED data and the INTERNAL data of its own facts; the risk class only the risk department.
 *
 * <p>Any instance answers for any USCC: a request for a key whose partition another instance
 * holds is forwarded there once ({@code application.server} metadata) with the caller's own
 * credentials, so the owner answers the caller as it would directly, marked with
 * {@value #FORWARDED} (the instances' proof, {@link ApiKeys#forwardedProof}) so that it is never
 * forwarded again; the owner's answer is relayed as it is.
 * A forwarded request that finds the key elsewhere again (the partitions just moved) answers 503.
 */
@RestController
@RequestMapping("/api/v1/enterprises")
class ProfileController {

    private static final Logger log = LoggerFactory.getLogger(ProfileController.class);

    static final int RETRY_AFTER_SECONDS = 5;
    static final String FORWARDED = ApiCaller.FORWARDED_HEADER;
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(5);

    private final ProfileQueries queries;
    private final ApiKeys keys;
    private final Department riskDepartment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FORWARD_TIMEOUT).build();

    ProfileController(ProfileQueries queries, ApiKeys keys, Rules rules) {
        this.queries = queries;
        this.keys = keys;
        this.riskDepartment = rules.risk().department();
    }

    @GetMapping("/{uscc}")
    ResponseEntity<?> profile(@PathVariable String uscc, @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
                              HttpServletRequest request) {
        Optional<ResponseEntity<?>> forwarded = forwardIfElsewhere(uscc, request);
        if (forwarded.isPresent()) {
            return forwarded.get();
        }
        return lookUp(uscc, caller).<ResponseEntity<?>>map(p -> ResponseEntity.ok(ProfileVisibility.json(p, caller.department(), riskDepartment)))
                .orElseGet(() -> notFound(uscc));
    }

    @GetMapping("/{uscc}/timeline")
    ResponseEntity<?> timeline(@PathVariable String uscc, @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
                               HttpServletRequest request) {
        Optional<ResponseEntity<?>> forwarded = forwardIfElsewhere(uscc, request);
        if (forwarded.isPresent()) {
            return forwarded.get();
        }
        return lookUp(uscc, caller).<ResponseEntity<?>>map(p -> {
            // The name as the caller knows it, as the profile gives it: not one a department's INTERNAL change set.
            Map<String, Object> seen = ProfileVisibility.json(p, caller.department(), riskDepartment);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("uscc", p.getUscc());
            body.put("name", seen.get("name"));
            body.put("entries", seen.get("timeline"));
            return ResponseEntity.ok(body);
        }).orElseGet(() -> notFound(uscc));
    }

    private Optional<ResponseEntity<?>> forwardIfElsewhere(String input, HttpServletRequest request) {
        String uscc = Uscc.of(input).value();
        Optional<HostInfo> owner = queries.ownerElsewhere(uscc);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(request.getAttribute(ApiCaller.FORWARDED_ATTRIBUTE))) {
            throw new ProfileQueries.NotReady("the profile of " + uscc + " is moving between instances", null);
        }
        URI target = URI.create("http://" + owner.get().host() + ":" + owner.get().port() + request.getRequestURI());
        try {
            HttpRequest.Builder forward = HttpRequest.newBuilder(target).timeout(FORWARD_TIMEOUT)
                    .header(FORWARDED, keys.forwardedProof(request.getRequestURI()))
                    .header(HttpHeaders.AUTHORIZATION, request.getHeader(HttpHeaders.AUTHORIZATION))
                    .header(HttpHeaders.ACCEPT, request.getHeader(HttpHeaders.ACCEPT) == null
                            ? MediaType.APPLICATION_JSON_VALUE : request.getHeader(HttpHeaders.ACCEPT));
            if (request.getHeader(ApiCaller.STAFF_HEADER) != null) {
                // For the holder's access log: the staff page's member of staff.
                forward.header(ApiCaller.STAFF_HEADER, request.getHeader(ApiCaller.STAFF_HEADER));
            }
            if (request.getHeader(ApiCaller.ON_BEHALF_HEADER) != null) {
                // The holder answers as this instance would: for the department the staff page asks for.
                forward.header(ApiCaller.ON_BEHALF_HEADER, request.getHeader(ApiCaller.ON_BEHALF_HEADER));
            }
            HttpResponse<byte[]> answer = http.send(forward.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() == HttpStatus.UNAUTHORIZED.value()) {
                // This instance took the credentials, the owner did not: their sharebus.api settings differ.
                log.error("{} refused credentials this instance accepted; sharebus.api.instance-key and sharebus.api.departments "
                        + "must be the same on every instance", target.getAuthority());
                // Where the instances run is the operators' to read (in the log above), not every key holder's.
                throw new ProfileQueries.NotReady("the profile of " + uscc + " is held by another instance, which does not accept"
                        + " this request's credentials (the instances are configured differently)", null);
            }
            ResponseEntity.BodyBuilder relay = ResponseEntity.status(answer.statusCode());
            answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> relay.header(HttpHeaders.CONTENT_TYPE, type));
            answer.headers().firstValue(HttpHeaders.RETRY_AFTER).ifPresent(after -> relay.header(HttpHeaders.RETRY_AFTER, after));
            return Optional.of(relay.body(answer.body()));
        } catch (IOException e) {
            log.warn("{}, which holds the profile of {}, did not answer: {}", target.getAuthority(), uscc, e.toString());
            throw new ProfileQueries.NotReady("the profile of " + uscc + " is held by another instance, which did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProfileQueries.NotReady("interrupted while asking another instance for " + uscc, e);
        }
    }

    /** The profile, if the caller may know of it ({@link ProfileVisibility#knownTo}): else answered as unknown. */
    private Optional<EnterpriseProfile> lookUp(String input, ApiCaller caller) {
        return queries.find(Uscc.of(input).value()).filter(profile -> ProfileVisibility.knownTo(profile, caller.department()));
    }

    private static ResponseEntity<ProblemDetail> notFound(String uscc) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no profile for USCC " + uscc.strip().toUpperCase(Locale.ROOT) + ": the bus holds no event about it that your department"
                        + " may see. An event published just now reaches the profile within seconds (longer while the bus catches up"
                        + " on a backlog): ask again shortly");
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
