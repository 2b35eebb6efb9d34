package org.sharebus.bench.profile;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.sharebus.consumers.projection.ProjectionContainers;
import org.sharebus.event.common.Department;
import org.sharebus.platform.auth.DepartmentKeyTable;
import org.sharebus.topic.TopicCatalogue;

/**
 * The consumers application in a child JVM ({@code -Xmx} and the collector as given, ZGC by default
 * as deployed; exactly-once from the shared defaults) building every profile from the first offset under a fresh application id, until its
 * consumer group has committed the end offset of every department partition. Meanwhile: the
 * committed offsets once a second, the child's heap (its actuator) every five seconds, and one
 * thread asking for random known profiles.
 */
final class ProfileRun {

    private static final Pattern PORT = Pattern.compile("started on port[s]?\\D*(\\d+)");
    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");
    private static final String APPLICATION_ID_PREFIX = "sharebus-profile-bench-";

    private final ProfileReplayBenchmark.Options options;
    private final String bootstrap;
    private final String registryUrl;
    private final Admin admin;
    private final List<String> topics;
    private final List<String> usccs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Set before the child is stopped: its output ending then is expected. */
    private volatile boolean stopping;

    ProfileRun(ProfileReplayBenchmark.Options options, String bootstrap, String registryUrl, Admin admin,
               List<String> topics, List<String> usccs) {
        this.options = options;
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.admin = admin;
        this.topics = topics;
        this.usccs = usccs;
    }

    record Result(long records, double secondsFromLaunch, double secondsFromFirstCommit, long recordsAtFirstCommit,
                  double startupSeconds, long maxHeapUsed, long maxLiveData, Probe probe, String childLog, Cpu cpu,
                  Path accessLogs) {

        double eventsPerSecond() {
            return (records - recordsAtFirstCommit) / secondsFromFirstCommit;
        }

        String report() {
            return String.format("""
                    Profile: %,d events consumed (lag 0 on every department partition)
                      from child launch  %.1f s (%,.0f events/s, web server up after %.1f s)
                      from first commit  %.1f s for %,d events: %,.0f events/s
                      child heap used    max %,d MiB sampled; live data after GC max %,d MiB
                      CPU per event      %s (from first commit to lag 0)
                      GET /api/v1/enterprises/{uscc} during the replay: %s
                        the service's own time (Tomcat's access log, request read to answer sent), answers of a ready instance: %s
                      child log          %s""",
                    records, secondsFromLaunch, records / secondsFromLaunch, startupSeconds,
                    secondsFromFirstCommit, records - recordsAtFirstCommit, eventsPerSecond(),
                    maxHeapUsed >> 20, maxLiveData >> 20, cpu.perEvent(records - recordsAtFirstCommit, "consumers JVM"), probe.summary(),
                    serviceTimes(accessLogs), childLog);
        }
    }

    /**
     * The probe's requests as the child's Tomcat timed them ({@code %D}, microseconds from reading the
     * request to sending the answer), 200 and 404 only: an instance answering them is ready. The
     * probe's clients run in this JVM beside the broker, so their times include their own threads'
     * waits for a core here; these are the service's alone. Read after the child has stopped, which
     * flushes the log.
     */
    static String serviceTimes(Path accessLogs) {
        List<Long> nanos = new ArrayList<>();
        try (var files = Files.list(accessLogs)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] fields = line.split(" ");
                    if (fields.length == 3 && fields[0].startsWith("/api/v1/enterprises/") && (fields[1].equals("200") || fields[1].equals("404"))) {
                        nanos.add(Long.parseLong(fields[2]) * 1000);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return "not read (" + e + ")";
        }
        if (nanos.isEmpty()) {
            return "none logged";
        }
        nanos.sort(null);
        return String.format("%,d, p50 %.1f ms, p99 %.1f ms, max %.1f ms, over 20 ms: %d", nanos.size(), Probe.percentile(nanos, 0.50),
                Probe.percentile(nanos, 0.99), Probe.percentile(nanos, 1.0), nanos.stream().filter(ns -> ns > 20_000_000).count());
    }

