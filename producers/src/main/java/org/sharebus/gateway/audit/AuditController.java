package org.sharebus.gateway.audit;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.sharebus.gateway.GatewayMetrics;
import org.sharebus.gateway.GatewayProblem;
import org.sharebus.gateway.Violation;
import org.sharebus.gateway.auth.DepartmentKeys;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit/verify}: walks the audit chain and reports the first broken link.
 * {@code ?topic=} verifies a copy of the log (a restored backup, a mirror), which must be named
 * {@code sharebus.audit.*}.
 *
 * <p>Any department's key may ask. One verification runs at a time: each reads the whole log on
 * the request's thread, and unasked-for or repeated requests in parallel could take every thread
 * the gateway answers departments with; a second one meanwhile is answered 429.
 */
@RestController
class AuditController {

    private final AuditVerifier verifier;
    private final DepartmentKeys keys;
    private final GatewayMetrics metrics;
    private final Semaphore running = new Semaphore(1);

    /** Kafka's rule for a topic name; a name it breaks made the broker's refusal a 500. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    AuditController(AuditVerifier verifier, DepartmentKeys keys, GatewayMetrics metrics) {
        this.verifier = verifier;
        this.keys = keys;
        this.metrics = metrics;
    }

    @GetMapping("/api/v1/audit/verify")
    AuditVerifier.Verification verify(@RequestParam(defaultValue = TopicCatalogue.AUDIT) String topic,
                                      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (keys.authenticate(authorization).isEmpty()) {
            throw counted(new GatewayProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Missing or unknown credentials",
                    "send a department's API key as 'Authorization: Bearer <key>'"));
        }
        if (!topic.startsWith("sharebus.audit.")) {
            throw counted(new GatewayProblem(HttpStatus.BAD_REQUEST, "not-an-audit-log", "Not an audit log",
                    "only topics named sharebus.audit.* are audit logs; got '" + topic + "'",
                    List.of(new Violation(0, "topic", "prefix", "must start with sharebus.audit."))));
        }
        if (!TOPIC_NAME.matcher(topic).matches()) {
            throw counted(new GatewayProblem(HttpStatus.BAD_REQUEST, "validation", "Invalid topic name",
                    "'" + topic + "' is not a Kafka topic name",
                    List.of(new Violation(0, "topic", "pattern", "must be 1 to 249 of the characters a-z A-Z 0-9 . _ -"))));
        }
        if (!running.tryAcquire()) {
            throw new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS, "verification-running", "A verification is running",
                    "the gateway verifies one audit log at a time (each reads the whole log): retry when the running one has answered");
        }
        try {
            return verifier.verify(topic);
        } finally {
            running.release();
        }
    }

    private GatewayProblem counted(GatewayProblem problem) {
        metrics.refused(problem.slug());
        return problem;
    }
}
