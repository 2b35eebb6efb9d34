package org.sharebus.consumers.inspection;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The staff actions put on the bus (or being put there) that the projection may not show yet: a
 * draw by its form token, a result or a disclosure by its task id. The read model lags the broker,
 * so without this a double click or a retry would publish the action twice, and a second draw
 * under one plan id would be a second roll of the dice. The claims live in the database the
 * instances share ({@code consumers.staff_action_claim}), so a double click that two instances
 * answer is one action too. A claim is kept for {@link #KEPT} (far longer than the projection lag)
 * and dropped when the broker refused the records, so the staff member may try again.
 */
@Component
public class StaffActionClaims {

    static final Duration KEPT = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final Clock clock;

    @Autowired
    public StaffActionClaims(JdbcClient jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    StaffActionClaims(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Claims {@code key} for {@code value}.
     *
     * @return empty when the claim is new; otherwise the value it was first claimed with
     */
    public Optional<String> claim(String key, String value) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM consumers.staff_action_claim WHERE claimed_at < :expired")
                .param("expired", Timestamp.from(now.minus(KEPT))).update();
        // Twice at most: a claim seen taken may be released (its records refused) before it is read.
        for (int attempt = 0; attempt < 2; attempt++) {
            int claimed = jdbc.sql("""
                            INSERT INTO consumers.staff_action_claim (claim_key, claim_value, claimed_at) VALUES (:key, :value, :at)
                            ON CONFLICT (claim_key) DO NOTHING""")
                    .param("key", key).param("value", value).param("at", Timestamp.from(now)).update();
            if (claimed == 1) {
                return Optional.empty();
            }
            Optional<String> existing = jdbc.sql("SELECT claim_value FROM consumers.staff_action_claim WHERE claim_key = :key")
                    .param("key", key).query(String.class).optional();
            if (existing.isPresent()) {
                return existing;
            }
        }
        throw new IllegalStateException("the claim " + key + " was taken and released twice while this request tried to take it");
    }

    /** The broker did not take the action: it may be done again. */
    public void release(String key) {
        jdbc.sql("DELETE FROM consumers.staff_action_claim WHERE claim_key = :key").param("key", key).update();
    }
}