    /**
     * This JVM's class path with the consumers' own code first: the gateway's {@code application.yml}
     * is on it too, and the first one found is the one read (application name, Flyway's schema).
     */
    private static String consumersFirst() throws java.net.URISyntaxException {
        String consumers = Path.of(org.sharebus.consumers.ConsumersApplication.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        return consumers + java.io.File.pathSeparator + System.getProperty("java.class.path");
    }

    Result run() throws Exception {
        deletePreviousRuns();
        String applicationId = APPLICATION_ID_PREFIX + System.currentTimeMillis();
        Map<TopicPartition, Long> ends = ProfileReplayBenchmark.endOffsets(admin, topics);
        long records = ends.values().stream().mapToLong(Long::longValue).sum();
        Path log = options.workDir().resolve(applicationId + ".log");
        Path accessLogs = options.workDir().resolve(applicationId + "-access");
        List<String> command = new ArrayList<>(List.of(options.childJava(), "-Xmx" + options.childHeap(), "-XX:+Use" + options.childGc()));
        command.addAll(options.childJvmOptions());
        String classPath = consumersFirst();
        command.addAll(List.of("-cp", classPath, "org.sharebus.consumers.ConsumersApplication",
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--sharebus.registry.url=" + registryUrl,
                "--sharebus.topics.department-partitions=" + options.partitions(),
                "--sharebus.profile.advertised-host=127.0.0.1",
                "--spring.kafka.streams.application-id=" + applicationId,
                // Each request's own time, for serviceTimes: Tomcat's access log, buffered (written in the background).
                "--server.tomcat.accesslog.enabled=true",
                "--server.tomcat.accesslog.directory=" + accessLogs,
                "--server.tomcat.accesslog.pattern=%U %s %D"));
        command.addAll(options.childArgs());
        System.out.println("Profile: " + String.join(" ", command).replace(classPath, "<class path>"));
        long launched = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        AtomicInteger port = new AtomicInteger();
        Thread logger = daemon("child-log", () -> copyLog(child, log, port));
        Probe probe = new Probe();
        Thread prober = null;
        try {
            long startupNanos = 0;
            long firstCommitNanos = 0;
            Cpu cpuAtFirstCommit = null;
            long recordsAtFirstCommit = 0;
            long maxHeap = 0;
            long maxLive = 0;
            long lastPrint = launched;
            long lastHeapSample = launched - 5_000_000_000L;
            long deadline = launched + options.timeout().toNanos();
            while (true) {
                if (!child.isAlive()) {
                    throw new IllegalStateException("the consumers application exited with " + child.exitValue() + "; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the profile builder did not catch up within " + options.timeout() + "; see " + log);
                }
                if (prober == null && port.get() > 0) {
                    startupNanos = System.nanoTime() - launched;
                    String base = "http://127.0.0.1:" + port.get();
                    prober = daemon("rest-probe", () -> probe.run(http, base, usccs, options.probeIntervalMs()));
                }
                long committed = committed(admin, applicationId, ends);
                if (committed > 0 && firstCommitNanos == 0) {
                    firstCommitNanos = System.nanoTime();
                    recordsAtFirstCommit = committed;
                    cpuAtFirstCommit = Cpu.now(child.toHandle());
                }
                if (prober != null && Double.isNaN(probe.secondsToReady()) && ready(port.get())) {
                    probe.ready();
                }
                // Every five seconds, not every second: each sample searches Micrometer's thousands of meters (the Kafka
                // clients' among them), which was a tenth of the request threads' CPU in a JFR recording, beside the probe.
                if (port.get() > 0 && System.nanoTime() - lastHeapSample >= 5_000_000_000L) {
                    lastHeapSample = System.nanoTime();
                    maxHeap = Math.max(maxHeap, metric(port.get(), "jvm.memory.used?tag=area:heap"));
                    maxLive = Math.max(maxLive, metric(port.get(), "jvm.gc.live.data.size"));
                }
                if (System.nanoTime() - lastPrint >= 10_000_000_000L) {
                    lastPrint = System.nanoTime();
                    System.out.printf("  profile: %.0f s, %,d of %,d committed, heap max %,d MiB, load average %s%n",
                            (lastPrint - launched) / 1e9, committed, records, maxHeap >> 20, ProfileReplayBenchmark.loadAverage());
                }
                if (committed == records) {
                    long done = System.nanoTime();
                    probe.stop();
                    prober.join(10_000);
                    Cpu cpu = Cpu.now(child.toHandle()).minus(cpuAtFirstCommit);
                    return new Result(records, (done - launched) / 1e9, (done - firstCommitNanos) / 1e9, recordsAtFirstCommit,
                            startupNanos / 1e9, maxHeap, maxLive, probe, log.toString(), cpu, accessLogs);
                }
                Thread.sleep(1000);
            }
        } finally {
            probe.stop();
            stopping = true;
            child.destroy();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            logger.join(5_000);
        }
    }

    /** Committed offsets of the group on the department partitions, capped at the end offsets counted at start. */
    static long committed(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = offsets.get(end.getKey());
            if (offset != null) {
                sum += Math.min(offset.offset(), end.getValue());
            }
        }
        return sum;
    }

