-- Staff actions put on the bus and not yet in the read models (StaffActionClaims): a draw by its
-- form token, a result or a publication by its task id. In the database that the instances share,
-- so that a double click answered by two instances still publishes once. PENDING while the action
-- is being published, DONE once the broker has it. Not a read model: rows expire after 30 minutes
-- and nothing is rebuilt from Kafka into it; leave it alone when rebuilding the read models.
CREATE TABLE consumers.staff_action_claim (
    claim_key   text        PRIMARY KEY,
    claim_value text        NOT NULL,
    state       text        NOT NULL CHECK (state IN ('PENDING', 'DONE')),
    claimed_at  timestamptz NOT NULL
);
CREATE INDEX staff_action_claim_claimed_at_idx ON consumers.staff_action_claim (claimed_at);
