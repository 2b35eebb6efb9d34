package org.sharebus.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules as Prometheus sees them: promtool accepts the rules and the scrape configuration,
 * every alert's unit test passes (each fires on its bad series and stays quiet on the good one), and
 * no alert is left without a test case or a runbook entry. Needs promtool (Debian's prometheus
 * package; .ci/run installs it).
 */
class PrometheusRulesTest {

    private static final Path PROMETHEUS = Path.of("..", "prometheus").toAbsolutePath().normalize();
    private static final Path RUNBOOK = Path.of("..", "..", "docs", "operations.md").toAbsolutePath().normalize();
    private static final String PROMTOOL = "promtool";

    @Test
    void shouldAcceptTheAlertRulesWhenPromtoolChecksThem() {
        // when
        Result result = promtool("check", "rules", "alerts.yml");

        // then
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + alertNames().size() + " rules found");
    }

    @Test
    void shouldPassEveryAlertsUnitTestWhenPromtoolRunsThem() {
        Result result = promtool("test", "rules", "alerts_test.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void shouldAcceptTheScrapeConfigurationWhenPromtoolChecksIt() {
        Result result = promtool("check", "config", "prometheus.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: prometheus.yml is valid prometheus config file syntax");
    }

    @Test
    void shouldHaveATestCaseAndARunbookEntryWhenAnAlertIsDefined() throws IOException {
        // given every alert of alerts.yml
        List<String> alerts = alertNames();

        // then each has a test that expects it to fire, and a runbook heading its runbook_url points at
        List<String> tested = testedAlertNames();
        String runbook = Files.readString(RUNBOOK, StandardCharsets.UTF_8);
        assertThat(alerts).isNotEmpty();
        assertThat(tested).containsAll(alerts);
        assertThat(alerts).allSatisfy(alert -> assertThat(runbook)
                .as("docs/operations.md has a heading for " + alert)
                .containsPattern("(?m)^#+ " + alert + "\\s*$"));
        assertThat(alertRules()).allSatisfy(rule -> assertThat(((Map<?, ?>) rule.get("annotations")).get("runbook_url"))
                .isEqualTo("docs/operations.md#" + rule.get("alert").toString().toLowerCase(Locale.ROOT)));
    }

    private static List<Map<String, Object>> alertRules() {
        Map<String, Object> file = yaml("alerts.yml");
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : (List<?>) file.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) rule;
                if (map.containsKey("alert")) {
                    rules.add(map);
                }
            }
        }
        return rules;
    }

    private static List<String> alertNames() {
        return alertRules().stream().map(rule -> rule.get("alert").toString()).toList();
    }

    /** Alerts that some test case expects to fire (a case expecting none proves nothing about the rule). */
    private static List<String> testedAlertNames() {
        List<String> names = new ArrayList<>();
        for (Object test : (List<?>) yaml("alerts_test.yml").get("tests")) {
            for (Object check : (List<?>) ((Map<?, ?>) test).get("alert_rule_test")) {
                Map<?, ?> map = (Map<?, ?>) check;
                if (map.get("exp_alerts") instanceof List<?> expected && !expected.isEmpty()) {
                    names.add(map.get("alertname").toString());
                }
            }
        }
        return names;
    }

    private static Map<String, Object> yaml(String name) {
        try (Reader reader = Files.newBufferedReader(PROMETHEUS.resolve(name), StandardCharsets.UTF_8)) {
            return new Yaml().load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + PROMETHEUS.resolve(name), e);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result promtool(String... args) {
        List<String> command = new ArrayList<>(List.of(PROMTOOL));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 60 s; it said:\n" + output);
            }
            return new Result(process.exitValue(), String.join(" ", command) + " said:\n" + output);
        } catch (IOException e) {
            throw new AssertionError("cannot run promtool (Debian package prometheus; .ci/run installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
