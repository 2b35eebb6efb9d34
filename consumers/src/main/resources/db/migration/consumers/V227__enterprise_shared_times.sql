-- What every department may know of an enterprise's events: an event its department marked
-- INTERNAL no longer moves the row's count or times (EnterpriseProfile.eventCount, lastOccurredAt,
-- changedAt). changed_at is what the search shows; profile_updated_at stays the guard that keeps an
-- older profile from replacing a newer one, and moves on every write. Both times are null for an
-- enterprise whose every event was INTERNAL. Rows written before this version still count INTERNAL
-- events until the profiles are rebuilt (docs/operations.md, "Rebuild the profiles").
ALTER TABLE consumers.enterprise ALTER COLUMN last_occurred_at DROP NOT NULL;
ALTER TABLE consumers.enterprise ADD COLUMN changed_at timestamptz;
UPDATE consumers.enterprise SET changed_at = profile_updated_at;
