package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The builder's thread lowers its own priority, once, and no other thread's; read back from Linux itself. */
class BuilderPriorityTest {

    @BeforeEach
    void onLinux() {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux only: nice values are read from /proc/thread-self");
        // A thread may lower its priority but not raise it back: from a JVM started under nice, 7 may be a raise.
        assumeTrue(BuilderPriority.currentNice().getAsInt() == 0, "the test JVM runs at normal priority");
    }

    @Test
    void shouldRunTheCallingThreadAtTheGivenNiceValueWhenLowered() throws Exception {
        assertThat(niceOfNewThreadLoweredTo(7)).hasValue(7);
    }

    @Test
    void shouldLowerOnceWhenCalledForEveryTaskOfTheThread() throws Exception {
        // Kafka Streams initialises the builder once per task, all on the same thread;
        // 3 then 7: a second call would be a lowering, which Linux allows any user
        assertThat(niceOfNewThreadLoweredTo(3, 7)).hasValue(3);
    }

    @Test
    void shouldLeaveTheThreadAtNormalPriorityWhenNiceIsZero() throws Exception {
        assertThat(niceOfNewThreadLoweredTo(0)).hasValue(0);
    }

    @Test
    void shouldRefuseANiceValueThatWouldRaiseTheBuilderOrThatLinuxHasNot() {
        assertThatThrownBy(() -> new ProfileSettings(null, 0, null, null, null, null, false, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sharebus.profile.builder-nice must be 0 to 19, got -1");
        assertThatThrownBy(() -> new ProfileSettings(null, 0, null, null, null, null, false, 20))
                .hasMessage("sharebus.profile.builder-nice must be 0 to 19, got 20");
        assertThat(ProfileSettings.defaults().builderNice()).isEqualTo(10);
    }

    @Test
    void shouldLowerTheJitCompilerThreadsWhenABuilderThreadIsLowered() throws Exception {
        niceOfNewThreadLoweredTo(7);

        // once per JVM, by whichever builder thread came first: lowered, whatever the value
        assertThat(BuilderPriority.compilerThreads()).isNotEmpty()
                .allSatisfy(tid -> assertThat(BuilderPriority.niceOf(tid).getAsInt()).as("nice of compiler thread %d", tid).isPositive());
    }

    @Test
    void shouldLeaveOtherThreadsAloneWhenOneIsLowered() throws Exception {
        OptionalInt before = BuilderPriority.currentNice();

        niceOfNewThreadLoweredTo(9);

        assertThat(BuilderPriority.currentNice()).isEqualTo(before);
    }

    /**
     * Asks a new thread to lower itself to each value in turn, as a builder thread would for each
     * task, and returns its nice value after. A new thread each time: a lowered thread stays
     * lowered, and the test's own must not be.
     */
    private static OptionalInt niceOfNewThreadLoweredTo(int... nices) throws InterruptedException {
        AtomicReference<OptionalInt> result = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            for (int nice : nices) {
                BuilderPriority.lowerCurrentThread(nice);
            }
            result.set(BuilderPriority.currentNice());
        }, "builder-priority-test");
        thread.start();
        thread.join();
        return result.get();
    }
}
