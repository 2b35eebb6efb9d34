package org.sharebus.gateway.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One attempt as the audit log records it.
 *
 * @param at            when the gateway handled it
 * @param requestId     ties the entries of one request (a batch) together
 * @param department    who, as authenticated; null when the credentials were missing or unknown
 * @param remoteAddress where the request came from
 * @param action        {@code publish}, {@code publish-batch} or {@code read-receipt}
 * @param index         position in the request; null for a refusal of the whole request
 * @param eventId       the sender's event id, as given
 * @param eventType     the event type, as given
 * @param sha256        SHA-256 of the event's content (without publishedAt) when it could be read,
 *                      else of the whole request body
 * @param outcome       ACCEPTED, DUPLICATE or REFUSED
 * @param status        the HTTP status given for this item
 * @param reason        the rules broken, or the refusal's reason
 * @param topic         where an accepted event is, with partition and offset
 */
public record AuditEntry(Instant at, String requestId, String department, String remoteAddress, String action,
                         Integer index, String eventId, String eventType, String sha256, String outcome, int status,
                         String reason, String topic, Integer partition, Long offset) {

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("at", at.toString());
        map.put("requestId", requestId);
        map.put("department", department);
        map.put("remoteAddress", remoteAddress);
        map.put("action", action);
        map.put("index", index);
        map.put("eventId", eventId);
        map.put("eventType", eventType);
        map.put("sha256", sha256);
        map.put("outcome", outcome);
        map.put("status", status);
        map.put("reason", reason);
        map.put("topic", topic);
        map.put("partition", partition);
        map.put("offset", offset);
        return map;
    }
}
