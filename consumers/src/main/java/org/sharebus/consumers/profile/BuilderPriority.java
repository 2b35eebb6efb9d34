package org.sharebus.consumers.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
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
 * builder starts later inherit its nice value. Nice weighs threads within one control group:
 * against a broker or a database in containers of their own it changes nothing. Where this cannot
 * be done (not Linux, no {@code renice}) the builder runs at normal priority and says so once.
 */
final class BuilderPriority {

    private static final Logger log = LoggerFactory.getLogger(BuilderPriority.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    /** Each thread lowers itself once, however many tasks it initialises. */
    private static final ThreadLocal<Boolean> LOWERED = ThreadLocal.withInitial(() -> false);
    private static volatile boolean warned;

    private BuilderPriority() {
    }

    /**
     * Sets the calling thread's nice value to {@code nice} (1–19), once per thread; 0 leaves it
     * alone. Never throws: a builder at normal priority is slower to yield, not wrong.
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
            // The value without -n is absolute for util-linux and BusyBox alike; -n is an increment in BusyBox.
            Process renice = new ProcessBuilder("renice", Integer.toString(nice), "-p", Integer.toString(tid.getAsInt()))
                    .redirectErrorStream(true).start();
            // Its answer is one line, well within the pipe's buffer: wait first, then read.
            if (!renice.waitFor(10, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                warnOnce("renice did not finish in 10 s", null);
                return;
            }
            String output = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (renice.exitValue() != 0) {
                warnOnce("renice answered: " + output, null);
                return;
            }
            log.info("{} (Linux thread {}) runs at nice {}: queries go first when the cores are busy",
                    Thread.currentThread().getName(), tid.getAsInt(), currentNice().orElse(nice));
        } catch (IOException | RuntimeException e) {
            warnOnce(e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The calling thread's nice value, as Linux reports it; empty where there is no {@code /proc/thread-self}. */
    static OptionalInt currentNice() {
        try {
            // /proc/<pid>/task/<tid>/stat: "tid (comm) state ppid ...", nice the 19th field; comm may hold spaces and parentheses.
            String stat = Files.readString(THREAD_SELF.resolve("stat"), StandardCharsets.US_ASCII);
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
