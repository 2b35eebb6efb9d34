package org.sharebus.bench.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The embedded PostgreSQL's postmaster, found as the {@code postgres} process listening on a port
 * (zonky's {@code pg_ctl} detaches it from the JVM), and the CPU time of the whole server.
 */
final class PostgresServer {

    private final ProcessHandle postmaster;

    private PostgresServer(ProcessHandle postmaster) {
        this.postmaster = postmaster;
    }

    static Optional<PostgresServer> listeningOn(int port) {
        String option = "-p " + port + " ";
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(option)
                && p.info().command().orElse("").endsWith("/postgres")).findFirst().map(PostgresServer::new);
    }

    /**
     * CPU time so far of the postmaster, its live children, and the children it has reaped:
     * /proc's utime and stime, and the postmaster's cutime and cstime. Without the reaped time a
     * backend that ended (a connection closed, a pool replacing one) takes its CPU with it.
     */
    long cpuNanos() {
        long ticks = ticks(postmaster.pid(), true);
        for (ProcessHandle child : postmaster.descendants().toList()) {
            ticks += ticks(child.pid(), false);
        }
        return ticks * ProcStat.NANOS_PER_TICK;
    }

    private static long ticks(long pid, boolean withReaped) {
        try {
            return ProcStat.ticks(Files.readString(Path.of("/proc/" + pid + "/stat")), withReaped);
        } catch (Exception e) {
            return 0; // the child ended between listing and reading: its time is in the postmaster's reaped time next
        }
    }
}
