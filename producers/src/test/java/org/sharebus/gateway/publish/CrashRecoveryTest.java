package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.GatewayIntegrationTest;
import org.sharebus.gateway.auth.DepartmentKeys;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Idempotency across gateway restarts and crashes: gateways started and stopped here stand on the
 * shared test context's broker and database, as a restarted gateway process would.
 */
class CrashRecoveryTest extends GatewayIntegrationTest {

    private static final String TOPIC = "customs.events.v1";
    private static volatile Thread stopper;

    @Test
    void shouldYieldExactlyOneRecordWhenTheGatewayStopsBetweenTheBrokersAckAndTheAnswer() throws Exception {
        // given a gateway that stops once the broker has acknowledged, before it records the receipt or answers
        UUID id = UUID.randomUUID();
        String event = json(customsPenalty(id));
        ConfigurableApplicationContext crashing = startGateway(StopAfterAck.class);
        HttpResponse<String> lost = tryPost(crashing, event);
        stopper.join(60_000);
        assertThat(crashing.isActive()).isFalse();
        assertThat(lost == null || lost.statusCode() >= 500).as("the client got no receipt").isTrue();
        assertThat(recordsOf(TOPIC, id)).as("the broker has the record").hasSize(1);

        // when the client retries against the restarted gateway
        ConfigurableApplicationContext restarted = startGateway();
        try {
            HttpResponse<String> retry = tryPost(restarted, event);

            // then it gets the receipt of the record already in the topic, and nothing more is published
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            List<ConsumerRecord<byte[], byte[]>> records = recordsOf(TOPIC, id);
            assertThat(records).hasSize(1);
            JsonNode receipt = JSON.readTree(retry.body());
            assertThat(receipt.get("offset").asLong()).isEqualTo(records.get(0).offset());
            assertThat(receipt.get("partition").asInt()).isEqualTo(records.get(0).partition());
        } finally {
            restarted.close();
        }
    }

    @Test
    void shouldAnswerEveryReceiptOfABatchWhoseGatewayStoppedBetweenTheBrokersAckAndTheAnswer() throws Exception {
        // given a gateway that stops once the broker has acknowledged a batch of events
        List<UUID> ids = IntStream.range(0, 40).mapToObj(i -> UUID.randomUUID()).toList();
        String batch = json(ids.stream().map(this::customsPenalty).toList());
        ConfigurableApplicationContext crashing = startGateway(StopAfterAck.class);
        HttpResponse<String> lost = tryPost(crashing, "/api/v1/events/batch", batch);
        stopper.join(60_000);
        assertThat(lost == null || lost.statusCode() >= 500).as("the client got no receipts").isTrue();

        // when the client retries the batch against the restarted gateway
        ConfigurableApplicationContext restarted = startGateway();
        try {
            HttpResponse<String> retry = tryPost(restarted, "/api/v1/events/batch", batch);

            // then every event is answered with the receipt of its one record in the topic
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            JsonNode results = JSON.readTree(retry.body()).get("results");
            Map<String, List<ConsumerRecord<byte[], byte[]>>> stored = readAll(TOPIC).stream().collect(Collectors.groupingBy(
                    r -> new String(r.headers().lastHeader(EventPublisher.EVENT_ID_HEADER).value(), StandardCharsets.UTF_8)));
            for (int i = 0; i < ids.size(); i++) {
                List<ConsumerRecord<byte[], byte[]>> records = stored.getOrDefault(ids.get(i).toString(), List.of());
                assertThat(records).as("records of event " + i).hasSize(1);
                assertThat(results.get(i).get("outcome").asString()).isEqualTo("DUPLICATE");
                assertThat(results.get(i).get("receipt").get("offset").asLong()).isEqualTo(records.get(0).offset());
                assertThat(results.get(i).get("receipt").get("partition").asInt()).isEqualTo(records.get(0).partition());
            }
        } finally {
            restarted.close();
        }
    }

