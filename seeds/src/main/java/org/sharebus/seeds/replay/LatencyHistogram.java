package org.sharebus.seeds.replay;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Acknowledgement times, thread-safe, to about 2 % from 1 µs to several hours: bucket i holds
 * times in [1.02^i, 1.02^(i+1)) microseconds. Enough for p50 and p99 of millions of sends in a
 * few kilobytes.
 */
final class LatencyHistogram {

    private static final double GROWTH = Math.log(1.02);
    private static final int BUCKETS = 1_200;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void recordNanos(long nanos) {
        long micros = Math.max(1, nanos / 1_000);
        int bucket = (int) Math.min(BUCKETS - 1, Math.log(micros) / GROWTH);
        counts.incrementAndGet(bucket);
    }

    /** The time below which {@code quantile} of the recorded times lie, in milliseconds; 0 when nothing was recorded. */
    double percentileMillis(double quantile) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                // The middle of the bucket, in milliseconds.
                return Math.exp((i + 0.5) * GROWTH) / 1_000;
            }
        }
        return Math.exp(BUCKETS * GROWTH) / 1_000;
    }
}
