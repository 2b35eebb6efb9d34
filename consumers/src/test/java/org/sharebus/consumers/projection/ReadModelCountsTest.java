package org.sharebus.consumers.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadModelCountsTest {

    @Test
    void shouldAnswerTheLastCountsWithoutWaitingForADatabaseThatDoesNotAnswer() throws Exception {
        // given counts read once (7), then a database that hangs on the next read, as PostgreSQL down makes the pool wait 30 s
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        MutableClock clock = new MutableClock();
        ReadModelCounts<Integer> counts = new ReadModelCounts<>("test", () -> {
            if (reads.incrementAndGet() > 1) {
                await(release);
                return 8;
            }
            return 7;
        }, 0, Duration.ofSeconds(15), Duration.ofMillis(200), clock);
        assertThat(counts.get()).isEqualTo(7);

        // when the refresh interval has passed and ten scrapes ask one after the other
        clock.now = clock.now.plusSeconds(16);
        for (int scrape = 0; scrape < 10; scrape++) {
            // then each answers the last counts, and only one read is under way (not one per scrape)
            assertThat(counts.get()).isEqualTo(7);
        }
        assertThat(reads).hasValue(2);

        // and once the database answers, the counts it read are shown
        release.countDown();
        for (int i = 0; i < 100 && counts.get() != 8; i++) {
            Thread.sleep(20);
        }
        assertThat(counts.get()).isEqualTo(8);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-30T06:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
