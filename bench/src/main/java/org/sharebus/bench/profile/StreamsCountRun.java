package org.sharebus.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link StreamsCount} in a child JVM (same heap as the consumers application) from the first
 * offset under a fresh application id, until its group has committed the end offset of every
 * department partition: the rate any Kafka Streams topology can reach here, in the same run as
 * the raw consumer and the profile builder.
 */
final class StreamsCountRun {

    private static final String PREFIX = "sharebus-count-bench-";

    record Result(long events, double seconds, ProfileRun.Cpu cpu) {

        String report() {
            return String.format("Streams count (exactly-once, the ceiling): %,d events in %.1f s from first commit: %,.0f events/s%n"
                    + "  CPU per event %s", events, seconds, events / seconds, cpu.perEvent(events, "StreamsCount JVM"));
        }
    }

    private StreamsCountRun() {
    }

    static Result run(ProfileReplayBenchmark.Options options, String bootstrap, Admin admin, List<String> topics) throws Exception {
        Set<String> old = admin.listTopics().names().get().stream().filter(name -> name.startsWith(PREFIX)).collect(Collectors.toSet());
        if (!old.isEmpty()) {
            admin.deleteTopics(old).all().get();
        }
        String applicationId = PREFIX + System.currentTimeMillis();
        String output = applicationId + "-out";
        admin.createTopics(List.of(new NewTopic(output, options.partitions(), (short) 1))).all().get();
        Map<TopicPartition, Long> ends = ProfileReplayBenchmark.endOffsets(admin, topics);
        long records = ends.values().stream().mapToLong(Long::longValue).sum();
        Path state = options.workDir().resolve("count-state");
        Path logback = options.workDir().resolve("raw-logback.xml");
        Files.writeString(logback, "<configuration><root level=\"WARN\"/></configuration>");
        Path log = options.workDir().resolve(applicationId + ".log");
        List<String> command = new ArrayList<>(List.of(options.childJava(), "-Xmx" + options.childHeap(),
                "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
                StreamsCount.class.getName(), bootstrap, applicationId, state.toString(), output));
        command.addAll(topics);
        System.out.println("Count: " + String.join(" ", command).replace(System.getProperty("java.class.path"), "<class path>"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + options.timeout().toNanos();
            long firstCommitNanos = 0;
            long atFirstCommit = 0;
            ProfileRun.Cpu cpuAtFirstCommit = null;
            while (true) {
                if (!child.isAlive()) {
                    throw new IllegalStateException("StreamsCount exited with " + child.exitValue() + "; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("StreamsCount did not catch up within " + options.timeout() + "; see " + log);
                }
                long committed = ProfileRun.committed(admin, applicationId, ends);
                if (committed > 0 && firstCommitNanos == 0) {
                    firstCommitNanos = System.nanoTime();
                    atFirstCommit = committed;
                    cpuAtFirstCommit = ProfileRun.Cpu.now(child.toHandle());
                }
                if (committed == records) {
                    double seconds = (System.nanoTime() - firstCommitNanos) / 1e9;
                    return new Result(records - atFirstCommit, seconds, ProfileRun.Cpu.now(child.toHandle()).minus(cpuAtFirstCommit));
                }
                Thread.sleep(1000);
            }
        } finally {
            child.destroy();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            deleteRecursively(state);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
