package org.sharebus.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.sharebus.event.customs.CustomsEvent;

/**
 * The serde-to-raw-Avro ratio of {@link SerdeBenchmark}, measured so that other processes on a
 * busy machine do not decide it: the two run in alternating batches on one thread, timed in the
 * thread's own CPU time (time spent waiting for a core does not count), one ratio per pair of
 * batches, and the median reported. A check of the JMH numbers on a shared machine, not a
 * replacement for them.
 *
 * <p>{@code java -cp bench/target/sharebus-benchmarks.jar org.sharebus.bench.PairedCpuTime [pairs] [batch]}
 */
public final class PairedCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long sink;

    private PairedCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        SerdeBenchmark benchmark = new SerdeBenchmark();
        benchmark.setUp();
        for (int i = 0; i < 10; i++) { // warm-up, until both paths are compiled
            serde(benchmark, batch);
            raw(benchmark, batch);
        }
        double[] serdeNs = new double[pairs];
        double[] rawNs = new double[pairs];
        double[] ratios = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            // Alternate which goes first, so neither always runs in the other's wake.
            if (i % 2 == 0) {
                serdeNs[i] = serde(benchmark, batch);
                rawNs[i] = raw(benchmark, batch);
            } else {
                rawNs[i] = raw(benchmark, batch);
                serdeNs[i] = serde(benchmark, batch);
            }
            ratios[i] = serdeNs[i] / rawNs[i];
        }
        Arrays.sort(ratios);
        System.out.printf("pairs %d, batch %d (sink %d)%n", pairs, batch, sink);
        System.out.printf("rawAvro        median %.0f ns/op CPU%n", median(rawNs));
        System.out.printf("sharebusSerde  median %.0f ns/op CPU%n", median(serdeNs));
        System.out.printf("ratio serde/raw: median %.3f, quartiles %.3f .. %.3f, range %.3f .. %.3f%n",
                median(ratios), ratios[pairs / 4], ratios[pairs * 3 / 4], ratios[0], ratios[pairs - 1]);
    }

    private static double serde(SerdeBenchmark benchmark, int batch) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < batch; i++) {
            consume(benchmark.sharebusSerde());
        }
        return (double) (THREADS.getCurrentThreadCpuTime() - start) / batch;
    }

    private static double raw(SerdeBenchmark benchmark, int batch) throws Exception {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < batch; i++) {
            consume(benchmark.rawAvro());
        }
        return (double) (THREADS.getCurrentThreadCpuTime() - start) / batch;
    }

    private static void consume(CustomsEvent event) {
        sink += event.getHeader().getPublishedAt().toEpochMilli();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
