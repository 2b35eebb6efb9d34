package org.sharebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The launcher keeps one Flyway history for the gateway's migrations (V1xx) and the consumers'
 * (V2xx). A gateway migration written after consumer ones were applied is older in number than
 * them, and must still be applied to a data directory that ran the bus before (a pull, then ./sharebus).
 */
class LauncherFlywayTest {

    @Test
    void shouldApplyAGatewayMigrationNumberedBelowAppliedConsumerOnesWhenTheBusStartsOnAnOlderDataDirectory() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource database = postgres.getPostgresDatabase();
            // given a data directory as the launcher left it before V101 was written: V100, then every consumer migration
            Flyway.configure().dataSource(database).locations("classpath:db/migration/gateway").target("100").load().migrate();
            Flyway.configure().dataSource(database).locations("classpath:db/migration/consumers").ignoreMigrationPatterns("*:missing")
                    .load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(database);
            assertThat(jdbc.queryForObject("SELECT max(version::int) FROM flyway_schema_history", Integer.class)).isGreaterThan(200);

            // when the launcher starts with its Flyway settings (its application.yml over Boot's defaults)
            Properties launcher = launcherSettings();
            Flyway.configure().dataSource(database).locations("classpath:db/migration")
                    .outOfOrder(Boolean.parseBoolean(launcher.getProperty("spring.flyway.out-of-order", "false")))
                    .load().migrate();

            // then the gateway's newer migrations are applied, not refused as "resolved migration not applied to database"
            assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history WHERE success AND version IN ('101', '102')",
                    String.class)).containsExactlyInAnyOrder("101", "102");
        }
    }

    private static Properties launcherSettings() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        return yaml.getObject();
    }
}
