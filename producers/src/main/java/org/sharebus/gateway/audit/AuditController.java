package org.sharebus.gateway.audit;

import org.sharebus.gateway.GatewayProblem;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit/verify}: walks the audit chain and reports the first broken link.
 * {@code ?topic=} verifies a copy of the log (a restored backup, a mirror), which must be named
 * {@code sharebus.audit.*}.
 */
@RestController
class AuditController {

    private final AuditVerifier verifier;

    AuditController(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/api/v1/audit/verify")
    AuditVerifier.Verification verify(@RequestParam(defaultValue = TopicCatalogue.AUDIT) String topic) {
        if (!topic.startsWith("sharebus.audit.")) {
            throw new GatewayProblem(HttpStatus.BAD_REQUEST, "not-an-audit-log", "Not an audit log",
                    "only topics named sharebus.audit.* are audit logs; got '" + topic + "'");
        }
        return verifier.verify(topic);
    }
}
