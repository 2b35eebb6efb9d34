package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** What the profile builder does when its stream thread fails: ride out an outage, stop on a bug. */
class BuilderOutageTest {

    @Test
    void shouldReplaceTheThreadWhenBrokersDidNotAnswerInTimeAndStopOnAnythingElse() {
        // given what a broker outage of minutes throws: the producer refusing to go on after a timed-out commit, and a timeout
        IllegalStateException unusable = new IllegalStateException(
                "Cannot attempt operation `sendOffsetsToTransaction` because the previous call to `commitTransaction` timed out and must be retried");
        unusable.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.apache.kafka.clients.producer.internals.TransactionManager",
                "maybeFailWithError", "TransactionManager.java", 1)});
        StreamsException wrapped = new StreamsException("task [0_3] failed", unusable);
        TimeoutException timeout = new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(true)");

        // then both replace the thread; a bug of ours (an IllegalStateException thrown elsewhere, a NullPointerException) stops the client
        assertThat(ProfileStreamsConfiguration.onUncaught(wrapped)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(ProfileStreamsConfiguration.onUncaught(new StreamsException(timeout))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(ProfileStreamsConfiguration.onUncaught(new StreamsException(new IllegalStateException("the profile timed out"))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(ProfileStreamsConfiguration.onUncaught(new StreamsException(new NullPointerException())))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }
}
