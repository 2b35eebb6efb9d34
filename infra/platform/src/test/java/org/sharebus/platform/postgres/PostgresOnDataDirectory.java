package org.sharebus.platform.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process that starts the embedded PostgreSQL on a data directory, as the one-command default
 * does, says so on standard output and waits to be killed: {@link EmbeddedPostgresTest} kills it
 * with SIGKILL, as the OOM killer or {@code kill -9} would.
 */
public final class PostgresOnDataDirectory {

    static final String READY = "postgres ready";

    private PostgresOnDataDirectory() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createDirectories(Path.of(args[0]));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
        System.out.println(READY + " on port " + postgres.getPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
