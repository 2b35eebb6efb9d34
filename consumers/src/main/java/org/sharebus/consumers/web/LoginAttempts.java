package org.sharebus.consumers.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed staff logins, and the logins locked for them (登录失败处理: 限制非法登录次数, GB/T 22239-2019
 * 8.1.4.1): after {@code maxFailures} wrong passwords in a row for one login, that login is refused,
 * right password or not, for {@code lockout}. A successful login clears the count.
 *
 * <p>Only logins that exist are counted, so guessed names cannot fill the memory. Counted per
 * instance: behind a load balancer with n instances a guesser gets up to n × {@code maxFailures}
 * tries per period, still a handful instead of unlimited.
 */
final class LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

    private final int maxFailures;
    private final Duration lockout;
    private final Predicate<String> known;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** Wrong passwords in a row, and until when the login is locked (null: not locked). */
    private record Failures(int count, Instant lockedUntil) {
    }

    LoginAttempts(int maxFailures, Duration lockout, Predicate<String> known, Clock clock) {
        if (maxFailures < 1 || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("sharebus.web.login.max-failures must be at least 1 and sharebus.web.login.lockout"
                    + " positive, got " + maxFailures + " and " + lockout);
        }
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.known = known;
        this.clock = clock;
    }

    boolean isLocked(String username) {
        Failures f = username == null ? null : failures.get(login(username));
        return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
    }

    /**
     * A try at the login's password, about to be checked: refused (true) while the login is locked;
     * otherwise counted at once, as a wrong password until {@link #succeeded} clears it, and the try
     * that reaches the limit locks the login for the tries after it. Counted before the check, not
     * after: tries sent together all passed the lock's check before the first wrong one was counted
     * (forty at once were all checked, the right password among them signed in), so a guesser
     * had as many tries per lockout as requests the server runs at once, not {@code maxFailures}.
     */
    boolean begin(String given) {
        String username = given == null ? null : login(given);
        if (username == null || !known.test(username)) {
            return false;
        }
        Instant now = clock.instant();
        boolean[] refused = {false};
        failures.compute(username, (name, before) -> {
            if (before != null && before.lockedUntil() != null && now.isBefore(before.lockedUntil())) {
                refused[0] = true;
                return before;
            }
            // A lock that has run out starts the count afresh.
            int count = before == null || before.lockedUntil() != null ? 1 : before.count() + 1;
            return new Failures(count, count >= maxFailures ? now.plus(lockout) : null);
        });
        return refused[0];
    }

    /** The try's password was wrong (it is already counted): the one that locked the login says so in the log. */
    void failed(String given) {
        Failures f = given == null ? null : failures.get(login(given));
        if (f != null && f.lockedUntil() != null && f.count() == maxFailures) {
            log.warn("Staff login '{}' locked until {} after {} wrong passwords in a row", login(given), f.lockedUntil(), maxFailures);
        }
    }

    void succeeded(String username) {
        failures.remove(login(username));
    }

    /**
     * The login a name given in the form signs in to: Spring Security's form login trims the name
     * ({@code UsernamePasswordAuthenticationFilter}) before it looks it up, while the failure handler
     * has the name as sent. Counted as sent, "tax-staff " signed in to tax-staff and failed
     * uncounted: a guesser adding a space had unlimited tries.
     */
    static String login(String given) {
        return given.trim();
    }
}
