package org.sharebus.gateway.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as the audit log records it: who, when, and what became of each event it carried.
 * One record per request rather than per event: a batch of 500 is one append, not 500 (see
 * docs/decisions.md, Gateway), and each event is still named with its digest and outcome.
 *
 * @param at            when the gateway handled it
 * @param requestId     the request's id
 * @param department    who, as authenticated; null when the credentials were missing or unknown
 * @param remoteAddress where the request came from
 * @param action        {@code publish} or {@code publish-batch}
 * @param sha256        for a refusal of the whole request (no items): SHA-256 of the body, when there was one
 * @param outcome       for a refusal of the whole request: REFUSED; else null (each item has its own)
 * @param status        for a refusal of the whole request: its HTTP status
 * @param reason        for a refusal of the whole request: why
 * @param items         one per event of the request, in order; empty when the request was refused as a whole
 */
public record AuditEntry(Instant at, String requestId, String department, String remoteAddress, String action, String sha256,
                         String outcome, Integer status, String reason, List<Item> items) {

    public AuditEntry {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** A request refused as a whole (credentials, size, malformed JSON). */
    public static AuditEntry refusal(Instant at, String requestId, String department, String remoteAddress, String action,
                                     String sha256, int status, String reason) {
        return new AuditEntry(at, requestId, department, remoteAddress, action, sha256, "REFUSED", status, reason, List.of());
    }

    /** A request whose events were each handled, with their outcomes. */
    public static AuditEntry ofItems(Instant at, String requestId, String department, String remoteAddress, String action,
                                     List<Item> items) {
        return new AuditEntry(at, requestId, department, remoteAddress, action, null, null, null, null, items);
    }

    /**
     * What became of one event of the request.
     *
     * @param index     position in the request
     * @param eventId   the sender's event id, as given
     * @param eventType the event type, as given
     * @param sha256    SHA-256 of the event's content (without publishedAt) when it could be read
     * @param outcome   ACCEPTED, DUPLICATE, REFUSED, UNAVAILABLE or FAILED
     * @param status    the HTTP status given for this event
     * @param reason    the rules broken, or why it could not be published
     * @param topic     where an accepted event is, with partition and offset
     */
    public record Item(int index, String eventId, String eventType, String sha256, String outcome, int status, String reason,
                       String topic, Integer partition, Long offset) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
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

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("at", at.toString());
        map.put("requestId", requestId);
        map.put("department", department);
        map.put("remoteAddress", remoteAddress);
        map.put("action", action);
        // A request refused as a whole says so itself; one whose events were handled says it per item.
        if (outcome != null) {
            map.put("sha256", sha256);
            map.put("outcome", outcome);
            map.put("status", status);
            map.put("reason", reason);
        }
        List<Map<String, Object>> itemMaps = new ArrayList<>(items.size());
        for (Item item : items) {
            itemMaps.add(item.asMap());
        }
        map.put("items", itemMaps);
        return map;
    }
}
