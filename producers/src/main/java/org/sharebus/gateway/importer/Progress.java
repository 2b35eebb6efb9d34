package org.sharebus.gateway.importer;

import java.io.PrintStream;
import java.time.Duration;

/** A one-line progress bar on stderr: done/total, percentage, rate and time left. */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private final long start = System.nanoTime();
    private long done;

    Progress(PrintStream out, long total) {
        this.out = out;
        this.total = total;
    }

    void advance(long lines) {
        done += lines;
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        double rate = done / seconds;
        long left = rate > 0 ? (long) ((total - done) / rate) : 0;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        out.printf("\r[%s%s] %d/%d %3d%% %.0f lines/s ETA %s", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total,
                total == 0 ? 100 : 100 * done / total, rate, format(Duration.ofSeconds(left)));
        out.flush();
    }

    void done() {
        out.println();
    }

    private static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