    @Test
    void shouldPublishOnRetryWhenTheGatewayStoppedAfterClaimingButBeforeSending() throws Exception {
        // given a gateway that stops after writing the PENDING row, before the record leaves
        UUID id = UUID.randomUUID();
        String event = json(customsPenalty(id));
        ConfigurableApplicationContext crashing = startGateway(StopBeforeSend.class);
        tryPost(crashing, event);
        stopper.join(60_000);
        assertThat(new JdbcTemplate(postgres.getPostgresDatabase())
                .queryForObject("SELECT status FROM gateway.event_receipt WHERE event_id = ?", String.class, id)).isEqualTo("PENDING");
        assertThat(recordsOf(TOPIC, id)).isEmpty();

        // when
        ConfigurableApplicationContext restarted = startGateway();
        try {
            HttpResponse<String> retry = tryPost(restarted, event);

            // then
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
            assertThat(recordsOf(TOPIC, id)).hasSize(1);
        } finally {
            restarted.close();
        }
    }

    @Test
    void shouldAnswerTheOriginalReceiptAfterARestartWhenTheSameEventIsSentAgain() throws Exception {
        // given an event published by a gateway that has since been stopped
        UUID id = UUID.randomUUID();
        Map<String, Object> event = customsPenalty(id);
        ConfigurableApplicationContext before = startGateway();
        HttpResponse<String> first = tryPost(before, json(event));
        before.close();

        // when the restarted gateway gets the same event, and then the same id with other content
        ConfigurableApplicationContext after = startGateway();
        try {
            HttpResponse<String> again = tryPost(after, json(event));
            event.put("enterpriseName", "另一家公司");
            HttpResponse<String> changed = tryPost(after, json(event));

            // then
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(first.body()));
            assertThat(changed.statusCode()).isEqualTo(409);
            assertThat(recordsOf(TOPIC, id)).hasSize(1);
        } finally {
            after.close();
        }
    }

    @Test
    void shouldKeepTheAuditChainIntactWhenAnotherGatewayAppendedInBetween() throws Exception {
        // given this gateway has appended, then another one (a restarted instance) appends
        post("/api/v1/events", CUSTOMS_KEY, json(customsPenalty(UUID.randomUUID())));
        ConfigurableApplicationContext other = startGateway();
        try {
            tryPost(other, json(customsPenalty(UUID.randomUUID())));
        } finally {
            other.close();
        }

        // when this gateway appends again
        post("/api/v1/events", CUSTOMS_KEY, json(customsPenalty(UUID.randomUUID())));

        // then it continued the chain from the other gateway's last record
        Response verification = get("/api/v1/audit/verify", CUSTOMS_KEY);
        assertThat(verification.json().get("intact").asBoolean()).as(verification.body()).isTrue();
    }

    private ConfigurableApplicationContext startGateway(Class<?>... extra) {
        return startGateway(List.of(extra));
    }

    /** Posts the event; null when the gateway went away without answering. */
    private static HttpResponse<String> tryPost(ConfigurableApplicationContext gateway, String event) throws InterruptedException {
        return tryPost(gateway, "/api/v1/events", event);
    }

    private static HttpResponse<String> tryPost(ConfigurableApplicationContext gateway, String path, String body)
            throws InterruptedException {
        String port = gateway.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + DepartmentKeys.demoKey(Department.CUSTOMS))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Stops the whole application context from another thread, as a process being shut down would. */
    private static IllegalStateException stop(ConfigurableApplicationContext context, String when) {
        stopper = new Thread(context::close, "gateway-stopper");
        stopper.start();
        return new IllegalStateException("gateway stopping " + when);
    }

    @Configuration(proxyBeanMethods = false)
    static class StopAfterAck {
        @Bean
        @Primary
        ReceiptIndex stoppingAfterAck(JdbcTemplate jdbc, ConfigurableApplicationContext context) {
            return new ReceiptIndex(jdbc, Duration.ofSeconds(30)) {
                @Override
                public void record(Claimer claimer, Collection<Receipt> receipts) {
                    throw stop(context, "after the broker's ack");
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class StopBeforeSend {
        @Bean
        @Primary
        ReceiptIndex stoppingBeforeSend(JdbcTemplate jdbc, ConfigurableApplicationContext context) {
            return new ReceiptIndex(jdbc, Duration.ofSeconds(30)) {
                @Override
                public Set<UUID> claim(Claimer claimer, List<Claim> claims, Instant claimedAt) {
                    super.claim(claimer, claims, claimedAt);
                    throw stop(context, "after claiming, before sending");
                }
            };
        }
    }
}
