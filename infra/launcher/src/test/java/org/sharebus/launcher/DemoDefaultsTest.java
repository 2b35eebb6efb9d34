package org.sharebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** The demo city is the embedded default's only: started as {@code ./sharebus} starts, through Boot's own environment preparation. */
class DemoDefaultsTest {

    @Test
    void shouldLoadTheDemoCityWithACutoffReachingItsTwoYearsWhenKafkaIsEmbedded() {
        // when
        ConfigurableEnvironment environment = environmentOf();

        // then (the cutoff is read from the demo's own source: the consumers' test configuration on this class path sets another)
        assertThat(environment.getProperty("sharebus.seeds.load")).isEqualTo("true");
        assertThat(environment.getPropertySources().get(DemoDefaults.SOURCE).getProperty("sharebus.rules.notices.history-cutoff"))
                .isEqualTo("P2Y1M");
    }

    @Test
    void shouldLoadNoSyntheticDataAndKeepTheRulesCutoffWhenPointedAtARealCluster() {
        // when
        ConfigurableEnvironment environment = environmentOf("--spring.kafka.bootstrap-servers=kafka1:9092,kafka2:9092");

        // then no seed data (SeedLoadingAutoConfiguration and SeedInspectorPool want "true"), and no demo cutoff over the rules table's
        assertThat(environment.getProperty("sharebus.seeds.load")).isNull();
        assertThat(environment.getPropertySources().contains(DemoDefaults.SOURCE)).isFalse();
        // the same when the servers are a YAML list
        assertThat(environmentOf("--spring.kafka.bootstrap-servers[0]=kafka1:9092").getPropertySources().contains(DemoDefaults.SOURCE))
                .isFalse();
    }

    @Test
    void shouldLetAnOperatorAskForTheDemoOnARealClusterOrRefuseItOnTheEmbeddedOne() {
        assertThat(environmentOf("--spring.kafka.bootstrap-servers=kafka1:9092", "--sharebus.seeds.load=true")
                .getProperty("sharebus.seeds.load")).isEqualTo("true");
        assertThat(environmentOf("--sharebus.seeds.load=false").getProperty("sharebus.seeds.load")).isEqualTo("false");
    }

    private static ConfigurableEnvironment environmentOf(String... args) {
        SpringApplication application = new SpringApplication(Nothing.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run(args)) {
            return context.getEnvironment();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }
}
