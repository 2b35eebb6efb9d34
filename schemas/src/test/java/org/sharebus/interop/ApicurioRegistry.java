package org.sharebus.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Apicurio Registry 2.4.2 (in-memory storage) on a free loopback port, for the duration of
 * one test class: a schema registry that nobody on this team wrote, speaking the Confluent API
 * under {@code /apis/ccompat/v7}.
 *
 * <p>Use as {@code @RegisterExtension static final ApicurioRegistry APICURIO = new ApicurioRegistry();}.
 * The registry is the separate Maven project {@code infra/interop/apicurio-registry}; when its jar
 * is missing or older than its pom or configuration, it is built first (several minutes with an
 * empty {@code ~/.m2}, seconds otherwise), the build's output going to
 * {@code target/apicurio-build.log} and the registry's to {@code target/apicurio-registry.log} of the
 * module under test.
 */
public final class ApicurioRegistry implements BeforeAllCallback, AfterAllCallback {

    private static final String PROJECT_DIR = "infra/interop/apicurio-registry";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
    // About 2.5 s on an idle developer machine; a busy CI runner gets a wide margin.
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int LOG_TAIL_LINES = 40;

    private final Path logDir = Path.of("target").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Thread shutdownHook;
    private int port;

    /** Base URL of the Confluent-compatible API, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}. */
    public URI ccompatUrl() {
        return URI.create(rootUrl() + "/apis/ccompat/v7");
    }

    /** Base URL of the server itself, for Apicurio's own endpoints such as {@code /health/ready}. */
    public URI rootUrl() {
        if (process == null) {
            throw new IllegalStateException("Apicurio Registry is not running: register the extension with @RegisterExtension");
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path projectDir = repositoryRoot().resolve(PROJECT_DIR);
        Path jar = ensureBuilt(projectDir);
        start(jar);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start(Path jar) throws IOException, InterruptedException {
        port = freeLoopbackPort();
        Path log = logDir.resolve("apicurio-registry.log");
        Files.createDirectories(logDir);
        List<String> command = List.of(
                javaBinary(),
                // One class's worth of schemas: a small heap, and a quick start over peak speed.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-jar", jar.toString());
        process = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // Should the test JVM be stopped before afterAll runs, do not leave a server behind.
        shutdownHook = new Thread(this::destroyProcessTree, "apicurio-registry-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitReady(log);
    }

    private void awaitReady(Path log) throws InterruptedException {
        URI health = URI.create("http://127.0.0.1:" + port + "/health/ready");
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        String lastAnswer = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String tail = tail(log);
                process = null;
                throw new IllegalStateException("Apicurio Registry exited with code " + exitValueOf()
                        + " before it was ready on port " + port + "; last lines of " + log + ":\n" + tail);
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode() + " " + response.body();
            } catch (ConnectException notListeningYet) {
                lastAnswer = "connection refused";
            } catch (IOException e) {
                lastAnswer = e.toString();
            }
            Thread.sleep(200);
        }
        String tail = tail(log);
        stop();
        throw new IllegalStateException("Apicurio Registry was not ready within " + READY_TIMEOUT.toSeconds()
                + " s at " + health + " (last answer: " + lastAnswer + "); last lines of " + log + ":\n" + tail);
    }

    private String exitValueOf() {
        return process == null ? "?" : String.valueOf(process.exitValue());
    }

    private void stop() {
        if (process == null) {
            return;
        }
        destroyProcessTree();
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        process = null;
    }

    private void destroyProcessTree() {
        Process toStop = process;
        if (toStop == null) {
            return;
        }
        toStop.descendants().forEach(ProcessHandle::destroy);
        toStop.destroy();
        try {
            if (!toStop.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                toStop.descendants().forEach(ProcessHandle::destroyForcibly);
                toStop.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            toStop.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The jar, built first when it is missing or older than what it is built from. Serialised across
     * JVMs with a file lock, so that two forks never run the same Maven build into one target/.
     */
    private Path ensureBuilt(Path projectDir) throws IOException, InterruptedException {
        Path jar = projectDir.resolve("target/quarkus-app/quarkus-run.jar");
        Path lockFile = projectDir.resolve("target/.build.lock");
        Files.createDirectories(lockFile.getParent());
        synchronized (ApicurioRegistry.class) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (isStale(jar, projectDir)) {
                    build(projectDir);
                }
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Apicurio build succeeded but left no " + jar
                    + "; see " + logDir.resolve("apicurio-build.log"));
        }
        return jar;
    }

    private static boolean isStale(Path jar, Path projectDir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return true;
        }
        var builtAt = Files.getLastModifiedTime(jar);
        for (Path source : List.of(projectDir.resolve("pom.xml"),
                projectDir.resolve("src/main/resources/application.properties"))) {
            if (Files.getLastModifiedTime(source).compareTo(builtAt) > 0) {
                return true;
            }
        }
        return false;
    }

    private void build(Path projectDir) throws IOException, InterruptedException {
        Path log = logDir.resolve("apicurio-build.log");
        Files.createDirectories(logDir);
        List<String> command = List.of(
                mavenBinary(), "-B", "-ntp", "-q",
                "-s", projectDir.resolve("settings.xml").toString(),
                "-f", projectDir.resolve("pom.xml").toString(),
                "package");
        Process build = new ProcessBuilder(command)
                .directory(projectDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!build.waitFor(BUILD_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                build.descendants().forEach(ProcessHandle::destroyForcibly);
                build.destroyForcibly();
                throw new IllegalStateException("Building Apicurio Registry took longer than " + BUILD_TIMEOUT.toMinutes()
                        + " min (" + String.join(" ", command) + "); last lines of " + log + ":\n" + tail(log));
            }
        } catch (InterruptedException e) {
            build.descendants().forEach(ProcessHandle::destroyForcibly);
            build.destroyForcibly();
            throw e;
        }
        if (build.exitValue() != 0) {
            throw new IllegalStateException("Building Apicurio Registry failed with exit code " + build.exitValue()
                    + " (" + String.join(" ", command) + "); last lines of " + log + ":\n" + tail(log));
        }
    }

    /** The checkout's root: the first directory upwards from the working directory that holds infra/interop. */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("infra/interop"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No directory containing infra/interop found upwards from " + start);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String mavenBinary() {
        return System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "(no log written)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())));
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }
}
