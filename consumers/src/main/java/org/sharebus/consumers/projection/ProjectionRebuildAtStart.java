package org.sharebus.consumers.projection;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * {@code sharebus.projections.rebuild}: the read models to rebuild at this start
 * ({@link ProjectionRebuild}). Done while the bean is made, so before any listener container
 * starts (they start with the context's lifecycle, once every bean exists) and after Flyway
 * (which the JdbcClient waits for).
 */
@Component
@EnableConfigurationProperties(ProjectionRebuildAtStart.Settings.class)
class ProjectionRebuildAtStart {

    /** Longer than a consumer's session timeout (45 s): the groups of instances killed just before may take that long to empty. */
    static final Duration EMPTY_WITHIN = Duration.ofSeconds(60);

    /** @param rebuild the read models to rebuild at start: search, notices, inspections; none by default */
    @ConfigurationProperties("sharebus.projections")
    record Settings(List<ProjectionRebuild.ReadModel> rebuild) {
        Settings {
            rebuild = rebuild == null ? List.of() : List.copyOf(rebuild);
        }
    }

    ProjectionRebuildAtStart(Settings settings, KafkaAdmin kafkaAdmin, JdbcClient jdbc) {
        if (!settings.rebuild().isEmpty()) {
            try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
                ProjectionRebuild.rebuild(admin, jdbc, settings.rebuild(), EMPTY_WITHIN);
            }
        }
    }
}