    /** Whether the readiness group answers UP (it includes Kafka Streams running): when a load balancer would send requests. */
    private boolean ready(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private long metric(int port, String name) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/metrics/" + name))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher matcher = VALUE.matcher(response.body());
            return response.statusCode() == 200 && matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * A run that was killed leaves its members in the broker's groups until their sessions expire
     * (45 s by default): the group is not empty until then, so its deletion is retried for a while.
     */
    private void deleteGroup(String group) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                    return;
                }
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupNotEmptyException) || System.nanoTime() > deadline) {
                    throw e;
                }
                System.out.println("Group " + group + " still has a member of an earlier run; waiting for its session to expire");
                Thread.sleep(5_000);
            }
        }
    }

    /**
     * Earlier runs on the same data directory leave their internal topics (their changelogs are the
     * size of the profiles), the profiles and notices they wrote, and the projections' committed
     * offsets in those: a run would otherwise start its projections on the last run's leftovers,
     * against its own empty PostgreSQL. Each run starts from the department topics alone.
     */
    private void deletePreviousRuns() throws Exception {
        Set<String> old = admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(APPLICATION_ID_PREFIX) || OUTPUTS.contains(name)).collect(Collectors.toSet());
        if (!old.isEmpty()) {
            admin.deleteTopics(old).all().get();
        }
        for (String group : PROJECTION_GROUPS) {
            deleteGroup(group);
        }
        // Deletion is asynchronous: the consumers create the topics again at start, which fails while they are being deleted.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (admin.listTopics().names().get().stream().anyMatch(old::contains)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics of the previous run not deleted within 2 minutes: " + old);
            }
            Thread.sleep(500);
        }
    }

    /** What a run writes that the next must not read: the profiles and notices, with their dead-letter topics. */
    private static final Set<String> OUTPUTS = Set.of(TopicCatalogue.PROFILES, TopicCatalogue.PROFILES + TopicCatalogue.DEAD_LETTER_SUFFIX,
            TopicCatalogue.NOTICES, TopicCatalogue.NOTICES + TopicCatalogue.DEAD_LETTER_SUFFIX);
    private static final List<String> PROJECTION_GROUPS = List.of(ProjectionContainers.SEARCH_GROUP, ProjectionContainers.NOTICE_GROUP,
            ProjectionContainers.INSPECTION_GROUP, ProjectionContainers.DISCLOSURE_GROUP);

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void copyLog(Process child, Path log, AtomicInteger port) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (port.get() == 0) {
                    Matcher matcher = PORT.matcher(line);
                    if (matcher.find()) {
                        port.set(Integer.parseInt(matcher.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            // Process.destroy() closes the pipe under the reader: the expected end when the child was stopped.
            if (!stopping) {
                throw new java.io.UncheckedIOException("copying the consumers application's output to " + log, e);
            }
            System.out.println("Profile: the consumers application's output ended (" + e.getMessage() + ") as it was stopped");
        }
    }

    /**
     * One thread, one request at a time, a pause between requests; latencies by status. The
     * requests alternate between two clients: {@code java.net.http}'s (its selector thread hands
     * each answer to an executor thread, which wakes the caller: three wake-ups per request) and
     * a blocking {@link HttpURLConnection} on a kept-alive connection (one wake-up), so that what
     * the client's own threads add to the tail on two busy cores shows beside the service's time.
     */
    static final class Probe {

        // Market supervision's demo key: it sees the whole profile, the risk class included.
        private static final String AUTHORIZATION = "Bearer " + DepartmentKeyTable.demoKey(Department.MARKET);

        private final Map<Integer, List<Long>> nanosByStatus = new TreeMap<>();
        /** Answer times by minute of the probe's run: whether the tail is the JIT's warm-up or the steady state. */
        private final Map<Long, List<Long>> nanosByMinute = new TreeMap<>();
        /** By client ({@code java.net.http}, {@code blocking}): all, and those sent once the readiness check answered UP. */
        private final Map<String, List<Long>> nanosByClient = new TreeMap<>();
        private final Map<String, List<Long>> nanosByClientWhenReady = new TreeMap<>();
        /** Requests to a ready instance over the goal's 20 ms, counted by ten seconds since the probe began: spread out, or in bursts. */
        private final Map<Long, Integer> slowByTenSeconds = new TreeMap<>();
        private final long started = System.nanoTime();
        private volatile long readyAt;
        private volatile boolean stopped;
        private int errors;

        void run(HttpClient http, String base, List<String> usccs, int intervalMs) {
            SplittableRandom random = new SplittableRandom(42);
            boolean blocking = false;
            while (!stopped) {
                String uscc = usccs.get(random.nextInt(usccs.size()));
                blocking = !blocking;
                long start = System.nanoTime();
                try {
                    int status = blocking ? blockingGet(base, uscc) : httpClientGet(http, base, uscc);
                    long nanos = System.nanoTime() - start;
                    String client = blocking ? "blocking" : "java.net.http";
                    synchronized (this) {
                        nanosByStatus.computeIfAbsent(status, s -> new ArrayList<>()).add(nanos);
                        nanosByMinute.computeIfAbsent((start - started) / 60_000_000_000L, m -> new ArrayList<>()).add(nanos);
                        nanosByClient.computeIfAbsent(client, c -> new ArrayList<>()).add(nanos);
                        if (readyAt != 0 && start >= readyAt) {
                            nanosByClientWhenReady.computeIfAbsent(client, c -> new ArrayList<>()).add(nanos);
                            if (nanos > 20_000_000L) {
                                slowByTenSeconds.merge((start - started) / 10_000_000_000L, 1, Integer::sum);
                            }
                        }
                    }
                } catch (IOException e) {
                    synchronized (this) {
                        errors++;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                try {
                    Thread.sleep(intervalMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private static int httpClientGet(HttpClient http, String base, String uscc) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/enterprises/" + uscc))
                    .header("Authorization", AUTHORIZATION).timeout(Duration.ofSeconds(10)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        /** The body read to its end and the stream closed, so the JDK keeps the connection for the next request. */
        private static int blockingGet(String base, String uscc) throws IOException {
            HttpURLConnection connection = (HttpURLConnection) URI.create(base + "/api/v1/enterprises/" + uscc).toURL().openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(10_000);
            connection.setRequestProperty("Authorization", AUTHORIZATION);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.transferTo(OutputStream.nullOutputStream());
                }
            }
            return status;
        }

        /** From now on requests count as sent to a ready instance, as a load balancer would send them. */
        void ready() {
            readyAt = System.nanoTime();
        }

        double secondsToReady() {
            return readyAt == 0 ? Double.NaN : (readyAt - started) / 1e9;
        }

        void stop() {
            stopped = true;
        }

        synchronized String summary() {
            List<Long> all = nanosByStatus.values().stream().flatMap(List::stream).sorted().toList();
            StringBuilder text = new StringBuilder(String.format("%,d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms; connection errors %d",
                    all.size(), percentile(all, 0.50), percentile(all, 0.99), percentile(all, 1.0), errors));
            nanosByStatus.forEach((status, nanos) -> {
                List<Long> sorted = nanos.stream().sorted().toList();
                text.append(String.format("; %d: %,d (p50 %.1f ms, p99 %.1f ms)", status, sorted.size(),
                        percentile(sorted, 0.50), percentile(sorted, 0.99)));
            });
            text.append(System.lineSeparator()).append("    p99 by minute of the replay:");
            nanosByMinute.forEach((minute, nanos) -> text.append(String.format(" %d: %.1f ms", minute + 1,
                    percentile(nanos.stream().sorted().toList(), 0.99))));
            List<Long> afterTwo = nanosByMinute.entrySet().stream().filter(e -> e.getKey() >= 2)
                    .flatMap(e -> e.getValue().stream()).sorted().toList();
            text.append(String.format("%n    after the first two minutes: %,d requests, p50 %.1f ms, p99 %.1f ms",
                    afterTwo.size(), percentile(afterTwo, 0.50), percentile(afterTwo, 0.99)));
            nanosByClient.forEach((client, nanos) -> {
                List<Long> sorted = nanos.stream().sorted().toList();
                List<Long> ready = nanosByClientWhenReady.getOrDefault(client, List.of()).stream().sorted().toList();
                text.append(String.format("%n    client %s: %,d requests, p50 %.1f ms, p99 %.1f ms; sent when ready (%.1f s after the"
                                + " web server was up): %,d, p50 %.1f ms, p99 %.1f ms", client, sorted.size(), percentile(sorted, 0.50),
                        percentile(sorted, 0.99), secondsToReady(), ready.size(), percentile(ready, 0.50), percentile(ready, 0.99)));
            });
            text.append(String.format("%n    requests to a ready instance over 20 ms, by 10 s since the web server was up:"));
            slowByTenSeconds.forEach((tens, count) -> text.append(String.format(" %d–%d s: %d", tens * 10, tens * 10 + 10, count)));
            return text.toString();
        }

        private static double percentile(List<Long> sorted, double p) {
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
        }
    }

    /**
     * CPU time used so far: the consumers JVM, the embedded PostgreSQL it started, and this JVM (the broker, the registry and the REST probe). On a shared machine the CPU per
     * event holds still where the rate moves with the other processes' load.
     */
    record Cpu(long childNanos, long postgresNanos, long benchNanos) {

        static Cpu now(ProcessHandle child) {
            // zonky's pg_ctl detaches the server from the JVM, so its processes are found by name and start time.
            Instant launched = child.info().startInstant().orElse(Instant.EPOCH);
            long postgres = ProcessHandle.allProcesses()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                    .filter(p -> p.info().startInstant().map(t -> !t.isBefore(launched)).orElse(false))
                    .mapToLong(Cpu::cpuNanos).sum();
            long bench = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            return new Cpu(cpuNanos(child), postgres, bench);
        }

        private static long cpuNanos(ProcessHandle process) {
            return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        Cpu minus(Cpu start) {
            return new Cpu(childNanos - start.childNanos, postgresNanos - start.postgresNanos, benchNanos - start.benchNanos);
        }

        String perEvent(long events, String child) {
            double own = childNanos / 1e3 / events;
            double postgres = postgresNanos / 1e3 / events;
            double bench = benchNanos / 1e3 / events;
            return String.format("%.1f µs: %s %.1f + its PostgreSQL %.1f + broker JVM (with registry and probe) %.1f",
                    own + postgres + bench, child, own, postgres, bench);
        }
    }
}
