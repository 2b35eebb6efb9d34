package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sharebus.gateway.GatewayIntegrationTest;

/** The gateway's meters as Prometheus scrapes them. */
class MetricsTest extends GatewayIntegrationTest {

    @Test
    void shouldExposeEventsRefusalsLatencyAndBatchSizesWhenScraped() {
        // given one accepted event, one refused by validation, a batch of two and an unauthenticated request
        post("/api/v1/events", CUSTOMS_KEY, json(customsPenalty(UUID.randomUUID())));
        Map<String, Object> invalid = customsPenalty(UUID.randomUUID());
        invalid.put("uscc", "123");
        post("/api/v1/events", CUSTOMS_KEY, json(invalid));
        post("/api/v1/events/batch", CUSTOMS_KEY, json(List.of(customsPenalty(UUID.randomUUID()), customsPenalty(UUID.randomUUID()))));
        post("/api/v1/events", null, json(customsPenalty(UUID.randomUUID())));

        // when
        Response scrape = get("/actuator/prometheus", null);

        // then
        assertThat(scrape.status()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(metrics).containsPattern(
                "sharebus_gateway_events_total\\{[^}]*department=\"CUSTOMS\"[^}]*event_type=\"CustomsPenaltyDecided\"[^}]*outcome=\"accepted\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("sharebus_gateway_events_total\\{[^}]*outcome=\"refused\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("sharebus_gateway_refused_total\\{[^}]*reason=\"validation\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("sharebus_gateway_refused_total\\{[^}]*reason=\"unauthenticated\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("sharebus_gateway_request_seconds_bucket\\{[^}]*endpoint=\"events\"");
        assertThat(metrics).containsPattern("sharebus_gateway_request_seconds_count\\{[^}]*endpoint=\"events/batch\"[^}]*status=\"200\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("sharebus_gateway_batch_size_bucket\\{[^}]*le=\"10.0\"[^}]*} [1-9]");
    }
}
