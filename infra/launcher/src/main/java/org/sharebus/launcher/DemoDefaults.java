package org.sharebus.launcher;

import java.util.Map;
import org.sharebus.platform.ConditionalOnPropertyUnset;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The demo city's settings, only for the embedded default: the seed data set loaded into empty
 * topics ({@code sharebus.seeds.load}) and a history cutoff of two years and a month
 * ({@code sharebus.rules.notices.history-cutoff}), so its two years of history raise linked notices,
 * and the annual-report back-story before them (docs/seeds.md) does not.
 *
 * <p>With {@code spring.kafka.bootstrap-servers} set, the bus is pointed at a real cluster, and
 * neither applies: synthetic enterprises must not be published into a real cluster's department
 * topics (they would stay there), the synthetic inspectors must not be drawn, and the rules
 * table's cutoff holds. Both stay settable by hand, e.g. for a demonstration on a staging cluster;
 * these defaults come last, so any other setting wins.
 */
public class DemoDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "sharebus-demo-defaults";

    /**
     * The rules table's cutoff is 30 days. The seed data's window is the two years up to the first day of the month
     * it is loaded in (SeedParameters.asOf): two years and a month reach its start on any day of that month.
     */
    static final Map<String, Object> DEMO = Map.of(
            "sharebus.seeds.load", "true",
            "sharebus.rules.notices.history-cutoff", "P2Y1M");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!ConditionalOnPropertyUnset.OnPropertyUnset.isSet(environment, "spring.kafka.bootstrap-servers")) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, DEMO));
        }
    }
}
