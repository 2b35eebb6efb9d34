package org.sharebus.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted stand-in for a Confluent-API schema registry, on the JDK's HTTP server at
 * 127.0.0.1 and a free port: each test says what the registry answers to which request and then
 * looks at the requests it received. It stands in because the real embedded registry is being
 * written in parallel; the client's wire behaviour (paths, bodies, content types, status codes,
 * retries, time-outs) is what is under test here.
 */
public final class FakeConfluentRegistry implements AutoCloseable {

    /** A request as the registry received it. */
    public record Request(String method, String path, String query, String contentType, String body) {
    }

    private record Answer(int status, String body, Duration delay) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeConfluentRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // Many threads, so that concurrent and slow requests are really concurrent.
        server.setExecutor(executor);
        server.start();
    }

    public static FakeConfluentRegistry start() {
        try {
            return new FakeConfluentRegistry();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake registry", e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Answers {@code method path} with this status and JSON body. Several answers to the same
     * request are given in turn; the last is repeated.
     */
    public FakeConfluentRegistry answer(String method, String path, int status, String body) {
        return answerAfter(Duration.ZERO, method, path, status, body);
    }

    public FakeConfluentRegistry answerAfter(Duration delay, String method, String path, int status, String body) {
        answers.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).add(new Answer(status, body, delay));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            requests.add(new Request(method, uri.getRawPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Answer answer = next(method + " " + uri.getRawPath());
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis());
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer next(String key) {
        Deque<Answer> queue = answers.get(key);
        if (queue == null) {
            return new Answer(404, "{\"error_code\": 404, \"message\": \"HTTP 404 Not Found\"}", Duration.ZERO);
        }
        synchronized (queue) {
            return queue.size() > 1 ? queue.poll() : queue.peek();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
