package org.sharebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sharebus.consumers.inspection.InspectorPool;
import org.sharebus.event.common.Department;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole bus in one process, as {@code ./sharebus} runs it: an event published through the
 * gateway reaches the enterprise's credit profile, garbage on a department topic goes to its
 * dead-letter topic and is counted, and what operations scrape passes {@code promtool check
 * metrics} and holds every metric the dashboard and alert rules use.
 */
@SpringBootTest(classes = SharebusLauncher.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0",
                "sharebus.topics.department-partitions=3", "server.shutdown=immediate", "sharebus.seeds.load=false",
                "sharebus.inspection.inspectors-csv=classpath:demo-inspectors.csv"})
@AutoConfigureMetrics
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharebusLauncherTest {

    private static final String USCC = "91330109J6H9752474";
    private static final Path EXPOSED_METRICS = Path.of("../prometheus/exposed-metrics.txt");
    private static final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    InspectorPool inspectors;

    @Test
    @Order(1)
    void shouldShowASmugglingPenaltyInTheProfileWhenCustomsPublishesItThroughTheGateway() throws Exception {
        // given customs publishes a smuggling penalty through the gateway
        HttpResponse<String> receipt = http.send(HttpRequest.newBuilder(url("/api/v1/events"))
                .header("Authorization", "Bearer demo-key-customs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"eventId": "%s", "eventType": "CustomsPenaltyDecided", "uscc": "%s",
                         "enterpriseName": "杭州萧山进出口贸易有限公司", "regionCode": "330109",
                         "occurredAt": "2026-03-14T09:30:00+08:00",
                         "payload": {"caseType": "SMUGGLING", "decisionNo": "杭关缉违字〔2026〕0042号",
                                     "amount": "125000.50", "decidedAt": "2026-03-14"}}
                        """.formatted(UUID.randomUUID(), USCC))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);
        assertThat(json.readTree(receipt.body()).get("topic").asText()).isEqualTo("customs.events.v1");

        // when the profile builder has applied it
        JsonNode profile = awaitProfile(USCC, Duration.ofSeconds(90));

        // then the enterprise's profile holds the penalty and explains its risk class with it
        assertThat(profile.toString()).contains("杭关缉违字〔2026〕0042号");
        assertThat(profile.toString()).containsIgnoringCase("smuggling");
    }

    @Test
    @Order(2)
    void shouldShowTheStaffLoginPageInChineseWhenStaffOpenTheEnterpriseSearch() throws Exception {
        // the gateway's and the consumers' migrations share one database in the all-in-one bus: the page needs both up
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(url("/staff/enterprises")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> login = page.statusCode() / 100 == 3
                ? get(URI.create(page.headers().firstValue("Location").orElseThrow()).getPath()) : page;
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("登录");
        // and the bus's address is the staff pages' (the gateway alone leads it to its API documentation)
        assertThat(get("/").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/staff/enterprises"));
        // and an address nobody serves gets the staff pages' error page, not the gateway-alone one
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(url("/public/no-such-page")).header("Accept", "text/html")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("id=\"error-links\"").doesNotContain("sharebus 部门网关");
        // and one API document describes the gateway's publishing and the consumers' queries, each with its refusals
        String docs = get("/v3/api-docs").body();
        assertThat(docs).contains("\"/api/v1/events/batch\"", "\"/api/v1/enterprises/{uscc}\"", "\"/api/v1/notices\"",
                "One enterprise's credit profile", "Retry-After", "sharebus department gateway");
    }

    @Test
    @Order(3)
    void shouldSendGarbageBytesToTheDeadLetterTopicAndCountThemWhenADepartmentTopicReceivesThem() throws Exception {
        // given bytes on customs' topic that are not an event
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                String.join(",", kafka.getBootstrapServers())), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("customs.events.v1", USCC, "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }

        // when the profile builder meets them, then they are counted as dead letters of that topic
        String counted = awaitScrape(s -> s.lines().anyMatch(l -> l.startsWith("sharebus_dlt_records_total")
                && l.contains("customs.events.v1") && !l.endsWith(" 0.0")), Duration.ofSeconds(60));
        assertThat(counted).contains("sharebus_dlt_records_total");

        // and a department refused at the gateway is counted by reason
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(url("/api/v1/events"))
                .header("Authorization", "Bearer not-a-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    @Order(4)
    void shouldExposeMetricsThatPassPromtoolAndHoldEveryNameTheDashboardAndAlertsUse() throws Exception {
        // given a scrape of the running bus after traffic, refusals and dead letters went through it; Micrometer
        // binds Kafka's per-partition metrics on its next refresh, hence the wait
        List<String> promised = promisedMetrics();
        String scrape = awaitScrape(s -> names(s).containsAll(promised), Duration.ofSeconds(150));

        // when promtool lints it
        String problems = Promtool.checkMetrics(scrape);

        // then it finds no problem
        assertThat(problems).as("promtool check metrics").isEmpty();

        // and every metric the dashboard and alert rules rely on, and that a deployable claims to expose, is there
        assertThat(names(scrape)).containsAll(promised);
    }

    private static Set<String> names(String scrape) {
        return scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]")[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The latest scrape once it satisfies the condition, or the last one when time runs out (the assertions then say what is missing). */
    private String awaitScrape(Predicate<String> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String scrape = get("/actuator/prometheus").body();
        while (!condition.test(scrape) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            scrape = get("/actuator/prometheus").body();
        }
        return scrape;
    }

    /** Names in infra/prometheus/exposed-metrics.txt that are not marked planned and not Prometheus's own. */
    private static List<String> promisedMetrics() throws IOException {
        return Files.readAllLines(EXPOSED_METRICS).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.contains("planned"))
                .map(l -> l.split("\\s+")[0])
                .filter(name -> !name.equals("up"))
                .toList();
    }

    private JsonNode awaitProfile(String uscc, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = http.send(HttpRequest.newBuilder(url("/api/v1/enterprises/" + uscc))
                    // market supervision's demo key: the risk class and its explanation are its INTERNAL fact
                    .header("Authorization", "Bearer demo-key-market").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == 200 && last.body().contains("0042")) {
                return json.readTree(last.body());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no profile with the penalty for " + uscc + " within " + timeout + "; last answer "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    @Order(5)
    void shouldDrawInspectorsFromTheConfiguredCsvNotTheSeedRosterWhenSeedDataAreOff() {
        // when the bus runs with seed data off and sharebus.inspection.inspectors-csv set

        // then the pool is the file's officers only (certified ones), no synthetic seed officer
        assertThat(inspectors.certified(Department.MARKET)).extracting(InspectorPool.Inspector::id)
                .containsExactlyInAnyOrder("33010610001", "33010610002", "33010610003");
        assertThat(inspectors.size()).isEqualTo(4);
    }
}
