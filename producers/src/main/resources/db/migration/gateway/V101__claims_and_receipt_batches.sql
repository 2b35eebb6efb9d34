-- One row written per event instead of three. V100 wrote a PENDING row per event, locked it while
-- the record was sent (FOR UPDATE: a write) and updated it with the receipt: three row writes per
-- event, the largest cost of a batch request (docs/benchmarks.md, Gateway). Now:
--   event_claim: one row per event id, inserted before the send and never changed on the common
--     path; claim_key names the request that claimed it;
--   receipt_batch: one row per request, the receipts of everything that request published, as
--     arrays in the order of event_ids;
--   the claim key is also a PostgreSQL advisory lock, held on the claiming request's connection from
--     before the claim until its receipt batch is committed. A resend that finds a claim without a
--     receipt waits on that lock; when it gets it, the claimer has either recorded its receipts or
--     gone (the lock goes with its connection), and the resend takes the claim over
--     (claim_key := its own) and looks for the record in its partition, as with V100's PENDING rows.
CREATE SEQUENCE gateway.claim_key;

CREATE TABLE gateway.event_claim (
    event_id         uuid        PRIMARY KEY,
    department       text        NOT NULL,
    event_type       text        NOT NULL,
    -- SHA-256 of the event's content without publishedAt: same id + same digest = a resend.
    request_sha256   bytea       NOT NULL,
    topic            text        NOT NULL,
    kafka_partition  int         NOT NULL,
    claimed_at       timestamptz NOT NULL,
    claim_key        bigint      NOT NULL
);

CREATE TABLE gateway.receipt_batch (
    claim_key        bigint      PRIMARY KEY,
    event_ids        uuid[]      NOT NULL,
    record_offsets   bigint[]    NOT NULL,
    -- the broker's record timestamps, epoch milliseconds
    record_timestamps bigint[]   NOT NULL,
    -- SHA-256 of each stored value
    value_sha256s    bytea[]     NOT NULL,
    published_at     timestamptz NOT NULL,
    CHECK (cardinality(event_ids) = cardinality(record_offsets)
        AND cardinality(event_ids) = cardinality(record_timestamps)
        AND cardinality(event_ids) = cardinality(value_sha256s))
);

-- What V100's rows said, kept: each becomes a claim, and each published one a batch of one.
INSERT INTO gateway.event_claim (event_id, department, event_type, request_sha256, topic, kafka_partition, claimed_at, claim_key)
SELECT event_id, department, event_type, request_sha256, topic, kafka_partition, pending_since, nextval('gateway.claim_key')
FROM gateway.event_receipt
ORDER BY pending_since, event_id;

INSERT INTO gateway.receipt_batch (claim_key, event_ids, record_offsets, record_timestamps, value_sha256s, published_at)
SELECT c.claim_key, ARRAY[r.event_id], ARRAY[r.record_offset],
       ARRAY[(extract(epoch FROM r.record_timestamp) * 1000)::bigint], ARRAY[r.value_sha256], r.published_at
FROM gateway.event_receipt r
JOIN gateway.event_claim c USING (event_id)
WHERE r.status = 'PUBLISHED';

DROP TABLE gateway.event_receipt;

-- The index as one row per event id, as V100's table was: what the gateway reads, and what an
-- operator queries.
CREATE VIEW gateway.event_receipt AS
SELECT c.event_id, c.department, c.event_type, c.request_sha256,
       CASE WHEN r.record_offset IS NULL THEN 'PENDING' ELSE 'PUBLISHED' END AS status,
       c.topic, c.kafka_partition, c.claimed_at AS pending_since, r.record_offset,
       TIMESTAMPTZ 'epoch' + r.record_timestamp * INTERVAL '1 millisecond' AS record_timestamp,
       r.value_sha256, CASE WHEN r.record_offset IS NULL THEN NULL ELSE b.published_at END AS published_at, c.claim_key
FROM gateway.event_claim c
LEFT JOIN gateway.receipt_batch b ON b.claim_key = c.claim_key
LEFT JOIN LATERAL (
    SELECT u.record_offset, u.record_timestamp, u.value_sha256
    FROM unnest(b.event_ids, b.record_offsets, b.record_timestamps, b.value_sha256s)
        AS u(event_id, record_offset, record_timestamp, value_sha256)
    WHERE u.event_id = c.event_id
) r ON true;
