package org.sharebus.consumers.notice;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.sharebus.consumers.inspection.InspectionRules;
import org.sharebus.consumers.inspection.WorkingCalendar;
import org.sharebus.consumers.rules.TestRules;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The production notice rules and a router on them, bound without a Spring context, as the application binds them. */
public final class TestNotices {

    private TestNotices() {
    }

    public static NoticeRules rules() {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("rules", new ClassPathResource("rules.yml"));
            return new Binder(ConfigurationPropertySources.from(sources)).bind("sharebus.rules.notices", NoticeRules.class)
                    .orElseThrow(() -> new IllegalStateException("no sharebus.rules.notices in rules.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The working days of the production rules table. */
    public static WorkingCalendar calendar() {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("rules", new ClassPathResource("rules.yml"));
            InspectionRules inspection = new Binder(ConfigurationPropertySources.from(sources))
                    .bind("sharebus.rules.inspection", InspectionRules.class)
                    .orElseThrow(() -> new IllegalStateException("no sharebus.rules.inspection in rules.yml"));
            return WorkingCalendar.of(inspection.calendar());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NoticeRouter router(MeterRegistry meters) {
        NoticeRules rules = rules();
        return new NoticeRouter(rules, TestRules.standard(), new NoticeMetrics(meters, rules), calendar());
    }
}
