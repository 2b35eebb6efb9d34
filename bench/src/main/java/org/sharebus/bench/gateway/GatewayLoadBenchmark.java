package org.sharebus.bench.gateway;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.GatewayApplication;
import org.sharebus.gateway.auth.DepartmentKeys;
import org.sharebus.gateway.publish.EventTypes;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway's speed, end to end, against Kafka's own producer on the same broker in the same run
 * (issue 3, "Speed"; results in docs/benchmarks.md).
 *
 * <ol>
 *   <li>one in-process broker; the gateway ({@link GatewayApplication}) on it, with its embedded
 *       PostgreSQL and schema registry, on a free port;</li>
 *   <li>a warm-up through the batch API, whose stored records give the average record size;</li>
 *   <li>{@code ProducerPerformance} with that record size, acks=all, idempotent: once to warm up, once measured;</li>
 *   <li>{@code clients} concurrent HTTP clients posting batches of {@code batch} valid events (every
 *       department in turn, all of its event types, fresh ids, a few thousand enterprises) until
 *       {@code events} events are published: events/s and time to receipt;</li>
 *   <li>the same clients posting single events ({@code POST /api/v1/events}): time to receipt of one event;</li>
 *   <li>a check that the broker holds exactly as many gateway records as were acknowledged.</li>
 * </ol>
 *
 * <p>Arguments, all optional: {@code --events 200000 --batch 500 --clients 8 --warmup-events 300000
 * --raw-warmup-records 1000000 --raw-records 1000000 --single-events 2000 --event-ids random}
 * ({@code time-ordered}: UUIDv7 ids, as departments are asked to send). Loopback only; every
 * loop is bounded. Besides rates and latencies it reports the CPU time per record and per event
 * (this JVM, plus the embedded PostgreSQL's processes; this JVM's by thread, {@link ThreadCpu}): on
 * a shared machine that holds still better than rates do.
 */
public final class GatewayLoadBenchmark {

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
    private static final String RAW_TOPIC = "bench.producer-performance";

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Department> departments = List.copyOf(TopicCatalogue.publishingDepartments());
    private String baseUrl;
    private PostgresServer postgres;
    private EventBodies bodies;
    private ExecutorService clientThreads;

    private GatewayLoadBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        int status;
        try {
            new GatewayLoadBenchmark(parse(args)).run();
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // The gateway's and the HTTP client's threads would keep the JVM alive.
        System.exit(status);
    }

