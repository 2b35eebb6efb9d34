package org.sharebus.gateway.audit;

import java.util.concurrent.Semaphore;
import org.sharebus.gateway.GatewayProblem;
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
    private final Semaphore running = new Semaphore(1);

    AuditController(AuditVerifier verifier, DepartmentKeys keys) {
        this.verifier = verifier;
        this.keys = keys;
    }

    @GetMapping("/api/v1/audit/verify")
    AuditVerifier.Verification verify(@RequestParam(defaultValue = TopicCatalogue.AUDIT) String topic,
                                      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (keys.authenticate(authorization).isEmpty()) {
            throw new GatewayProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Missing or unknown credentials",
                    "send a department's API key as 'Authorization: Bearer <key>'");
        }
        if (!topic.startsWith("sharebus.audit.")) {
            throw new GatewayProblem(HttpStatus.BAD_REQUEST, "not-an-audit-log", "Not an audit log",
                    "only topics named sharebus.audit.* are audit logs; got '" + topic + "'");
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
}
