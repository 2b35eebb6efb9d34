package org.sharebus.bench.gateway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.sharebus.gateway.publish.Receipt;
import org.sharebus.gateway.publish.ReceiptIndex;
import org.sharebus.gateway.publish.ReceiptIndex.Claim;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the gateway's idempotency index costs PostgreSQL per event, alone: the gateway's own
 * {@link ReceiptIndex} on an embedded PostgreSQL, each request doing what a batch request does
 * with it (under a claim key, claim the ids, then record the receipts as one batch), with no
 * HTTP, JSON or broker around it. Reports events/s and the CPU time per event of PostgreSQL (the
 * postmaster, its backends, and the backends it has reaped) and of this JVM.
 *
 * <p>Arguments, all optional: {@code --requests 800 --batch 500 --threads 8}.
 */
public final class ReceiptIndexBenchmark {

    private ReceiptIndexBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Long> options = options(args);
        int requests = options.getOrDefault("requests", 800L).intValue();
        int batch = options.getOrDefault("batch", 500L).intValue();
        int threads = options.getOrDefault("threads", 8L).intValue();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setMaximumPoolSize(threads);
            try (HikariDataSource dataSource = new HikariDataSource(config)) {
                JdbcTemplate jdbc = new JdbcTemplate(dataSource);
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/gateway").load().migrate();
                ReceiptIndex index = new ReceiptIndex(jdbc, Duration.ofSeconds(30));
                PostgresServer server = PostgresServer.listeningOn(postgres.getPort())
                        .orElseThrow(() -> new IllegalStateException("no postgres process listening on port " + postgres.getPort()));

                run(index, Math.max(threads, requests / 10), batch, threads); // warm-up
                long postgresBefore = server.cpuNanos();
                long jvmBefore = jvmCpu();
                long start = System.nanoTime();
                long events = run(index, requests, batch, threads);
                double seconds = (System.nanoTime() - start) / 1e9;
                double postgresMicros = (server.cpuNanos() - postgresBefore) / 1e3 / events;
                double jvmMicros = (jvmCpu() - jvmBefore) / 1e3 / events;
                System.out.printf("""
                        receipt index on PostgreSQL: %,d events in %d requests of %d, %d threads
                          %.1f s: %,.0f events/s
                          CPU per event: PostgreSQL %.1f µs, this JVM %.1f µs
                        %n""", events, requests, batch, threads, seconds, events / seconds, postgresMicros, jvmMicros);
            }
        }
    }

    /** {@code requests} requests of {@code batch} fresh events over {@code threads} threads; answers the events. */
    private static long run(ReceiptIndex index, int requests, int batch, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = requests / threads + (t < requests % threads ? 1 : 0);
                running.add(pool.submit(() -> {
                    for (int r = 0; r < share; r++) {
                        request(index, batch);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return (long) requests * batch;
    }

    /** As {@code PublishService} uses the index for a batch of new ids: under a claim key, claim them, then record the receipts. */
    private static void request(ReceiptIndex index, int batch) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Claim> claims = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            claims.add(new Claim(EventBodies.randomUuid(random), "MARKET", "AdministrativePenaltyDecided", digest,
                    "sharebus.market.events.v1", random.nextInt(12)));
        }
        Instant now = Instant.now();
        index.withClaimKey(claimer -> {
            if (index.claim(claimer, claims, now).size() != batch) {
                throw new IllegalStateException("a random event id was claimed twice");
            }
            List<Receipt> receipts = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                Claim claim = claims.get(i);
                // A random digest, as a stored value's is: a constant one would compress, and flatter the receipt batch.
                byte[] valueDigest = new byte[32];
                random.nextBytes(valueDigest);
                receipts.add(new Receipt(claim.eventId(), claim.eventType(), claim.department(), claim.topic(), claim.partition(), i, now,
                        HexFormat.of().formatHex(valueDigest)));
            }
            index.record(claimer, receipts);
            return null;
        });
    }

    private static long jvmCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<String, Long> options(String[] args) {
        Map<String, Long> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!List.of("requests", "batch", "threads").contains(name)) {
                throw new IllegalArgumentException("usage: [--requests N] [--batch N] [--threads N]; got " + String.join(" ", args));
            }
            options.put(name, Long.parseLong(args[i + 1].replace("_", "")));
        }
        return options;
    }
}
