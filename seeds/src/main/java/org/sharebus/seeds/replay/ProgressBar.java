package org.sharebus.seeds.replay;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * A progress line on stderr: bar, enterprises done, events sent and acknowledged, rate and ETA.
 * On a terminal it redraws one line; otherwise (a log, a pipe) it prints a line every 5 seconds.
 */
public final class ProgressBar implements Consumer<ReplayStats> {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long total;
    private final boolean terminal;
    private long lastLineNanos;

    public ProgressBar(PrintStream out, long totalEnterprises, boolean terminal) {
        this.out = out;
        this.total = totalEnterprises;
        this.terminal = terminal;
        this.lastLineNanos = System.nanoTime();
    }

    @Override
    public void accept(ReplayStats stats) {
        boolean done = stats.enterprises() >= total;
        long now = System.nanoTime();
        if (!terminal && !done && now - lastLineNanos < 5_000_000_000L) {
            return;
        }
        lastLineNanos = now;
        String line = line(stats);
        if (terminal) {
            out.print("\r" + line + (done ? System.lineSeparator() : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** E.g. {@code [#########---------------------]  30%  6,000/20,000 enterprises  32,400 events  8,100/s  acked 32,000  refused 0  ETA 0:09}. */
    public String line(ReplayStats stats) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) stats.enterprises() / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = stats.elapsedSeconds();
        double rate = stats.sent() / Math.max(seconds, 1e-9);
        long eta = fraction <= 0 ? 0 : Math.round(seconds / fraction - seconds);
        return String.format("[%s%s] %3.0f%%  %,d/%,d enterprises  %,d events  %,.0f/s  acked %,d  refused %,d  ETA %d:%02d",
                "#".repeat(filled), "-".repeat(WIDTH - filled), fraction * 100, stats.enterprises(), total, stats.sent(), rate,
                stats.acknowledged(), stats.refused() + stats.failed(), eta / 60, eta % 60);
    }
}
