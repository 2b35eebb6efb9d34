package org.sharebus.consumers.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts of a read model for gauges: read at most once per {@code refresh}, on a thread of their own,
 * and a scrape waits for a read no longer than {@code wait}. With PostgreSQL down, a read waits for
 * the connection pool's timeout (30 s): read on the scrape's thread under a lock, each gauge of each
 * scrape waited for it in turn and {@code /actuator/prometheus} answered nothing, so operators saw
 * the instance down instead of {@code sharebus_dependency_up{component="db"} 0}. The last counts
 * read stay until a read succeeds.
 */
public final class ReadModelCounts<T> {

    private static final Logger log = LoggerFactory.getLogger(ReadModelCounts.class);

    private final String name;
    private final Supplier<T> read;
    private final Duration refresh;
    private final Duration wait;
    private final Clock clock;
    private final ExecutorService reader;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile T counts;
    private volatile Instant readAt = Instant.MIN;

    public ReadModelCounts(String name, Supplier<T> read, T none, Duration refresh, Duration wait, Clock clock) {
        this.name = name;
        this.read = read;
        this.counts = none;
        this.refresh = refresh;
        this.wait = wait;
        this.clock = clock;
        this.reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-gauges");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The latest counts: read again first when older than the refresh interval, waiting for that at most {@code wait}. */
    public T get() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(refresh) >= 0 && reading.compareAndSet(false, true)) {
            readAt = now;
            CompletableFuture<Void> done = CompletableFuture.runAsync(this::readNow, reader);
            try {
                done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Still reading: this scrape shows the last counts, the next one what the read found.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // readNow logs its own failures.
            }
        }
        return counts;
    }

    private void readNow() {
        try {
            counts = read.get();
        } catch (RuntimeException e) {
            log.warn("{} gauges: cannot read the read model, keeping the last counts: {}", name, e.getMessage());
        } finally {
            reading.set(false);
        }
    }
}
