package org.sharebus.bench.gateway;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's own {@link ProducerPerformance}, run in this JVM against the benchmark's broker: the rate a
 * plain producer reaches with the same record size and the same settings as the gateway's producer
 * (acks=all, idempotent). Its summary line is read from what it prints.
 */
final class RawProducer {

    /** ProducerPerformance's closing line: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, ...". */
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency,"
                    + " (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private RawProducer() {
    }

    static Result run(String bootstrapServers, String topic, long records, int recordSize) throws Exception {
        String[] args = {"--topic", topic, "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all",
                "enable.idempotence=true"};
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
        try {
            ProducerPerformance.main(args);
        } finally {
            System.out.flush();
            System.setOut(console);
        }
        MatchResult last = null;
        Matcher matcher = SUMMARY.matcher(captured.toString(StandardCharsets.UTF_8));
        while (matcher.find()) {
            last = matcher.toMatchResult();
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary line; it printed:\n" + captured);
        }
        return new Result(Long.parseLong(last.group(1)), Double.parseDouble(last.group(2)), Double.parseDouble(last.group(3)),
                Double.parseDouble(last.group(4)), Integer.parseInt(last.group(6)), Integer.parseInt(last.group(7)),
                Integer.parseInt(last.group(8)), String.join(" ", args));
    }

    /**
     * @param p50Ms ProducerPerformance's latency is per record, send to ack
     */
    record Result(long records, double recordsPerSecond, double megabytesPerSecond, double avgMs, int p50Ms, int p95Ms, int p99Ms,
                  String arguments) {
    }

    /** Prints to the console and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
        }
    }
}
