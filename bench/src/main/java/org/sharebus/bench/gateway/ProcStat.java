package org.sharebus.bench.gateway;

/**
 * A line of Linux's {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat}, as far as the
 * gateway benchmarks read it: the name and the CPU times.
 */
final class ProcStat {

    /** Linux's clock tick (USER_HZ), in which /proc gives CPU times, on every architecture the JDK runs on. */
    static final long NANOS_PER_TICK = 10_000_000L;

    private ProcStat() {
    }

    /** The name, in parentheses; it may hold spaces and parentheses itself. */
    static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /**
     * User and system time in ticks (fields 14 and 15), and with {@code withReaped} the children's
     * that were waited for (16 and 17). The fields after the name's last parenthesis are fixed.
     */
    static long ticks(String stat, boolean withReaped) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withReaped ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
    }
}
