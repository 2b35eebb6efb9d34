package org.sharebus.bench.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's own {@code ConsumerPerformance} over the department topics, in child JVMs on this
 * JVM's class path (its {@code main} exits the JVM on errors): the raw consumer baseline.
 */
final class RawConsumer {

    record Result(long records, double megabytes, double seconds, double recordsPerSecond, double megabytesPerSecond,
                  double fetchRecordsPerSecond) {
    }

    private RawConsumer() {
    }

    /**
     * Kafka 4.1's ConsumerPerformance reads one topic per run: one run per topic, added up. The
     * rate is all records over the sum of the runs' times (their rebalances included, as the
     * tool's own nMsg.sec does; each run's JVM start is not).
     */
    static Result run(String java, String bootstrap, List<String> topics, Map<String, Long> recordsByTopic, Path workDir)
            throws IOException, InterruptedException {
        // Without a configuration logback logs the consumer at DEBUG, which would slow the baseline.
        Path logback = workDir.resolve("raw-logback.xml");
        Files.writeString(logback, "<configuration><root level=\"WARN\"/></configuration>");
        long records = 0;
        double megabytes = 0;
        double seconds = 0;
        double fetchSeconds = 0;
        for (String topic : topics) {
            List<String> command = new ArrayList<>(List.of(java, "-Dlogback.configurationFile=" + logback,
                    "-cp", System.getProperty("java.class.path"),
                    "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap,
                    "--topic", topic, "--messages", Long.toString(recordsByTopic.get(topic)), "--timeout", "60000"));
            System.out.println("Raw: " + String.join(" ", command.subList(4, command.size())));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("ConsumerPerformance did not finish within 20 minutes");
            }
            // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
            String[] lines = output.strip().split("\n");
            String last = lines[lines.length - 1];
            String[] fields = last.split(",\\s*");
            if (process.exitValue() != 0 || fields.length < 10) {
                throw new IllegalStateException("ConsumerPerformance failed (exit " + process.exitValue() + "):\n" + output);
            }
            System.out.println("Raw " + topic + ": " + last);
            long consumed = Long.parseLong(fields[4]);
            records += consumed;
            megabytes += Double.parseDouble(fields[2]);
            seconds += consumed / Double.parseDouble(fields[5]);
            fetchSeconds += Double.parseDouble(fields[7]) / 1000;
        }
        return new Result(records, megabytes, seconds, records / seconds, megabytes / seconds, records / fetchSeconds);
    }
}
