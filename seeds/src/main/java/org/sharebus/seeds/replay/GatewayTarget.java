package org.sharebus.seeds.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.sharebus.event.common.Department;
import org.sharebus.seeds.generate.SeedEvent;
import org.sharebus.topic.TopicCatalogue;

/**
 * Publishes through the gateway's batch API ({@code POST /api/v1/events/batch}, a JSON array of up
 * to 1,000 events, {@code Authorization: Bearer <department key>}), each department with its own
 * key. A department's batches go one after another on one connection, in order, so an
 * enterprise's events reach its topic in the order they happened; the five departments send in
 * parallel. A batch is cut at {@code batchSize} events or before its body would pass 900 KiB
 * (the gateway takes at most 1 MiB).
 *
 * <p>The gateway answers each item: accepted or duplicate counts as acknowledged (after the
 * broker's ack, by the gateway's contract), refused as refused. An answer of 5xx or 429, or no
 * answer, is retried three times with back-off, then counted as failed.
 */
public final class GatewayTarget implements Target {

    public static final int MAX_BATCH = 1_000;
    private static final int MAX_BODY_BYTES = 900 * 1024;
    private static final int ATTEMPTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI batchUri;
    private final Map<Department, String> keys;
    private final int batchSize;
    private final ReplayStats stats;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<Department, Lane> lanes = new EnumMap<>(Department.class);

    public GatewayTarget(URI gatewayUrl, Map<Department, String> keys, int batchSize, ReplayStats stats) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be 1 to " + MAX_BATCH + ", got " + batchSize);
        }
        for (Department department : TopicCatalogue.publishingDepartments()) {
            if (keys.get(department) == null || keys.get(department).isBlank()) {
                throw new IllegalArgumentException("no API key for " + department + ": the keys file needs a line "
                        + department + "=<key> for every department (" + TopicCatalogue.publishingDepartments() + ")");
            }
        }
        String base = gatewayUrl.toString().replaceAll("/+$", "");
        this.batchUri = URI.create(base + "/api/v1/events/batch");
        this.keys = Map.copyOf(keys);
        this.batchSize = batchSize;
        this.stats = stats;
    }

    /** Reads department keys from a properties file: {@code MARKET=…}, {@code CUSTOMS=…}, names in any case. */
    public static Map<Department, String> readKeys(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API keys file " + file, e);
        }
        Map<Department, String> keys = new EnumMap<>(Department.class);
        for (String name : properties.stringPropertyNames()) {
            Department department;
            try {
                department = Department.valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the API keys file " + file + " names '" + name + "', which is not a department; use "
                        + TopicCatalogue.publishingDepartments(), e);
            }
            keys.put(department, properties.getProperty(name).strip());
        }
        return keys;
    }

    @Override
    public void send(SeedEvent event) {
        byte[] item;
        try {
            item = JSON.writeValueAsBytes(GatewayJson.of(event));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + event.header().getEventId() + " as JSON", e);
        }
        stats.sent(1);
        lanes.computeIfAbsent(event.department(), Lane::new).add(item);
    }

    @Override
    public void flush() {
        List<Future<?>> barriers = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            barriers.add(lane.flush());
        }
        for (Future<?> barrier : barriers) {
            try {
                barrier.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the gateway", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a batch could not be sent: " + e.getCause(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        flush();
        lanes.values().forEach(lane -> lane.executor.shutdown());
    }

    /** One department's queue: batches are sent one at a time, in order, at most two waiting. */
    private final class Lane {
        private final Department department;
        private final ExecutorService executor;
        private final Semaphore waiting = new Semaphore(2);
        private List<byte[]> items = new ArrayList<>();
        private int bytes;

        Lane(Department department) {
            this.department = department;
            this.executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "gateway-" + department.name().toLowerCase(Locale.ROOT));
                thread.setDaemon(true);
                return thread;
            });
        }

        void add(byte[] item) {
            if (!items.isEmpty() && (items.size() >= batchSize || bytes + item.length + 1 > MAX_BODY_BYTES)) {
                submit();
            }
            items.add(item);
            bytes += item.length + 1;
        }

        Future<?> flush() {
            if (!items.isEmpty()) {
                submit();
            }
            return executor.submit(() -> { });
        }

        private void submit() {
            List<byte[]> batch = items;
            items = new ArrayList<>();
            bytes = 0;
            try {
                waiting.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to send a " + department + " batch", e);
            }
            executor.submit(() -> {
                try {
                    post(department, batch);
                } finally {
                    waiting.release();
                }
            });
        }
    }

    private void post(Department department, List<byte[]> batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(batch.get(i));
        }
        body.write(']');
        HttpRequest request = HttpRequest.newBuilder(batchUri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + keys.get(department))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        String lastProblem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long started = System.nanoTime();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200 || status == 201) {
                    count(department, batch.size(), JSON.readTree(response.body()), System.nanoTime() - started);
                    return;
                }
                lastProblem = department + " batch: HTTP " + status + " " + problem(response.body());
                if (status < 500 && status != 429) {
                    stats.refused(batch.size(), lastProblem);
                    return;
                }
            } catch (IOException e) {
                lastProblem = department + " batch: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stats.failed(batch.size(), department + " batch: interrupted");
                return;
            }
            sleep(500L << (attempt - 1));
        }
        stats.failed(batch.size(), lastProblem + " (after " + ATTEMPTS + " attempts)");
    }

    /** Counts a batch answer: {@code {accepted, duplicates, refused, results: [{index, outcome, errors}]}}. */
    private void count(Department department, int size, JsonNode answer, long nanos) {
        long accepted = answer.path("accepted").asLong(0) + answer.path("duplicates").asLong(0);
        long refused = answer.path("refused").asLong(0);
        if (!answer.has("accepted") && !answer.has("refused")) {
            // Not the documented answer: count nothing as acknowledged that the gateway did not say it took.
            stats.failed(size, department + " batch: unexpected answer " + truncate(answer.toString()));
            return;
        }
        stats.acknowledged((int) accepted, nanos);
        if (refused > 0) {
            String reason = department + " batch: " + refused + " refused";
            for (JsonNode result : answer.path("results")) {
                if ("REFUSED".equals(result.path("outcome").asText()) && result.path("errors").size() > 0) {
                    JsonNode error = result.path("errors").get(0);
                    reason += ", e.g. item " + result.path("index").asInt() + " " + error.path("field").asText() + ": "
                            + error.path("message").asText();
                    break;
                }
            }
            stats.refused((int) refused, reason);
        }
        long unaccounted = size - accepted - refused;
        if (unaccounted > 0) {
            stats.failed((int) unaccounted, department + " batch: " + unaccounted + " items without a result");
        }
    }

    private static String problem(byte[] body) {
        try {
            JsonNode problem = JSON.readTree(body);
            String text = problem.path("title").asText("") + ": " + problem.path("detail").asText("");
            JsonNode errors = problem.path("errors");
            if (errors.size() > 0) {
                text += " (e.g. item " + errors.get(0).path("index").asInt() + " " + errors.get(0).path("field").asText() + ": "
                        + errors.get(0).path("message").asText() + ")";
            }
            return text;
        } catch (IOException e) {
            return truncate(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String truncate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
