package org.sharebus.platform.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

class EmbeddedPostgresTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class, DataSourceAutoConfiguration.class));

    @Test
    void shouldKeepRowsAcrossRestartWhenGivenADataDirectory(@TempDir Path dataDir) {
        // given a row written to the embedded database with a data directory
        runner.withPropertyValues("sharebus.data-dir=" + dataDir).run(context -> {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            jdbc.execute("create table kept (uscc text primary key)");
            jdbc.update("insert into kept values (?)", "91330100799655058B");
        });

        // when the database starts again on the same directory, then the row is there
        runner.withPropertyValues("sharebus.data-dir=" + dataDir).run(context ->
                assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForList("select uscc from kept", String.class))
                        .containsExactly("91330100799655058B"));
    }
}
