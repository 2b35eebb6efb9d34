package org.sharebus.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit record's bytes are what its hash chain is over: the JSON written field by field must be
 * the JSON the log wrote before, when it serialised the entry as a map (field order, nulls written
 * out, numbers as numbers).
 */
class AuditEntryTest {

    private static final Instant AT = Instant.parse("2026-11-27T04:20:00.123Z");
    private static final String PREVIOUS = "ab".repeat(32);
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldWriteARequestWithItemsAsTheMapOfItsFieldsWithNullsWrittenOut() {
        AuditEntry entry = AuditEntry.ofItems(AT, "req-1", "CUSTOMS", "127.0.0.1", "publish-batch", List.of(
                new AuditEntry.Item(0, "e5b5b6a2-2c55-4b0e-9a57-6f1f2f0f4d01", "CustomsPenaltyDecided", "cd".repeat(32), "ACCEPTED",
                        201, null, "sharebus.customs.events.v1", 7, 12_345_678_901L),
                new AuditEntry.Item(1, "not-a-uuid", null, null, "REFUSED", 400, "validation: eventId format", null, null, null)));

        Map<String, Object> first = item(0, "e5b5b6a2-2c55-4b0e-9a57-6f1f2f0f4d01", "CustomsPenaltyDecided", "cd".repeat(32),
                "ACCEPTED", 201, null, "sharebus.customs.events.v1", 7, 12_345_678_901L);
        Map<String, Object> second = item(1, "not-a-uuid", null, null, "REFUSED", 400, "validation: eventId format", null, null, null);
        Map<String, Object> expected = request("CUSTOMS", "publish-batch");
        expected.put("items", List.of(first, second));

        assertThat(new String(entry.toJson(json, PREVIOUS), StandardCharsets.UTF_8))
                .isEqualTo(json.writeValueAsString(expected))
                .contains("\"eventType\":null,\"sha256\":null", "\"topic\":null,\"partition\":null,\"offset\":null");
    }

    @Test
    void shouldWriteARefusalOfTheWholeRequestWithItsOwnOutcomeAndNoItems() {
        AuditEntry entry = AuditEntry.refusal(AT, "req-2", null, "10.0.0.9", "publish", null, 401,
                "unauthenticated: Missing or unknown credentials");

        Map<String, Object> expected = request(null, "publish");
        expected.put("sha256", null);
        expected.put("outcome", "REFUSED");
        expected.put("status", 401);
        expected.put("reason", "unauthenticated: Missing or unknown credentials");
        expected.put("items", new ArrayList<>());

        assertThat(new String(entry.toJson(json, PREVIOUS), StandardCharsets.UTF_8)).isEqualTo(json.writeValueAsString(expected));
    }

    private static Map<String, Object> request(String department, String action) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("prevHash", PREVIOUS);
        map.put("at", AT.toString());
        map.put("requestId", department == null ? "req-2" : "req-1");
        map.put("department", department);
        map.put("remoteAddress", department == null ? "10.0.0.9" : "127.0.0.1");
        map.put("action", action);
        return map;
    }

    private static Map<String, Object> item(int index, String eventId, String eventType, String sha256, String outcome, int status,
                                            String reason, String topic, Integer partition, Long offset) {
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
