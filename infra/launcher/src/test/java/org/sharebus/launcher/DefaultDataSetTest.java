package org.sharebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.inspection.InspectionService;
import org.sharebus.event.common.Department;
import org.sharebus.platform.auth.DepartmentKeyTable;
import org.sharebus.inspection.InspectionItems;
import org.sharebus.seeds.load.SeedLoader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The one-command bus with the default data set (20,000 enterprises, seed 20240101), loaded as
 * {@code ./sharebus} loads it into an empty bus: once the profile builder has caught up there are
 * profiles in every risk class, linked notices of several rules for several departments, and an
 * inspection item that can be drawn, and a scrape of its metrics passes {@code promtool check metrics}. Its own bus (the others run without seed data), closed after.
 */
@SpringBootTest(classes = SharebusLauncher.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0",
                "sharebus.topics.department-partitions=3", "server.shutdown=immediate", "sharebus.seeds.load=true"})
@AutoConfigureMetrics
@DirtiesContext
class DefaultDataSetTest {

    private static final Duration PATIENCE = Duration.ofMinutes(8);
    private static final List<Department> STAFF_DEPARTMENTS = List.of(Department.MARKET, Department.CUSTOMS,
            Department.COMMERCE, Department.CREDIT, Department.TAX);
    private static final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    SeedLoader seeds;
    @Autowired
    InspectionService inspections;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldGiveProfilesInEveryClassNoticesOfSeveralRulesAndADrawReadyItemWhenTheDefaultDataSetIsLoaded() throws Exception {
        // given the default data set loaded into the empty bus
        assertThat(seeds.awaitDone(PATIENCE)).as("seed data loaded within " + PATIENCE).isTrue();
        assertThat(seeds.state()).as(seeds.describe()).isEqualTo(SeedLoader.State.LOADED);

        // when the profile builder and the projections have caught up with it
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<String, Long> byClass = classes();
        while (byClass.values().stream().anyMatch(n -> n == 0) && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            byClass = classes();
        }

        // then every risk class has enterprises
        assertThat(byClass).as("enterprises per risk class").allSatisfy((riskClass, count) -> assertThat(count).isPositive());

        // and notices of several rules reached several departments
        Map<Department, Set<String>> rules = new TreeMap<>();
        for (Department department : STAFF_DEPARTMENTS) {
            JsonNode page = getJson("/api/v1/notices?department=" + department + "&size=100", department);
            Set<String> codes = new TreeSet<>();
            page.path("content").forEach(notice -> codes.add(notice.path("ruleCode").asText()));
            if (!codes.isEmpty()) {
                rules.put(department, codes);
            }
        }
        assertThat(rules).as("notice rules per target department").hasSizeGreaterThanOrEqualTo(3);
        assertThat(rules.values().stream().flatMap(Set::stream).distinct().count()).as("distinct notice rules: " + rules)
                .isGreaterThanOrEqualTo(3);

        // and at least one inspection item can be drawn today
        List<String> ready = STAFF_DEPARTMENTS.stream()
                .flatMap(department -> InspectionItems.of(department).stream()
                        .map(item -> inspections.readiness(department, item, List.of())))
                .filter(InspectionService.Readiness::drawReady)
                .map(readiness -> readiness.item().code() + " (pool " + readiness.poolSize() + ", draws " + readiness.expectedDrawn() + ")")
                .toList();
        assertThat(ready).as("draw-ready inspection items").isNotEmpty();

        // and what operations scrape from the bus fed by the data set passes Prometheus's linter
        String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(scrape).contains("sharebus_notices_raised_total", "sharebus_profile_updates_total");
        assertThat(Promtool.checkMetrics(scrape)).as("promtool check metrics").isEmpty();
    }

    private Map<String, Long> classes() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (String riskClass : List.of("A", "B", "C", "D")) {
            counts.put(riskClass, getJson("/api/v1/enterprises?riskClass=" + riskClass + "&size=1", Department.MARKET)
                    .path("totalElements").asLong());
        }
        return counts;
    }

    /** GETs as the department's system, with the demo key the one-command default accepts. */
    private JsonNode getJson(String path, Department caller) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + DepartmentKeyTable.demoKey(caller)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET " + path + ": " + answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }
}
