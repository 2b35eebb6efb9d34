package org.sharebus.consumers.rules;

import java.io.IOException;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.core.io.support.PropertySourceFactory;

/**
 * Loads the rules table ({@code rules.yml}) wherever the consumers run, alone or inside the
 * launcher (whose own {@code application.yml} hides this module's). It comes after the
 * application's configuration, so {@code application.yml}, the environment or the command line
 * can still override a rule, e.g. {@code --sharebus.rules.risk.classes.d=60}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Rules.class)
@org.springframework.context.annotation.PropertySource(value = "classpath:rules.yml", factory = RulesConfiguration.Yaml.class)
class RulesConfiguration {

    /** {@code @PropertySource} reads .properties only; this reads YAML with Boot's own loader. */
    static final class Yaml implements PropertySourceFactory {
        @Override
        public PropertySource<?> createPropertySource(String name, EncodedResource resource) throws IOException {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("rules.yml", resource.getResource());
            if (sources.size() != 1) {
                throw new IOException("rules.yml must be one YAML document, found " + sources.size());
            }
            return sources.get(0);
        }
    }
}
