package org.sharebus.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Settings every deployable shares (acks=all and idempotence, exactly-once Streams, the actuator
 * endpoints, quiet Kafka logs), at the lowest precedence so any application.yml or command line
 * overrides them. One file instead of the same lines in each deployable's configuration.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "sharebus-platform-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("sharebusPlatformDefaults", new ClassPathResource(RESOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
