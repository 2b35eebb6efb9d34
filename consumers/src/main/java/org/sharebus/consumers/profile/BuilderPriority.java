package org.sharebus.consumers.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the CPU priority of the thread that builds profiles (raises its Linux nice value), so
 * that on busy cores the scheduler gives the query API's threads the larger share (it weighs a
 * thread at nice 10 about a tenth of one at nice 0) and a request waits less for a core. A
 * replay or a department's bulk import keeps a stream thread busy for minutes; at equal priority a
 * request for a profile waits behind it for its share of a core (docs/decisions.md, "The builder
 * yields the CPU to queries"). When the cores are not all busy nothing changes: the builder runs
 * as fast as before.
 *
 * <p>The JDK has no call for a thread's nice value (Java thread priorities are ignored on Linux
 * unless the JVM is started with extra flags), so the thread asks {@code renice} for its own Linux
 * thread id, read from {@code /proc/thread-self}. Any user may lower its own threads' priority;
 * raising it back needs privileges, which is why the builder never asks for it. Threads the
 * builder starts later inherit its nice value. The first builder thread lowers the JVM's JIT
 * compiler threads too: in a replay's first half minute they want a core as much as the builder
 * does. Nice weighs threads within one control group: against a broker or a database in
 * containers of their own it changes nothing. Where this cannot be done (not Linux, no
 * {@code renice}) the builder runs at normal priority and says so once.
 */
final class BuilderPriority {

    private static final Logger log = LoggerFactory.getLogger(BuilderPriority.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    /** Each thread lowers itself once, however many tasks it initialises. */
    private static final ThreadLocal<Boolean> LOWERED = ThreadLocal.withInitial(() -> false);
    private static final AtomicBoolean COMPILERS_LOWERED = new AtomicBoolean();
    private static volatile boolean warned;

    private BuilderPriority() {
    }

    /**
     * Sets the calling thread's nice value to {@code nice} (1–19), once per thread, and the JVM's
     * JIT compiler threads' once per JVM; 0 leaves them alone. Never throws: a builder at normal
     * priority is slower to yield, not wrong.
     */
    static void lowerCurrentThread(int nice) {
        if (nice == 0 || LOWERED.get()) {
            return;
        }
        LOWERED.set(true);
        try {
            OptionalInt tid = threadId();
            if (tid.isEmpty()) {
                warnOnce("there is no " + THREAD_SELF + " (not Linux, or a kernel older than 3.17)", null);
                return;
            }
            if (renice(nice, List.of(tid.getAsInt()))) {
                log.info("{} (Linux thread {}) runs at nice {}: queries go first when the cores are busy",
                        Thread.currentThread().getName(), tid.getAsInt(), currentNice().orElse(nice));
                lowerCompilerThreads(nice);
            }
        } catch (IOException | RuntimeException e) {
            warnOnce(e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The JIT compiles for a core's worth of time in a replay's first half minute (C2 took 15 s of
     * CPU between 15 and 45 s after start, docs/benchmarks.md, "Results, 2026-11-29"), and at
     * normal priority the requests wait behind it as they did behind the builder.
     */
    private static void lowerCompilerThreads(int nice) throws IOException, InterruptedException {
        if (!COMPILERS_LOWERED.compareAndSet(false, true)) {
            return;
        }
        List<Integer> compilers = compilerThreads();
        if (!compilers.isEmpty() && renice(nice, compilers)) {
            log.info("The JIT compiler threads (Linux threads {}) run at nice {} too", compilers, nice);
        }
    }

    /** HotSpot names them "C1 CompilerThread0", "C2 CompilerThread0", …; Linux keeps 15 characters. */
    static List<Integer> compilerThreads() throws IOException {
        List<Integer> compilers = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).matches("C[12] CompilerThre\\w*\\s*")) {
                        compilers.add(Integer.parseInt(task.getFileName().toString()));
                    }
                } catch (NoSuchFileException ended) {
                    // a thread that ended while we looked
                }
            }
        }
        return compilers;
    }

    private static boolean renice(int nice, List<Integer> tids) throws IOException, InterruptedException {
        // The value without -n is absolute for util-linux and BusyBox alike; -n is an increment in BusyBox.
        List<String> command = new ArrayList<>(List.of("renice", Integer.toString(nice), "-p"));
        tids.forEach(tid -> command.add(Integer.toString(tid)));
        Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Its answer is a line per thread, well within the pipe's buffer: wait first, then read.
        if (!renice.waitFor(10, TimeUnit.SECONDS)) {
            renice.destroyForcibly();
            warnOnce("renice did not finish in 10 s", null);
            return false;
        }
        String output = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (renice.exitValue() != 0) {
            warnOnce("renice answered: " + output, null);
            return false;
        }
        return true;
    }

    /** The calling thread's nice value, as Linux reports it; empty where there is no {@code /proc/thread-self}. */
    static OptionalInt currentNice() {
        return niceOf(THREAD_SELF);
    }

    /** The nice value of the JVM's thread with Linux id {@code tid}. */
    static OptionalInt niceOf(int tid) {
        return niceOf(Path.of("/proc/self/task", Integer.toString(tid)));
    }

    private static OptionalInt niceOf(Path task) {
        try {
            // <task>/stat: "tid (comm) state ppid ...", nice the 19th field; comm may hold spaces and parentheses.
            String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(after[16]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static OptionalInt threadId() throws IOException {
        if (!Files.exists(THREAD_SELF)) {
            return OptionalInt.empty();
        }
        // A link to <pid>/task/<tid>.
        return OptionalInt.of(Integer.parseInt(Files.readSymbolicLink(THREAD_SELF).getFileName().toString()));
    }

    private static void warnOnce(String why, Exception e) {
        if (!warned) {
            warned = true;
            log.warn("The profile builder runs at normal CPU priority ({}); queries may wait behind a replay on busy cores."
                    + " Set sharebus.profile.builder-nice=0 to run it so without this warning", why, e);
        }
    }
}
