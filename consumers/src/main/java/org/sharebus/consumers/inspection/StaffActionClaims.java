package org.sharebus.consumers.inspection;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The staff actions put on the bus (or being put there) that the projection may not show yet: a
 * draw by its form token, a result or a disclosure by its task id. The read model lags the broker,
 * so without this a double click or a retry would publish the action twice, and a second draw
 * under one plan id would be a second roll of the dice. The claims live in the database the
 * instances share ({@code consumers.staff_action_claim}), so a double click that two instances
 * answer is one action too.
 *
 * <p>A claim is PENDING while its action is published and DONE once the broker has it ({@link #done});
 * it is dropped when the broker refused the records ({@link #release}), so the staff member may
 * try again. A claim left PENDING for {@link #STALE} belongs to an instance that stopped half-way
 * (its Kafka transaction is aborted by then) and may be taken again. Claims are kept for
 * {@link #KEPT}, far longer than the projection lag. Times are the database's, one clock for all
 * instances.
 */
@Component
public class StaffActionClaims {

    static final Duration KEPT = Duration.ofMinutes(30);
    /** Longer than a publication can take: acks within 30 s (BusPublisher), Kafka's transaction timeout 60 s. */
    static final Duration STALE = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(StaffActionClaims.class);

    private final JdbcClient jdbc;

    public StaffActionClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code key} for {@code value}.
     *
     * @return empty when the claim is new (or taken over from a stopped instance); otherwise the
     *         value it was first claimed with
     */
    public Optional<String> claim(String key, String value) {
        jdbc.sql("DELETE FROM consumers.staff_action_claim WHERE claimed_at < now() - :kept * interval '1 second'")
                .param("kept", KEPT.toSeconds()).update();
        // Twice at most: a claim seen taken may be released (its records refused) before it is read.
        for (int attempt = 0; attempt < 2; attempt++) {
            int claimed = jdbc.sql("""
                            INSERT INTO consumers.staff_action_claim (claim_key, claim_value, state, claimed_at)
                            VALUES (:key, :value, 'PENDING', now()) ON CONFLICT (claim_key) DO NOTHING""")
                    .param("key", key).param("value", value).update();
            if (claimed == 1) {
                return Optional.empty();
            }
            int takenOver = jdbc.sql("""
                            UPDATE consumers.staff_action_claim SET claim_value = :value, claimed_at = now()
                            WHERE claim_key = :key AND state = 'PENDING' AND claimed_at < now() - :stale * interval '1 second'""")
                    .param("key", key).param("value", value).param("stale", STALE.toSeconds()).update();
            if (takenOver == 1) {
                log.warn("staff action {} was left half-way by an instance that stopped; taken up again", key);
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

    /**
     * The broker has the action. Best effort: if the database fails here the claim stays PENDING,
     * and the read model, which shows the action by then, keeps it from being done again.
     */
    public void done(String key) {
        try {
            jdbc.sql("UPDATE consumers.staff_action_claim SET state = 'DONE' WHERE claim_key = :key").param("key", key).update();
        } catch (DataAccessException e) {
            log.warn("could not mark staff action {} done (it is published): {}", key, e.getMessage());
        }
    }

    /**
     * The broker did not take the action: it may be done again. Best effort, so that the broker's
     * refusal reaches the staff member: a claim the database keeps is taken again after {@link #STALE}.
     */
    public void release(String key) {
        try {
            jdbc.sql("DELETE FROM consumers.staff_action_claim WHERE claim_key = :key").param("key", key).update();
        } catch (DataAccessException e) {
            log.warn("could not release staff action {}; it may be done again after {}: {}", key, STALE, e.getMessage());
        }
    }
}
