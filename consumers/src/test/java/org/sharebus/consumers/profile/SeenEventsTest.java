package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeenEventsTest {

    private static final long RETENTION = Duration.ofDays(400).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long T = 1_780_000_000_000L;
    private static final UUID ID = UUID.fromString("0190f0a2-7c1e-7d3a-9b2f-3c4d5e6f7a8b");
    private static final String USCC = "91330109MA2B3C4D5E";

    @Test
    void shouldKnowAnIdWithinTheRetentionOnEitherSideOfItsRecordTime() {
        SeenEvents seen = SeenEvents.none();
        seen.add(ID, T, USCC);

        assertThat(seen.contains(ID, T + 3 * DAY, RETENTION)).isTrue();
        assertThat(seen.contains(ID, T + RETENTION, RETENTION)).isTrue();
        assertThat(seen.contains(ID, T - RETENTION, RETENTION)).isTrue();
        assertThat(seen.contains(ID, T + RETENTION + 1, RETENTION)).isFalse();
        assertThat(seen.contains(ID, T - RETENTION - 1, RETENTION)).isFalse();
        assertThat(seen.contains(UUID.fromString("0190f0a2-7c1e-7d3a-9b2f-3c4d5e6f7a8c"), T, RETENTION)).isFalse();
    }

    @Test
    void shouldReadBackTheIdsAndTimesItWroteInTwentyFourBytesEach() {
        SeenEvents seen = SeenEvents.none();
        UUID other = UUID.fromString("ffffffff-0000-4000-8000-000000000001");
        seen.add(ID, T, USCC);
        seen.add(other, T - 5 * DAY, USCC);

        byte[] stored = seen.encode(RETENTION);
        SeenEvents read = SeenEvents.decode(stored);

        assertThat(stored).hasSize(1 + 2 * 24);
        assertThat(read.size()).isEqualTo(2);
        assertThat(read.contains(ID, T, 0)).isTrue();
        assertThat(read.contains(other, T - 5 * DAY - RETENTION, RETENTION)).isTrue();
        assertThat(read.contains(other, T - 5 * DAY - RETENTION - 1, RETENTION)).isFalse();
    }

    @Test
    void shouldDropIdsOlderThanTheRetentionBeforeTheNewestWhenWritten() {
        SeenEvents seen = SeenEvents.none();
        UUID old = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID newest = UUID.randomUUID();
        seen.add(old, T, USCC);
        seen.add(kept, T + DAY, USCC);
        seen.add(newest, T + RETENTION + DAY, USCC);

        SeenEvents read = SeenEvents.decode(seen.encode(RETENTION));

        assertThat(read.size()).isEqualTo(2);
        assertThat(read.contains(old, T, RETENTION)).isFalse();
        assertThat(read.contains(kept, T + DAY, RETENTION)).isTrue();
        assertThat(read.contains(newest, T + RETENTION + DAY, RETENTION)).isTrue();
    }

    @Test
    void shouldNotKnowAnIdMoreThanTheRetentionBeforeTheNewestBeforeItIsDropped() {
        SeenEvents seen = SeenEvents.none();
        seen.add(ID, T, USCC);
        seen.add(UUID.randomUUID(), T + RETENTION + DAY, USCC);

        // its own time is within the retention of the resend's, but not of the enterprise's newest
        assertThat(seen.contains(ID, T + DAY, RETENTION)).isFalse();
        assertThat(seen.size()).as("not dropped until written").isEqualTo(2);
    }

    @Test
    void shouldKeepTheNewestIdsWhenAnEnterpriseHasMoreThanTheBoundWithinTheRetention() {
        SeenEvents seen = SeenEvents.none();
        int added = SeenEvents.MAX_IDS + SeenEvents.MAX_IDS / 4 + 1;
        UUID[] ids = new UUID[added];
        for (int i = 0; i < added - 1; i++) {
            ids[i] = new UUID(0, i);
            seen.add(ids[i], T + i, USCC);
        }
        // the most it ever writes, under Kafka's default limit of 1 MB for a record
        assertThat(seen.encode(RETENTION)).hasSize(1 + (added - 1) * 24).hasSizeLessThan(1_000_000);

        ids[added - 1] = new UUID(0, added - 1);
        seen.add(ids[added - 1], T + added - 1, USCC);

        assertThat(seen.size()).isEqualTo(SeenEvents.MAX_IDS);
        assertThat(seen.contains(ids[added - 1], T + added - 1, RETENTION)).isTrue();
        assertThat(seen.contains(ids[added - SeenEvents.MAX_IDS], T + added - SeenEvents.MAX_IDS, RETENTION)).isTrue();
        assertThat(seen.contains(ids[added - SeenEvents.MAX_IDS - 1], T + added - SeenEvents.MAX_IDS - 1, RETENTION)).isFalse();
    }

    @Test
    void shouldRefuseAValueItCannotRead() {
        assertThatThrownBy(() -> SeenEvents.decode(new byte[] {2})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in version 2; this build reads version 1");
        assertThatThrownBy(() -> SeenEvents.decode(new byte[] {1, 0, 0})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 bytes");
    }
}
