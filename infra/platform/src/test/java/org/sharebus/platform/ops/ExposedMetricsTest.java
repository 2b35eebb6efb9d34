package org.sharebus.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every PromQL expression of the Grafana dashboards and the alert rules names only metrics listed in
 * infra/prometheus/exposed-metrics.txt, the list of what the services expose (or, marked "planned",
 * will). A dashboard panel on a misspelt metric shows "No data" and nobody notices; this test does.
 */
class ExposedMetricsTest {

    private static final Path INFRA = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "rate", "irate", "increase",
            "delta", "deriv", "histogram_quantile", "time", "scalar", "vector", "abs", "clamp_min", "clamp_max",
            "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset",
            "max_over_time", "min_over_time", "avg_over_time", "label_replace", "absent", "topk", "bottomk", "inf", "nan");

    @Test
    void shouldNameOnlyExposedMetricsWhenTheDashboardsQueryPrometheus() throws IOException {
        // given every expression of every dashboard
        List<String> expressions = new ArrayList<>();
        try (Stream<Path> dashboards = Files.list(INFRA.resolve("grafana"))) {
            for (Path dashboard : dashboards.filter(p -> p.toString().endsWith(".json")).toList()) {
                new ObjectMapper().readTree(dashboard.toFile()).findValues("expr").forEach(e -> expressions.add(e.asText()));
            }
        }
        assertThat(expressions).hasSizeGreaterThan(10);

        // then each names only exposed metrics
        assertThat(metricNames(expressions)).isSubsetOf(exposed());
    }

    @Test
    void shouldNameOnlyExposedMetricsWhenTheAlertRulesQueryPrometheus() throws IOException {
        List<String> expressions = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(INFRA.resolve("prometheus").resolve("alerts.yml"), StandardCharsets.UTF_8)) {
            Map<String, Object> rules = new Yaml().load(reader);
            for (Object group : (List<?>) rules.get("groups")) {
                for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                    expressions.add(((Map<?, ?>) rule).get("expr").toString());
                }
            }
        }

        assertThat(metricNames(expressions)).isNotEmpty().isSubsetOf(exposed());
    }

    @Test
    void shouldFindTheMetricNamesButNotLabelsOrFunctionsWhenReadingAnExpression() {
        Set<String> names = metricNames(List.of(
                "sum by (department) (rate(sharebus_gateway_events_total{outcome=~\"(?i)accepted\"}[5m])) "
                        + "/ on (department) group_left() max by (le) (up{job=\"x\"}) > 0.5"));

        assertThat(names).containsExactlyInAnyOrder("sharebus_gateway_events_total", "up");
    }

    /** Names in an expression: what is left once strings, label matchers, ranges, grouping clauses and functions are gone. */
    static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        Pattern identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
        for (String expression : expressions) {
            String stripped = expression
                    .replaceAll("\"[^\"]*\"", "\"\"")
                    .replaceAll("\\{[^}]*}", "")
                    .replaceAll("\\[[^]]*]", "")
                    .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
            Matcher matcher = identifier.matcher(stripped);
            while (matcher.find()) {
                String word = matcher.group();
                boolean function = stripped.substring(matcher.end()).stripLeading().startsWith("(");
                if (!function && !PROMQL_WORDS.contains(word.toLowerCase())) {
                    names.add(word);
                }
            }
        }
        return names;
    }

    private static Set<String> exposed() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(INFRA.resolve("prometheus").resolve("exposed-metrics.txt"), StandardCharsets.UTF_8)) {
            String name = line.replaceFirst("#.*", "").trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