    private void run() throws Exception {
        long events = option("events", 200_000);
        int batch = (int) option("batch", 500);
        int clients = (int) option("clients", 8);
        long warmup = option("warmup-events", 300_000);
        long rawRecords = option("raw-records", 1_000_000);
        long rawWarmup = option("raw-warmup-records", 1_000_000);
        long singles = option("single-events", 2_000);
        boolean timeOrderedIds = switch (options.getOrDefault("event-ids", "random")) {
            case "random" -> false;
            case "time-ordered" -> true;
            default -> throw new IllegalArgumentException("--event-ids is random (UUIDv4) or time-ordered (UUIDv7)");
        };
        String loadBefore = loadAverage();

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startOnAnyPort()) {
            ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
                    .properties("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "sharebus.embedded.registry-port=0",
                            "spring.jmx.enabled=false", "server.shutdown=immediate", "logging.level.root=WARN",
                            "logging.level.org.sharebus=WARN",
                            // The benchmark's class path holds every module, the staff pages' Spring Security with them;
                            // the gateway deployed alone has none, and Boot's default would answer every request 401.
                            "spring.autoconfigure.exclude=" + String.join(",",
                                    "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
                                    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
                                    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                                    "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
                                    "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"),
                            // Leadership of the just-created topics settles during the warm-up: its retries are not news.
                            "logging.level.org.apache.kafka.clients=ERROR")
                    // An argument, not a default property: application.yml's server.port outranks defaults.
                    .run("--server.port=0");
            try {
                baseUrl = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
                bodies = new EventBodies(gateway.getBean(EventTypes.class), departments, 5_000, timeOrderedIds);

                postgres = postgresServer(gateway.getBean(DataSource.class));
                int partitions = createRawTopic(broker.bootstrapServers());
                Phase warm = batches(warmup, batch, clients);
                RecordSize size = recordSize(broker.bootstrapServers());
                if (rawWarmup > 0) {
                    // The raw producer's code is compiled by then too: both rates are of warm code.
                    RawProducer.run(broker.bootstrapServers(), RAW_TOPIC, rawWarmup, size.total());
                }
                Cpu rawStart = Cpu.now(postgres);
                ThreadCpu rawThreadsStart = ThreadCpu.now();
                RawProducer.Result raw = RawProducer.run(broker.bootstrapServers(), RAW_TOPIC, rawRecords, size.total());
                String rawByThread = ThreadCpu.now().perEventSince(rawThreadsStart, raw.records());
                Cpu rawCpu = Cpu.now(postgres).minus(rawStart);
                Cpu gatewayStart = Cpu.now(postgres);
                ThreadCpu threadsStart = ThreadCpu.now();
                Phase measured = batches(events, batch, clients);
                String byThread = ThreadCpu.now().perEventSince(threadsStart, measured.events());
                Cpu gatewayCpu = Cpu.now(postgres).minus(gatewayStart);
                Phase single = singles(singles, clients);
                long stored = storedGatewayRecords(broker.bootstrapServers());
                long acknowledged = warm.events() + measured.events() + single.events();
                String loadAfter = loadAverage();

                report(batch, clients, warm, rawWarmup, size, partitions, raw, rawCpu, rawByThread, measured, gatewayCpu, byThread,
                        single, stored, acknowledged, loadBefore, loadAfter);
                if (stored != acknowledged) {
                    throw new IllegalStateException("the broker holds " + stored + " gateway records, " + acknowledged + " were acknowledged");
                }
            } finally {
                gateway.close();
            }
        }
    }

    /** Posts batches of {@code batch} events from {@code clients} threads until {@code events} have been sent. */
    private Phase batches(long events, int batch, int clients) throws Exception {
        int count = (int) Math.max(1, events / batch);
        long[] latencies = new long[count];
        AtomicLong next = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        long start = System.nanoTime();
        runClients(clients, () -> {
            for (long b = next.getAndIncrement(); b < count; b = next.getAndIncrement()) {
                Department department = departments.get((int) (b % departments.size()));
                String body = bodies.batch(department, batch);
                long sent = System.nanoTime();
                HttpResponse<String> response = post("/api/v1/events/batch", department, body);
                latencies[(int) b] = System.nanoTime() - sent;
                Matcher matcher = ACCEPTED.matcher(response.body());
                if (response.statusCode() != 200 || !matcher.find() || Integer.parseInt(matcher.group(1)) != batch) {
                    throw new IllegalStateException("batch " + b + " of " + department + " not fully accepted: "
                            + response.statusCode() + " " + abbreviate(response.body()));
                }
                accepted.addAndGet(batch);
            }
            return null;
        });
        return new Phase(accepted.get(), System.nanoTime() - start, latencies, batch);
    }

    /** Posts {@code events} single events from {@code clients} threads. */
    private Phase singles(long events, int clients) throws Exception {
        long[] latencies = new long[(int) events];
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        runClients(clients, () -> {
            for (long i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                Department department = departments.get((int) (i % departments.size()));
                String body = bodies.single(department);
                long sent = System.nanoTime();
                HttpResponse<String> response = post("/api/v1/events", department, body);
                latencies[(int) i] = System.nanoTime() - sent;
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("event " + i + " of " + department + " not accepted: "
                            + response.statusCode() + " " + abbreviate(response.body()));
                }
            }
            return null;
        });
        return new Phase(events, System.nanoTime() - start, latencies, 1);
    }

    private void runClients(int clients, java.util.concurrent.Callable<Void> client) throws Exception {
        if (clientThreads == null) {
            // Named, and kept from phase to phase: ThreadCpu counts them as the clients, and a thread that ended
            // within a phase would only be in the process's total.
            AtomicLong next = new AtomicLong();
            clientThreads = Executors.newFixedThreadPool(clients, task -> {
                Thread thread = new Thread(task, "HttpClient-bench-" + next.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        List<Future<Void>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            running.add(clientThreads.submit(client));
        }
        for (Future<Void> future : running) {
            future.get();
        }
    }

    private HttpResponse<String> post(String path, Department department, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + DepartmentKeys.demoKey(department))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Average size of the gateway's stored records (value, key, headers), from up to 20,000 of them. */
    private RecordSize recordSize(String bootstrapServers) {
        long records = 0;
        long values = 0;
        long keys = 0;
        long headers = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            for (Department department : departments) {
                List<TopicPartition> partitions = partitions(consumer, TopicCatalogue.standard().department(department).name());
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long wanted = 20_000 / departments.size();
                long taken = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (taken < wanted && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                        && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        values += record.serializedValueSize();
                        keys += Math.max(0, record.serializedKeySize());
                        for (Header header : record.headers()) {
                            headers += header.key().getBytes(StandardCharsets.UTF_8).length + header.value().length;
                        }
                        taken++;
                    }
                }
                records += taken;
            }
        }
        if (records == 0) {
            throw new IllegalStateException("no gateway record to measure: did the warm-up publish nothing?");
        }
        return new RecordSize(records, (double) values / records, (double) keys / records, (double) headers / records);
    }

    /** The raw producer's topic, partitioned like a department topic. */
    private int createRawTopic(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            String department = TopicCatalogue.standard().department(departments.get(0)).name();
            int partitions = admin.describeTopics(List.of(department)).allTopicNames().get().get(department).partitions().size();
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, partitions, (short) 1))).all().get();
            awaitWritable(bootstrapServers, RAW_TOPIC, partitions);
            return partitions;
        }
    }

    /**
     * Writes one record to each partition and waits for the acks: a partition whose leadership has not
     * settled yet (on a loaded machine that took up to two minutes once) would otherwise stall the
     * raw producer's run and be counted against it.
     */
    private static void awaitWritable(String bootstrapServers, String topic, int partitions) throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "acks", "all", "enable.idempotence", "true",
                "delivery.timeout.ms", "300000", "request.timeout.ms", "30000");
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int partition = 0; partition < partitions; partition++) {
                acks.add(producer.send(new ProducerRecord<>(topic, partition, null, new byte[1])));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(5, TimeUnit.MINUTES);
            }
        }
        System.out.printf("%s writable on all %d partitions after %.1f s%n", topic, partitions, (System.nanoTime() - start) / 1e9);
    }

    private long storedGatewayRecords(String bootstrapServers) {
        long total = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            for (Department department : departments) {
                List<TopicPartition> partitions = partitions(consumer, TopicCatalogue.standard().department(department).name());
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
                for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(partitions).entrySet()) {
                    total += end.getValue() - begin.get(end.getKey());
                }
            }
        }
        return total;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("enable.auto.commit", "false");
        config.put("max.poll.records", "2000");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private void report(int batch, int clients, Phase warm, long rawWarmup, RecordSize size, int partitions, RawProducer.Result raw,
                        Cpu rawCpu, String rawByThread, Phase measured, Cpu gatewayCpu, String byThread, Phase single, long stored,
                        long acknowledged, String loadBefore, String loadAfter) {
        double ratio = measured.eventsPerSecond() / raw.recordsPerSecond();
        System.out.printf("""

                ==== Gateway load benchmark ====
                machine: %d cores, %s, Java %s, max heap %d MiB
                load average before: %s | after: %s
                topics: %d partitions each (5 department topics; %s for the raw producer), one in-process broker
                gateway records: %d B on average (value %.0f B, key %.0f B, headers %.0f B; %d records measured)
                warm-up: %d events in batches of %d, %.0f events/s; the raw producer %,d records

                ProducerPerformance (%s):
                  %,d records of %d B: %,.0f records/s (%.1f MB/s), latency avg %.1f ms, p50 %d ms, p95 %d ms, p99 %d ms
                  CPU per record: %.1f µs in this JVM (producer and broker)
                  this JVM's, by thread, µs per record: %s

                gateway, POST /api/v1/events/batch, %d clients, batches of %d:
                  %,d events in %.1f s: %,.0f events/s (%,.0f batches/s)
                  time to receipt per batch (every event of a batch gets its receipt with the batch's answer):
                    p50 %.1f ms, p99 %.1f ms, max %.1f ms
                  per event (batch time / batch size): p50 %.3f ms, p99 %.3f ms
                  gateway / raw producer: %.3f (goal: at least 0.5)
                  CPU per event: %.1f µs in this JVM (clients, gateway, broker) + %.1f µs PostgreSQL = %.1f µs; %.1f× the raw record's
                  this JVM's, by thread, µs per event: %s

                gateway, POST /api/v1/events, %d clients:
                  %,d events in %.1f s: %,.0f events/s; time to receipt p50 %.1f ms, p99 %.1f ms

                broker holds %d gateway records, %d acknowledged
                """,
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory() >> 20, loadBefore, loadAfter,
                partitions, RAW_TOPIC, size.total(), size.value(), size.key(), size.headers(), size.records(),
                warm.events(), batch, warm.eventsPerSecond(), rawWarmup,
                raw.arguments(), raw.records(), size.total(), raw.recordsPerSecond(), raw.megabytesPerSecond(), raw.avgMs(), raw.p50Ms(),
                raw.p95Ms(), raw.p99Ms(), rawCpu.jvmMicrosPer(raw.records()), rawByThread,
                clients, batch, measured.events(), measured.seconds(), measured.eventsPerSecond(), measured.eventsPerSecond() / batch,
                measured.percentileMs(50), measured.percentileMs(99), measured.percentileMs(100),
                measured.percentileMs(50) / batch, measured.percentileMs(99) / batch, ratio,
                gatewayCpu.jvmMicrosPer(measured.events()), gatewayCpu.postgresMicrosPer(measured.events()),
                gatewayCpu.totalMicrosPer(measured.events()),
                gatewayCpu.totalMicrosPer(measured.events()) / rawCpu.totalMicrosPer(raw.records()), byThread,
                clients, single.events(), single.seconds(), single.eventsPerSecond(), single.percentileMs(50), single.percentileMs(99),
                stored, acknowledged);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }

    private long option(String name, long defaultValue) {
        String value = options.get(name);
        return value == null ? defaultValue : Long.parseLong(value.replace("_", ""));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> known = List.of("events", "batch", "clients", "warmup-events", "raw-warmup-records", "raw-records",
                "single-events", "event-ids");
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : args[i];
            if (!known.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--events N] [--batch N] [--clients N] [--warmup-events N]"
                        + " [--raw-warmup-records N] [--raw-records N] [--single-events N] [--event-ids random|time-ordered]; got "
                        + Arrays.toString(args));
            }
            options.put(name, args[i + 1]);
        }
        return options;
    }

    /** The embedded PostgreSQL behind the gateway's data source. Null when it cannot be found; its CPU then counts as 0. */
    private static PostgresServer postgresServer(DataSource dataSource) throws Exception {
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        }
        Matcher port = Pattern.compile("//[^:/]+:(\\d+)/").matcher(url);
        if (!port.find()) {
            return null;
        }
        return PostgresServer.listeningOn(Integer.parseInt(port.group(1))).orElse(null);
    }

    /** CPU time used so far by this JVM and by the PostgreSQL server (postmaster and backends). */
    private record Cpu(long jvmNanos, long postgresNanos) {
        static Cpu now(PostgresServer postgres) {
            long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            return new Cpu(jvm, postgres == null ? 0 : postgres.cpuNanos());
        }

        Cpu minus(Cpu start) {
            return new Cpu(jvmNanos - start.jvmNanos, postgresNanos - start.postgresNanos);
        }

        double jvmMicrosPer(long count) {
            return jvmNanos / 1e3 / count;
        }

        double postgresMicrosPer(long count) {
            return postgresNanos / 1e3 / count;
        }

        double totalMicrosPer(long count) {
            return (jvmNanos + postgresNanos) / 1e3 / count;
        }
    }

    /** One phase's events, wall time and per-request latencies. */
    private record Phase(long events, long nanos, long[] latencies, int eventsPerRequest) {
        double seconds() {
            return nanos / 1e9;
        }

        double eventsPerSecond() {
            return events / seconds();
        }

        double percentileMs(double percentile) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int at = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(percentile / 100 * sorted.length) - 1));
            return sorted[at] / 1e6;
        }
    }

    /** Average bytes per stored gateway record. */
    private record RecordSize(long records, double value, double key, double headers) {
        int total() {
            return (int) Math.round(value + key + headers);
        }
    }
}
