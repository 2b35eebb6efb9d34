package org.sharebus.consumers.inspection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The staff actions this instance has put on the bus (or is putting there) and the projection may
 * not show yet: a draw by its form token, a result or a disclosure by its task id. The read model
 * lags the broker, so without this a double click or a retry would publish the action twice.
 * A claim is kept for {@link #KEPT} (far longer than the projection lag) and dropped when the
 * broker refused the records, so the staff member may try again.
 */
@Component
public class StaffActionClaims {

    static final Duration KEPT = Duration.ofMinutes(30);

    private final Map<String, Claim> claims = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    private record Claim(String value, Instant at) {
    }

    /**
     * Claims {@code key} for {@code value}.
     *
     * @return empty when the claim is new; otherwise the value it was first claimed with
     */
    public Optional<String> claim(String key, String value) {
        Instant now = clock.instant();
        claims.values().removeIf(claim -> claim.at().isBefore(now.minus(KEPT)));
        Claim existing = claims.putIfAbsent(key, new Claim(value, now));
        return existing == null ? Optional.empty() : Optional.of(existing.value());
    }

    /** The broker did not take the action: it may be done again. */
    public void release(String key) {
        claims.remove(key);
    }
}
