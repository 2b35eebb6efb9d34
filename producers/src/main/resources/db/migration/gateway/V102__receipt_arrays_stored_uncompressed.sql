-- A receipt batch's arrays (500 event ids, offsets, timestamps and value digests for a batch of 500,
-- some 40 kB) go to TOAST, where PostgreSQL compressed each with pglz: the consecutive offsets and
-- timestamps to a fraction, the random ids and digests not at all. That took 2.6 of the 4.0 µs of
-- PostgreSQL's CPU per event that writing the batch cost (docs/benchmarks.md, Gateway, 2026-11-29),
-- to save 19 bytes per event (84 bytes stored instead of 65). EXTERNAL keeps them out of line,
-- uncompressed; rows written before stay as they are, and read the same.
ALTER TABLE gateway.receipt_batch
    ALTER COLUMN event_ids SET STORAGE EXTERNAL,
    ALTER COLUMN record_offsets SET STORAGE EXTERNAL,
    ALTER COLUMN record_timestamps SET STORAGE EXTERNAL,
    ALTER COLUMN value_sha256s SET STORAGE EXTERNAL;
