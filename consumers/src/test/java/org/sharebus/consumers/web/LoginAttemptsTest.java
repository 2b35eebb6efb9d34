package org.sharebus.consumers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoginAttemptsTest {

    private final MutableClock clock = new MutableClock();
    private final LoginAttempts attempts = new LoginAttempts(3, Duration.ofMinutes(15), Set.of("tax-staff", "market-staff")::contains, clock);

    @Test
    void shouldLockOnlyAtTheLimitAndOnlyThatLogin() {
        // when two wrong passwords, then a third
        wrongPassword("tax-staff");
        wrongPassword("tax-staff");
        boolean lockedBeforeLimit = attempts.isLocked("tax-staff");
        wrongPassword("tax-staff");

        // then locked at the third, not before; another login is not
        assertThat(lockedBeforeLimit).isFalse();
        assertThat(attempts.isLocked("tax-staff")).isTrue();
        assertThat(attempts.isLocked("market-staff")).isFalse();
    }

    @Test
    void shouldUnlockWhenLockoutEndsAndCountAfresh() {
        // given a locked login
        for (int i = 0; i < 3; i++) {
            wrongPassword("tax-staff");
        }

        // when the lockout passes, then one more wrong password
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        boolean lockedJustBefore = attempts.isLocked("tax-staff");
        clock.advance(Duration.ofSeconds(1));
        boolean lockedAtEnd = attempts.isLocked("tax-staff");
        wrongPassword("tax-staff");

        // then it was locked to the end, is open after, and one wrong password does not lock it again
        assertThat(lockedJustBefore).isTrue();
        assertThat(lockedAtEnd).isFalse();
        assertThat(attempts.isLocked("tax-staff")).isFalse();
    }

    @Test
    void shouldForgetFailuresAfterSuccessfulLogin() {
        // given two wrong passwords, then the right one
        wrongPassword("tax-staff");
        wrongPassword("tax-staff");
        attempts.succeeded("tax-staff");

        // when two more wrong ones
        wrongPassword("tax-staff");
        wrongPassword("tax-staff");

        // then not locked: the count started again
        assertThat(attempts.isLocked("tax-staff")).isFalse();
    }

    @Test
    void shouldCountWrongPasswordsForTheLoginSpringSecurityChecksWhenTheNameHasSpacesAround() {
        // when wrong passwords come for the name with spaces or a tab around it, which the login form trims before it checks
        wrongPassword("tax-staff ");
        wrongPassword(" tax-staff");
        wrongPassword("tax-staff\t");

        // then they count for tax-staff, which is locked, however the name is typed next
        assertThat(attempts.isLocked("tax-staff")).isTrue();
        assertThat(attempts.isLocked("tax-staff  ")).isTrue();
    }

    @Test
    void shouldCheckNoMoreTriesThanTheLimitWhenTheyAreSentTogether() {
        // when five tries at tax-staff's password begin before any of them is answered
        List<Boolean> refused = IntStream.range(0, 5).mapToObj(i -> attempts.begin("tax-staff")).toList();

        // then three are checked (the limit) and the others refused as locked, unchecked
        assertThat(refused).containsExactly(false, false, false, true, true);
    }

    @Test
    void shouldOpenTheLoginWhenTheTryThatReachedTheLimitHadTheRightPassword() {
        // given two wrong passwords, then a third try that reaches the limit
        wrongPassword("tax-staff");
        wrongPassword("tax-staff");
        boolean refused = attempts.begin("tax-staff");

        // when its password is right
        attempts.succeeded("tax-staff");

        // then it was checked, and the login is open again
        assertThat(refused).isFalse();
        assertThat(attempts.isLocked("tax-staff")).isFalse();
    }

    @Test
    void shouldNotCountUnknownLoginsOrNoName() {
        // when guessed names fail many times
        for (int i = 0; i < 10; i++) {
            wrongPassword("nobody");
            wrongPassword(null);
        }

        // then nothing is held for them
        assertThat(attempts.isLocked("nobody")).isFalse();
        assertThat(attempts.isLocked(null)).isFalse();
    }

    @Test
    void shouldRefuseSettingsThatCannotLock() {
        assertThatThrownBy(() -> new LoginAttempts(0, Duration.ofMinutes(1), name -> true, clock))
                .hasMessageContaining("sharebus.web.login.max-failures");
        assertThatThrownBy(() -> new LoginAttempts(5, Duration.ZERO, name -> true, clock))
                .hasMessageContaining("sharebus.web.login.lockout");
    }

    /** A try at the login whose password turns out wrong, as the login form makes it: counted when it begins. */
    private void wrongPassword(String username) {
        if (!attempts.begin(username)) {
            attempts.failed(username);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T09:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
