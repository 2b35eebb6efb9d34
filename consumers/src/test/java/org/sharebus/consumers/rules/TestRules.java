package org.sharebus.consumers.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The production rules table, bound without a Spring context, as the application binds it. */
public final class TestRules {

    private TestRules() {
    }

    public static Rules standard() {
        return bind(new ClassPathResource("rules.yml"));
    }

    /** One section of the production rules table ({@code sharebus.rules.<name>}), bound as the application binds it. */
    public static <T> T section(String name, Class<T> type) {
        try {
            java.util.List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("rules", new ClassPathResource("rules.yml"));
            return new Binder(ConfigurationPropertySources.from(sources)).bind("sharebus.rules." + name, type)
                    .orElseThrow(() -> new IllegalStateException("no sharebus.rules." + name + " in rules.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Rules bind(ClassPathResource resource) {
        try {
            java.util.List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("rules", resource);
            return new Binder(ConfigurationPropertySources.from(sources)).bind("sharebus.rules", Rules.class)
                    .orElseThrow(() -> new IllegalStateException("no sharebus.rules in " + resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
