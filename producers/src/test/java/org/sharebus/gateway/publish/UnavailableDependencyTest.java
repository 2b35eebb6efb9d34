package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharebus.gateway.GatewayIntegrationTest;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A gateway whose schema registry cannot be reached: the department is told to come back (503 with
 * Retry-After), not that the gateway broke (500), and the attempt is audited and counted.
 */
class UnavailableDependencyTest extends GatewayIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext gateway;

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterAndAuditTheAttemptWhenTheSchemaRegistryIsUnreachable() throws Exception {
        // given a gateway whose registry URL points at a closed port
        gateway = startGateway(List.of(), "sharebus.registry.url=http://127.0.0.1:" + closedPort(), "sharebus.health.metrics-interval=200ms");
        UUID id = UUID.randomUUID();

        // when
        HttpResponse<String> response = send(gateway, "/api/v1/events", json(customsPenalty(id)));

        // then the client is told to retry later, and why
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:sharebus:problem:unavailable");
        assertThat(problem.get("title").asString()).isEqualTo("The schema registry is unavailable");
        assertThat(problem.get("detail").asString()).contains("schema registry").contains("retrying with the same event ids")
                // where the registry runs is the operators' to know (the log has it), not every department's
                .doesNotContain("127.0.0.1").doesNotContain("http:").doesNotContain("Exception");

        // and nothing was published, the attempt is in the audit log, and counted
        assertThat(recordsOf("customs.events.v1", id)).isEmpty();
        List<JsonNode> entries = auditedEvents().stream()
                .filter(entry -> id.toString().equals(entry.path("eventId").asString(null))).toList();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("outcome").asString()).isEqualTo("UNAVAILABLE");
        assertThat(entries.get(0).get("status").asInt()).isEqualTo(503);
        assertThat(entries.get(0).get("reason").asString()).contains("schema registry");
        String metrics = get(gateway, "/actuator/prometheus").body();
        assertThat(metrics).containsPattern("sharebus_gateway_refused_total\\{[^}]*reason=\"unavailable\"[^}]*} 1\\.0");
        assertThat(metrics).containsPattern(
                "sharebus_gateway_events_total\\{[^}]*event_type=\"CustomsPenaltyDecided\"[^}]*outcome=\"unavailable\"[^}]*} 1\\.0");
        // and its time is counted under the status it was answered with
        assertThat(metrics).containsPattern("sharebus_gateway_request_seconds_count\\{[^}]*status=\"503\"[^}]*} 1\\b")
                .doesNotContainPattern("sharebus_gateway_request_seconds_count\\{[^}]*status=\"500\"");
        // and the registry's outage shows as such, for an alert that does not wait for requests
        scrapeUntil(gateway, "sharebus_dependency_up\\{[^}]*component=\"schemaRegistry\"[^}]*} 0\\.0",
                "sharebus_dependency_up\\{[^}]*component=\"kafka\"[^}]*} 1\\.0",
                "sharebus_dependency_up\\{[^}]*component=\"db\"[^}]*} 1\\.0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldAnswer503ForTheWholeBatchAndAuditEveryEventOfItWhenTheSchemaRegistryIsUnreachable() throws Exception {
        // given
        gateway = startGateway(List.of(), "sharebus.registry.url=http://127.0.0.1:" + closedPort());

        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID invalid = UUID.randomUUID();
        Map<String, Object> refused = customsPenalty(invalid);
        ((Map<String, Object>) refused.get("payload")).put("amount", "-1.00");

        // when a batch of two events and one the gateway refuses meets the registry down
        HttpResponse<String> response = send(gateway, "/api/v1/events/batch",
                json(List.of(customsPenalty(first), customsPenalty(second), refused)));

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(JSON.readTree(response.body()).get("type").asString()).isEqualTo("urn:sharebus:problem:unavailable");
        // and the audit log lists every event of the request, in order, the refused one as refused
        // An item without an id (another test's event that had none) is not one of these: List.contains(null) would throw.
        List<JsonNode> items = auditedEvents().stream().filter(item -> List.of(first.toString(), second.toString(), invalid.toString())
                .contains(item.path("eventId").asString(""))).toList();
        assertThat(items).extracting(item -> item.get("index").asInt()).containsExactly(0, 1, 2);
        assertThat(items).extracting(item -> item.get("outcome").asString()).containsExactly("UNAVAILABLE", "UNAVAILABLE", "REFUSED");
        assertThat(items.get(2).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenNoDatabaseConnectionIsFreeWithinThePoolsWait() throws Exception {
        // given a gateway whose two pooled connections are both taken (slow requests), with a short wait for one
        gateway = startGateway(List.of(), "spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.connection-timeout=250");
        javax.sql.DataSource pool = gateway.getBean(javax.sql.DataSource.class);
        try (java.sql.Connection first = pool.getConnection(); java.sql.Connection second = pool.getConnection()) {
            // when an event comes
            HttpResponse<String> response = send(gateway, "/api/v1/events", json(customsPenalty(UUID.randomUUID())));

            // then the department is told to retry, as for any dependency down, not that the gateway failed
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(JSON.readTree(response.body()).get("title").asString()).isEqualTo("The database is unavailable");
        }
    }

    @Test
    void shouldAnswer503WhenAnEarlierRequestStillPublishesTheEventIdsAndPublishOnceOnTheRetryAfterItFailed() throws Exception {
        // given a gateway that waits half a second for another request's event ids, and a request holding one of them
        gateway = startGateway(List.of(), "sharebus.gateway.claim-wait=500ms");
        UUID id = UUID.randomUUID();
        Map<String, Object> event = customsPenalty(id);
        ReceiptIndex index = gateway.getBean(ReceiptIndex.class);
        EventPublisher.Outgoing out = gateway.getBean(EventPublisher.class)
                .encode(gateway.getBean(EventReader.class).read(0, JSON.valueToTree(event), Instant.now()));
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch giveUp = new CountDownLatch(1);
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> index.withClaimKey(claimer -> {
            index.claim(claimer, List.of(new ReceiptIndex.Claim(id, "CUSTOMS", "CustomsPenaltyDecided", out.event().digest(),
                    out.topic(), out.partition())), Instant.now());
            claimed.countDown();
            try {
                giveUp.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the earlier request failed before sending");
        }));
        try {
            assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

            // when the department sends the event meanwhile
            HttpResponse<String> busy = send(gateway, "/api/v1/events", json(event));

            // then it is told to retry later, and why, and nothing was published
            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode problem = JSON.readTree(busy.body());
            assertThat(problem.get("title").asString()).isEqualTo("Event ids are being published by another request");
            assertThat(problem.get("detail").asString()).contains("did not finish within PT0.5S");
            assertThat(recordsOf("customs.events.v1", id)).isEmpty();
            // audited and counted as busy, which operators must not take for a broker or registry outage
            assertThat(auditedEvents().stream().filter(entry -> id.toString().equals(entry.path("eventId").asString(null))))
                    .singleElement().satisfies(entry -> {
                        assertThat(entry.get("outcome").asString()).isEqualTo("BUSY");
                        assertThat(entry.get("status").asInt()).isEqualTo(503);
                    });
            String metrics = get(gateway, "/actuator/prometheus").body();
            assertThat(metrics).containsPattern("sharebus_gateway_refused_total\\{[^}]*reason=\"busy\"[^}]*} 1\\.0");
            assertThat(metrics).doesNotContainPattern("sharebus_gateway_refused_total\\{[^}]*reason=\"unavailable\"[^}]*} [1-9]");
        } finally {
            giveUp.countDown();
        }

        // and when the earlier request fails, the retry publishes the event once
        assertThat(holder).failsWithin(Duration.ofSeconds(30));
        HttpResponse<String> retry = send(gateway, "/api/v1/events", json(event));
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(recordsOf("customs.events.v1", id)).hasSize(1);
    }

    /** Scrapes until every pattern matches: the indicators are asked on a timer of their own. */
    private void scrapeUntil(ConfigurableApplicationContext gateway, String... patterns) throws Exception {
        List<java.util.regex.Pattern> wanted = java.util.Arrays.stream(patterns).map(java.util.regex.Pattern::compile).toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String scrape = get(gateway, "/actuator/prometheus").body();
        while (!matchesAll(wanted, scrape) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            scrape = get(gateway, "/actuator/prometheus").body();
        }
        for (java.util.regex.Pattern pattern : wanted) {
            assertThat(scrape).containsPattern(pattern);
        }
    }

    private static boolean matchesAll(List<java.util.regex.Pattern> patterns, String text) {
        return patterns.stream().allMatch(pattern -> pattern.matcher(text).find());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> send(ConfigurableApplicationContext gateway, String path, String body) throws Exception {
        return http.send(request(gateway, path).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + CUSTOMS_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(ConfigurableApplicationContext gateway, String path) throws Exception {
        return http.send(request(gateway, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(ConfigurableApplicationContext gateway, String path) {
        String port = gateway.getEnvironment().getProperty("local.server.port");
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
    }
}
