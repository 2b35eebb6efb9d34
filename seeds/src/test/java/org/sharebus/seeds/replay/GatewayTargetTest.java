package org.sharebus.seeds.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharebus.event.common.Department;
import org.sharebus.seeds.generate.SeedEvent;
import org.sharebus.seeds.generate.SeedGenerator;
import org.sharebus.seeds.generate.SeedParameters;
import org.sharebus.topic.TopicCatalogue;

/**
 * The client side of the gateway's batch API (issue 3) against a stand-in HTTP server that answers
 * as the contract says, including answers the real gateway gives only under failure. The replayer
 * against the real gateway: {@link ReplayThroughGatewayTest}.
 */
class GatewayTargetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SeedParameters SMALL = SeedParameters.defaults().withEnterprises(150);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private record Request(String authorization, ArrayNode items) {
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldPostEachDepartmentsEventsAsJsonBatchesWithItsOwnKeyWhenReplayingThroughTheGateway() throws Exception {
        // given a gateway that accepts everything, and a key per department
        URI url = serve(items -> accepted(items.size()));
        Map<Department, String> keys = keys();
        Map<String, Department> departmentOfType = new HashMap<>();
        int[] total = {0};
        new SeedGenerator(SMALL).forEachEvent(event -> {
            departmentOfType.put(event.eventType(), event.department());
            total[0]++;
        });

        // when the data set is replayed in batches of at most 100
        ReplayStats stats = new ReplayStats();
        try (GatewayTarget target = new GatewayTarget(url, keys, 100, stats)) {
            new Replay(new SeedGenerator(SMALL), 0).run(target, stats, s -> { });
        }

        // then every event arrived once, in a batch of its own department sent with that department's key
        assertThat(stats.sent()).isEqualTo(total[0]);
        assertThat(stats.acknowledged()).isEqualTo(total[0]);
        assertThat(requests.stream().mapToInt(r -> r.items().size()).sum()).isEqualTo(total[0]);
        for (Request request : requests) {
            assertThat(request.items().size()).isBetween(1, 100);
            for (JsonNode item : request.items()) {
                Department department = departmentOfType.get(item.path("eventType").asText());
                assertThat(request.authorization()).isEqualTo("Bearer " + keys.get(department));
                assertThat(item.path("eventId").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
                assertThat(item.path("uscc").asText()).hasSize(18);
                assertThat(item.path("enterpriseName").asText()).endsWith("公司");
                assertThat(item.path("regionCode").asText()).matches("3301\\d\\d");
                assertThat(item.path("occurredAt").asText()).endsWith("+08:00");
                assertThat(item.has("sourceDepartment")).isFalse();
                assertThat(item.has("publishedAt")).isFalse();
                assertThat(item.path("payload").isObject()).isTrue();
            }
        }
    }

    @Test
    void shouldWritePayloadFieldsCamelCaseWithIsoDatesAndTwoDecimalMoneyWhenMakingTheJsonForm() {
        // given a generated annual report
        SeedEvent report = firstOfType("AnnualReportFiled");

        // when it is written in the gateway's JSON form
        ObjectNode json = GatewayJson.of(report);

        // then the payload's fields keep their Avro names and readable values
        JsonNode payload = json.path("payload");
        assertThat(json.path("eventType").asText()).isEqualTo("AnnualReportFiled");
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.path("visibility").asText()).isEqualTo("PUBLIC");
        // the window's filings, or the history of the five report years a profile looks back over (2020 to 2024 as of 2026-01-01)
        assertThat(payload.path("reportYear").asInt()).isBetween(2020, 2024);
        assertThat(payload.path("filedAt").asText()).matches("20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
        assertThat(payload.path("late").isBoolean()).isTrue();
        assertThat(payload.path("totalAssets").asText()).matches("\\d+\\.\\d\\d");
        assertThat(payload.path("publishedOptionalItems").isArray()).isTrue();
        SeedEvent registration = firstOfType("EnterpriseRegistered");
        assertThat(GatewayJson.of(registration).path("payload").path("establishedOn").asText()).matches("\\d{4}-\\d\\d-\\d\\d");
        assertThat(GatewayJson.of(registration).path("payload").path("entityType").asText()).isIn("LIMITED_LIABILITY_COMPANY",
                "JOINT_STOCK_COMPANY");
    }

    @Test
    void shouldCountRefusedItemsWithTheGatewaysReasonWhenTheGatewayRefusesSome() throws Exception {
        // given a gateway that refuses the first item of every batch
        URI url = serve(items -> {
            ObjectNode answer = accepted(items.size() - 1);
            answer.put("refused", 1);
            ArrayNode results = answer.putArray("results");
            ObjectNode refused = results.addObject().put("index", 0).put("outcome", "REFUSED").put("status", 400);
            refused.putArray("errors").addObject().put("index", 0).put("field", "uscc").put("rule", "uscc")
                    .put("message", "check character is 'X', expected 'Y'");
            return answer;
        });

        // when a data set is replayed
        ReplayStats stats = new ReplayStats();
        try (GatewayTarget target = new GatewayTarget(url, keys(), 50, stats)) {
            new Replay(new SeedGenerator(SMALL), 0).run(target, stats, s -> { });
        }

        // then one item per batch is counted refused, with the gateway's words
        assertThat(stats.refused()).isEqualTo(requests.size());
        assertThat(stats.acknowledged()).isEqualTo(stats.sent() - requests.size());
        assertThat(stats.reasons()).anySatisfy(reason -> assertThat(reason).contains("uscc: check character is 'X', expected 'Y'"));
        assertThat(stats.summary()).contains("refused       " + requests.size());
    }

    @Test
    void shouldSendAgainAndCountOnceWhenTheGatewayIsBrieflyUnavailable() throws Exception {
        // given a gateway that answers 503 to its first request only
        AtomicInteger calls = new AtomicInteger();
        URI url = serve(items -> calls.incrementAndGet() == 1 ? null : accepted(items.size()));

        // when a tiny data set is replayed in one batch per department
        SeedParameters tiny = SeedParameters.defaults().withEnterprises(3);
        ReplayStats stats = new ReplayStats();
        try (GatewayTarget target = new GatewayTarget(url, keys(), 1_000, stats)) {
            new Replay(new SeedGenerator(tiny), 0).run(target, stats, s -> { });
        }

        // then everything is acknowledged once, nothing failed
        assertThat(stats.acknowledged()).isEqualTo(stats.sent());
        assertThat(stats.failed() + stats.refused()).isZero();
        assertThat(calls.get()).isEqualTo(requests.size() + 1);
    }

    @Test
    void shouldNameTheMissingDepartmentWhenTheKeysFileLacksOne(@TempDir Path dir) throws IOException {
        // given a keys file without the credit office
        Path file = dir.resolve("keys.properties");
        Files.writeString(file, "market=k1\nCUSTOMS=k2\ncommerce=k3\nTAX=k5\n");

        // when the gateway target is built from it, then it says which key is missing
        Map<Department, String> keys = GatewayTarget.readKeys(file);
        assertThat(keys).containsEntry(Department.MARKET, "k1").hasSize(4);
        assertThatThrownBy(() -> new GatewayTarget(URI.create("http://localhost:1"), keys, 500, new ReplayStats()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no API key for CREDIT");
    }

    private static SeedEvent firstOfType(String eventType) {
        for (var story : new SeedGenerator(SMALL)) {
            for (SeedEvent event : story.events()) {
                if (event.eventType().equals(eventType)) {
                    return event;
                }
            }
        }
        throw new IllegalStateException("no " + eventType + " in the small data set");
    }

    private static Map<Department, String> keys() {
        Map<Department, String> keys = new EnumMap<>(Department.class);
        TopicCatalogue.publishingDepartments().forEach(department -> keys.put(department, "key-" + department.name().toLowerCase()));
        return keys;
    }

    private static ObjectNode accepted(int count) {
        return JSON.createObjectNode().put("requestId", "r").put("accepted", count).put("duplicates", 0).put("refused", 0);
    }

    /** A stand-in for POST /api/v1/events/batch: {@code answer} returns the 200 body, or null for a 503. */
    private URI serve(Function<ArrayNode, ObjectNode> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/events/batch", exchange -> handle(exchange, answer));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange, Function<ArrayNode, ObjectNode> answer) throws IOException {
        ArrayNode items = (ArrayNode) JSON.readTree(exchange.getRequestBody());
        ObjectNode body = answer.apply(items);
        byte[] bytes;
        if (body == null) {
            bytes = "{\"status\":503,\"title\":\"Unavailable\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(503, bytes.length);
        } else {
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Authorization"), items));
            bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
        }
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
