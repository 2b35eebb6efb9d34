package org.sharebus.platform.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
            jdbc.update("insert into kept values (?)", "91330109J6H9752474");
        });

        // when the database starts again on the same directory, then the row is there
        runner.withPropertyValues("sharebus.data-dir=" + dataDir).run(context ->
                assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForList("select uscc from kept", String.class))
                        .containsExactly("91330109J6H9752474"));
    }

    @Test
    void shouldWriteThroughToDiskWhenKeepingADataDirectoryAndNotForAThrowawayDatabase(@TempDir Path dataDir) {
        // given a database kept in a data directory, then every commit is on disk before it is acknowledged
        runner.withPropertyValues("sharebus.data-dir=" + dataDir).run(context -> {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
        });

        // given a throwaway database (tests, no data directory), then zonky's fast settings stay
        runner.run(context -> {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("off");
            assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("off");
        });
    }

    @Test
    void shouldLeaveAloneTheDatabaseOfAProcessThatIsStillRunning(@TempDir Path dataDir) throws Exception {
        // given a live process running PostgreSQL on the data directory
        Path directory = dataDir.resolve("postgres");
        Process owner = startPostgresIn(directory);
        try {
            long server = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim());

            // when a start on the same directory looks for an orphan
            EmbeddedPostgresAutoConfiguration.stopOrphan(directory);

            // then the server is left running: it is not an orphan
            assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive)).contains(true);
        } finally {
            owner.destroy();
            owner.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldStartOnTheDataDirectoryOfAProcessThatWasKilledWithItsDatabaseRunning(@TempDir Path dataDir) throws Exception {
        // given a process that started PostgreSQL on the data directory and was killed (kill -9), its database still running
        Process killed = startPostgresIn(dataDir.resolve("postgres"));
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long orphan = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("its PostgreSQL outlived it").contains(true);

        try {
            // when the bus starts again on the same data directory
            runner.withPropertyValues("sharebus.data-dir=" + dataDir).run(context -> {
                // then it is up, on a database of its own: the orphan was stopped
                assertThat(context).hasNotFailed();
                assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("select 1", Integer.class)).isEqualTo(1);
                assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            });
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void shouldSayWhichFileToLookAtWhenThePidFileLeftBehindIsUnreadable(@TempDir Path dataDir) throws Exception {
        // given a data directory whose postmaster.pid is zeros (a crash while it was written: the length got to disk, the bytes not)
        Path directory = Files.createDirectories(dataDir.resolve("postgres"));
        Files.write(directory.resolve("postmaster.pid"), new byte[64]);

        // when the bus starts on it, then it refuses with what to check and what to delete, and the file is left alone
        assertThatThrownBy(() -> EmbeddedPostgresAutoConfiguration.stopOrphan(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(directory.resolve("postmaster.pid") + " does not start with a process id")
                .hasMessageContaining("its first line is '" + "\\u0000".repeat(40) + "…'")
                .hasMessageContaining("if no PostgreSQL runs on " + directory)
                .hasMessageContaining("delete the file and start again");
        assertThat(directory.resolve("postmaster.pid")).exists();
    }

    /** A child JVM running PostgreSQL on {@code directory}, once it says the server is up. */
    private static Process startPostgresIn(Path directory) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), PostgresOnDataDirectory.class.getName(), directory.toString())
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        boolean ready = output.lines().anyMatch(line -> line.startsWith(PostgresOnDataDirectory.READY));
        if (!ready) {
            process.destroyForcibly();
        }
        assertThat(ready).as("the child process started PostgreSQL").isTrue();
        return process;
    }
}
