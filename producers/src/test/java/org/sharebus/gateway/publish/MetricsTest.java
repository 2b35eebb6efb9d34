package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sharebus.gateway.GatewayIntegrationTest;

/**
 * The gateway's meters as Prometheus scrapes them. The Spring context, and so the counters, are
 * shared with the other gateway tests: each count is compared with the scrape before this test's requests.
 */
class MetricsTest extends GatewayIntegrationTest {

    private static final String ACCEPTED =
            "sharebus_gateway_events_total\\{[^}]*department=\"CUSTOMS\"[^}]*event_type=\"CustomsPenaltyDecided\"[^}]*outcome=\"accepted\"[^}]*}";
    private static final String REFUSED_EVENTS =
            "sharebus_gateway_events_total\\{[^}]*department=\"CUSTOMS\"[^}]*event_type=\"CustomsPenaltyDecided\"[^}]*outcome=\"refused\"[^}]*}";
    private static final String VALIDATION = "sharebus_gateway_refused_total\\{[^}]*reason=\"validation\"[^}]*}";
    private static final String UNAUTHENTICATED = "sharebus_gateway_refused_total\\{[^}]*reason=\"unauthenticated\"[^}]*}";
    private static final String BATCHES = "sharebus_gateway_request_seconds_count\\{[^}]*endpoint=\"events/batch\"[^}]*status=\"200\"[^}]*}";
    private static final String SMALL_BATCHES = "sharebus_gateway_batch_size_bucket\\{[^}]*le=\"10.0\"[^}]*}";

    @Test
    void shouldCountEventsRefusalsLatencyAndBatchSizesWhenScraped() {
        // given the meters before, then one accepted event, one refused by validation, a batch of two and an unauthenticated request
        String before = get("/actuator/prometheus", null).body();
        post("/api/v1/events", CUSTOMS_KEY, json(customsPenalty(UUID.randomUUID())));
        Map<String, Object> invalid = customsPenalty(UUID.randomUUID());
        invalid.put("uscc", "123");
        post("/api/v1/events", CUSTOMS_KEY, json(invalid));
        post("/api/v1/events/batch", CUSTOMS_KEY, json(List.of(customsPenalty(UUID.randomUUID()), customsPenalty(UUID.randomUUID()))));
        post("/api/v1/events", null, json(customsPenalty(UUID.randomUUID())));
        // a receipt asked for, and the audit log verified, without a key: locked out as surely as a publisher
        get("/api/v1/events/" + UUID.randomUUID(), null);
        get("/api/v1/audit/verify", null);

        // when
        Response scrape = get("/actuator/prometheus", null);

        // then each of them is counted where it belongs, by exactly as much
        assertThat(scrape.status()).isEqualTo(200);
        String after = scrape.body();
        assertThat(value(after, ACCEPTED) - value(before, ACCEPTED)).as("accepted events").isEqualTo(3);
        assertThat(value(after, REFUSED_EVENTS) - value(before, REFUSED_EVENTS)).as("refused events").isEqualTo(1);
        assertThat(value(after, VALIDATION) - value(before, VALIDATION)).as("validation refusals").isEqualTo(1);
        assertThat(value(after, UNAUTHENTICATED) - value(before, UNAUTHENTICATED)).as("unauthenticated refusals").isEqualTo(3);
        assertThat(value(after, BATCHES) - value(before, BATCHES)).as("batch requests answered 200").isEqualTo(1);
        assertThat(value(after, SMALL_BATCHES) - value(before, SMALL_BATCHES)).as("requests of at most 10 events").isEqualTo(3);
        assertThat(after).containsPattern("sharebus_gateway_request_seconds_bucket\\{[^}]*endpoint=\"events\"");
    }

    /** The value of the one series matching {@code series}; 0 before it exists. */
    private static double value(String scrape, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(scrape);
        double value = 0;
        int found = 0;
        while (matcher.find()) {
            value = Double.parseDouble(matcher.group(1));
            found++;
        }
        assertThat(found).as("series " + series).isLessThanOrEqualTo(1);
        return value;
    }
}
