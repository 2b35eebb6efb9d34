package org.sharebus.seeds.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What a replay has done so far; updated from the sending thread and the acknowledging threads. */
public final class ReplayStats {

    private static final int KEPT_REASONS = 5;

    private final long startNanos = System.nanoTime();
    private volatile long endNanos;
    private final AtomicLong enterprises = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final LatencyHistogram ackTimes = new LatencyHistogram();
    private final List<String> reasons = Collections.synchronizedList(new ArrayList<>());

    void enterpriseDone() {
        enterprises.incrementAndGet();
    }

    void sent(int count) {
        sent.addAndGet(count);
    }

    void acknowledged(int count, long ackNanos) {
        acknowledged.addAndGet(count);
        for (int i = 0; i < count; i++) {
            ackTimes.recordNanos(ackNanos);
        }
    }

    /** The target answered and said no: the gateway refused the items, or the broker rejected the record. */
    void refused(int count, String reason) {
        refused.addAndGet(count);
        keep(reason);
    }

    /** No answer: the connection failed or timed out after retries. */
    void failed(int count, String reason) {
        failed.addAndGet(count);
        keep(reason);
    }

    private void keep(String reason) {
        synchronized (reasons) {
            if (reasons.size() < KEPT_REASONS && !reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
    }

    public long enterprises() {
        return enterprises.get();
    }

    public long sent() {
        return sent.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long refused() {
        return refused.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Seconds from the start to now, or to the end once the replay has ended. */
    public double elapsedSeconds() {
        long end = endNanos;
        return ((end != 0 ? end : System.nanoTime()) - startNanos) / 1e9;
    }

    /** The replay has sent everything and every answer is in: the clock stops. */
    void finish() {
        endNanos = System.nanoTime();
    }

    public double p50Millis() {
        return ackTimes.percentileMillis(0.50);
    }

    public double p99Millis() {
        return ackTimes.percentileMillis(0.99);
    }

    /** The first few distinct reasons for refusals and failures. */
    public List<String> reasons() {
        synchronized (reasons) {
            return List.copyOf(reasons);
        }
    }

    /** The closing report: sent, acknowledged, refused, failed, rate, p50/p99 acknowledgement time. */
    public String summary() {
        double seconds = elapsedSeconds();
        StringBuilder text = new StringBuilder()
                .append(String.format("enterprises   %,d%n", enterprises()))
                .append(String.format("sent          %,d events in %.1f s (%,.0f events/s)%n", sent(), seconds, sent() / Math.max(seconds, 1e-9)))
                .append(String.format("acknowledged  %,d%n", acknowledged()))
                .append(String.format("refused       %,d%n", refused()))
                .append(String.format("failed        %,d (no answer)%n", failed()))
                .append(String.format("ack time      p50 %.1f ms, p99 %.1f ms%n", p50Millis(), p99Millis()));
        for (String reason : reasons()) {
            text.append("  reason: ").append(reason).append(System.lineSeparator());
        }
        return text.toString();
    }
}
