-- The gateway's id -> receipt index: what makes a resend idempotent, across restarts.
-- Gateway migrations use versions 100-199 so other modules' migrations can share one Flyway history.
CREATE SCHEMA IF NOT EXISTS gateway;

CREATE TABLE gateway.event_receipt (
    event_id         uuid        PRIMARY KEY,
    department       text        NOT NULL,
    event_type       text        NOT NULL,
    -- SHA-256 of the event's content without publishedAt: same id + same digest = a resend.
    request_sha256   bytea       NOT NULL,
    -- PENDING: written before the send, so a gateway that stops after the broker's ack but before
    -- the answer leaves a trace; the retry then looks for the record in the topic instead of sending again.
    status           text        NOT NULL CHECK (status IN ('PENDING', 'PUBLISHED')),
    topic            text        NOT NULL,
    kafka_partition  int         NOT NULL,
    pending_since    timestamptz NOT NULL,
    record_offset    bigint,
    record_timestamp timestamptz,
    value_sha256     bytea,
    published_at     timestamptz,
    CHECK (status = 'PENDING' OR (record_offset IS NOT NULL AND value_sha256 IS NOT NULL))
);
