package org.sharebus.seeds.replay;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.sharebus.seeds.generate.EnterpriseEvents;
import org.sharebus.seeds.generate.SeedEvent;
import org.sharebus.seeds.generate.SeedGenerator;

/**
 * Streams a generated data set into a target, at a steady rate or as fast as the target takes it,
 * and tells a progress listener how far it is about twice a second.
 */
public final class Replay {

    private static final long PROGRESS_EVERY_NANOS = 500_000_000L;

    private final SeedGenerator generator;
    private final double eventsPerSecond;
    private volatile boolean stopped;

    /** @param eventsPerSecond the rate to keep; {@code 0} or less for as fast as possible */
    public Replay(SeedGenerator generator, double eventsPerSecond) {
        this.generator = generator;
        this.eventsPerSecond = eventsPerSecond;
    }

    /** Sends every event, waits for every answer, and returns what happened. */
    public ReplayStats run(Target target, Consumer<ReplayStats> progress) {
        ReplayStats stats = new ReplayStats();
        run(target, stats, progress);
        return stats;
    }

    /** As {@link #run(Target, Consumer)}, reporting into the caller's stats, which it can read while the replay runs. */
    public void run(Target target, ReplayStats stats, Consumer<ReplayStats> progress) {
        long start = System.nanoTime();
        long lastProgress = start;
        long sent = 0;
        for (EnterpriseEvents story : generator) {
            if (stopped) {
                break;
            }
            for (SeedEvent event : story.events()) {
                if (eventsPerSecond > 0) {
                    long due = start + (long) (sent / eventsPerSecond * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                target.send(event);
                sent++;
            }
            stats.enterpriseDone();
            long now = System.nanoTime();
            if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
                progress.accept(stats);
                lastProgress = now;
            }
        }
        target.flush();
        stats.finish();
        progress.accept(stats);
    }

    /** Stops after the enterprise being sent; what was sent is still flushed. */
    public void stop() {
        stopped = true;
    }

    public int enterprises() {
        return generator.parameters().enterprises();
    }
}
