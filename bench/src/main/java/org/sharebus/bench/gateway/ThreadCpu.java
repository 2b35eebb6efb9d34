package org.sharebus.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * This JVM's CPU time by what its threads do, from Linux's per-thread counters
 * ({@code /proc/self/task}): the gateway's request threads, the broker, the producers' network
 * threads, the HTTP clients, the main thread (ProducerPerformance's send loop), and the threads no
 * Java code runs on, the JIT's compilers and the collector. With 30,000 events of warm-up the
 * compilers took a quarter of the JVM's CPU in the measured phase, and two fifths of the raw
 * producer's (docs/benchmarks.md, Gateway, 2026-11-29), which the JVM's total does not show.
 * Nothing to show where there is no {@code /proc}.
 */
record ThreadCpu(Map<String, Long> ticksByThread, Map<String, String> nameByThread, long processTicks) {

    static ThreadCpu now() {
        Map<String, Long> ticks = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        long process = -1;
        try {
            process = ProcStat.ticks(Files.readString(Path.of("/proc/self/stat")), false);
        } catch (IOException | RuntimeException noProc) {
            // not Linux: nothing to show
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String tid = task.getFileName().toString();
                    ticks.put(tid, ProcStat.ticks(stat, false));
                    names.put(tid, ProcStat.name(stat));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException noProc) {
            // not Linux: nothing to show
        }
        return new ThreadCpu(ticks, names, process);
    }

    /** Linux keeps the first 15 characters of a thread's name. */
    private static String group(String name) {
        if (name.startsWith("http-nio-")) {
            return "gateway's request threads";
        }
        if (name.startsWith("kafka-producer-")) {
            return "producer's network thread";
        }
        // The JDK's client threads and the benchmark's own, which build the requests and read the answers.
        if (name.startsWith("HttpClient-")) {
            return "HTTP clients";
        }
        if (name.startsWith("data-plane-kaf") || name.startsWith("kafka-") || name.startsWith("broker-")) {
            return "broker";
        }
        // The launcher's thread that runs main() keeps the process's name.
        if (name.equals("java") || name.equals("main")) {
            return "main thread";
        }
        if (name.contains("CompilerThre")) {
            return "JIT compilers";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "collector";
        }
        return "other threads";
    }

    /** Microseconds of CPU per event since {@code start}, by group, largest first. */
    String perEventSince(ThreadCpu start, long events) {
        if (ticksByThread.isEmpty() || processTicks < 0) {
            return "(no /proc/self/task here)";
        }
        Map<String, Long> byGroup = new LinkedHashMap<>();
        // By Linux's thread id, named as at the end (a thread may rename itself). One that ended in the phase is
        // only in the process's total; one started in it counts from 0, as does one whose id Linux gave again
        // after the earlier thread of that id ended.
        ticksByThread.forEach((thread, ticks) -> {
            long before = start.ticksByThread.getOrDefault(thread, 0L);
            byGroup.merge(group(nameByThread.get(thread)), ticks >= before ? ticks - before : ticks, Long::sum);
        });
        long ended = processTicks - start.processTicks - byGroup.values().stream().mapToLong(Long::longValue).sum();
        if (ended > 0) {
            byGroup.put("threads ended in the phase", ended);
        }
        StringBuilder out = new StringBuilder();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(group -> group.getValue() > 0)
                .forEach(group -> out.append(out.isEmpty() ? "" : ", ")
                        .append(String.format("%s %.1f", group.getKey(), group.getValue() * ProcStat.NANOS_PER_TICK / 1e3 / events)));
        return out.toString();
    }
}
