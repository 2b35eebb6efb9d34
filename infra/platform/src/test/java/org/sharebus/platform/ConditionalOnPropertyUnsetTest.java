package org.sharebus.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ConditionalOnPropertyUnsetTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(EmbeddedPart.class);

    @Test
    void shouldStartTheEmbeddedPartOnlyWhenNoExternalServiceIsNamed() {
        context.run(started -> assertThat(started).hasBean("embedded"));
        context.withPropertyValues("spring.kafka.bootstrap-servers= ").run(started -> assertThat(started).hasBean("embedded"));
        context.withPropertyValues("spring.kafka.bootstrap-servers=kafka1:9092,kafka2:9092")
                .run(started -> assertThat(started).doesNotHaveBean("embedded"));
    }

    @Test
    void shouldSeeAnExternalServiceWhenItIsGivenAsAYamlList() {
        // bootstrap-servers: [kafka1:9092, kafka2:9092] in YAML is stored as indexed properties
        context.withPropertyValues("spring.kafka.bootstrap-servers[0]=kafka1:9092", "spring.kafka.bootstrap-servers[1]=kafka2:9092")
                .run(started -> assertThat(started).doesNotHaveBean("embedded"));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnPropertyUnset("spring.kafka.bootstrap-servers")
    static class EmbeddedPart {
        @Bean
        String embedded() {
            return "in-process";
        }
    }
}
