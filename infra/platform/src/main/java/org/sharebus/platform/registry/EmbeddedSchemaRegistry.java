package org.sharebus.platform.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sharebus.topic.TopicCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's schema registry (内嵌模式注册中心): a Confluent-API-compatible registry
 * that runs in-process, keeps its subjects in the compacted {@code _schemas} topic of the broker it
 * is given, and checks compatibility with Avro's own {@code SchemaCompatibility}
 * (default {@code BACKWARD_TRANSITIVE}). The endpoints are listed on {@link RegistryHttpHandler}.
 *
 * <p>Because the subjects live in Kafka, ids are stable across restarts: a new instance on the same
 * broker reads the topic and answers with the same subjects, versions and ids, and hands out the
 * next id after the highest one in the topic. Records are in Confluent's own format, so a real
 * Confluent registry could take the topic over.
 *
 * <p><b>Single writer.</b> This registry assumes it is the only one writing to its topic. It does not
 * elect a leader or forward writes the way Confluent's registry does: two instances registering at
 * the same moment could hand out the same id to different schemas. Any number of instances may
 * read and follow the topic, but only one should accept registrations. That fits its one job, the
 * one-process embedded default; production uses a real Confluent-API registry (Confluent, Apicurio's
 * ccompat API, Karapace), which sharebus's client speaks to the same way.
 *
 * <p>Not offered: deleting subjects or versions, schema references, schema types other than Avro,
 * modes (READONLY/IMPORT), contexts, authentication.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    /** Enough for the gateway, the consumers and a build check at once; requests are short. */
    private static final int HTTP_THREADS = 4;

    private final String bootstrapServers;
    private final String host;
    private final int port;
    private SchemaLog schemaLog;
    private HttpServer server;
    private ExecutorService httpThreads;

    /**
     * @param bootstrapServers the broker that holds {@code _schemas}, e.g. {@code 127.0.0.1:9092}
     * @param host             the address to listen on, e.g. {@code 127.0.0.1}
     * @param port             the port to listen on; 0 takes any free port (see {@link #url()})
     */
    public EmbeddedSchemaRegistry(String bootstrapServers, String host, int port) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must name at least one broker, got '" + bootstrapServers + "'");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must name an address to listen on, e.g. 127.0.0.1, got '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        this.bootstrapServers = bootstrapServers;
        this.host = host;
        this.port = port;
    }

    /**
     * Creates {@code _schemas} if missing, reads it to its end, then serves HTTP. Returns when the
     * registry answers with everything the topic held.
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("the schema registry is already running at " + url());
        }
        RegistryState state = new RegistryState();
        try {
            schemaLog = new SchemaLog(bootstrapServers, TopicCatalogue.SCHEMAS, state);
            schemaLog.start();
            Registry registry = new Registry(state, schemaLog);
            registry.recordDefaultLevel();
            httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.createContext("/", new RegistryHttpHandler(registry));
            server.setExecutor(httpThreads);
            server.start();
        } catch (IOException | RuntimeException failed) {
            close();
            if (failed instanceof IOException io) {
                throw new UncheckedIOException("Could not listen on " + host + ":" + port + " for the schema registry", io);
            }
            throw (RuntimeException) failed;
        }
        log.info("Schema registry serving {} from {} on {}", url(), TopicCatalogue.SCHEMAS, bootstrapServers);
    }

    /** Where the registry answers, e.g. {@code http://127.0.0.1:8081}; the bound port when 0 was asked. */
    public synchronized String url() {
        if (server == null) {
            throw new IllegalStateException("the schema registry is not running; call start() first");
        }
        String address = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + address + ":" + server.getAddress().getPort();
    }

    /** Stops serving and lets go of the broker; the subjects stay in {@code _schemas}. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (httpThreads != null) {
            httpThreads.shutdown();
            try {
                httpThreads.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            httpThreads = null;
        }
        if (schemaLog != null) {
            schemaLog.close();
            schemaLog = null;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sharebus-schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
