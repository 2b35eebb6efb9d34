-- A notice the bus closed itself (its record repaired or removed, a missing annual report filed) was
-- projected as acknowledged by sharebus at the close, and every inbox said "sharebus 于 … 签收": the
-- department never signed for it. NoticeInbox no longer writes that acknowledgement; the rows written
-- before lose it here rather than on a rebuild of the inbox. A notice a member of staff signed for before
-- the bus closed it keeps who signed and when.
UPDATE consumers.notice SET acknowledged_at = NULL, acknowledged_by = NULL
WHERE closed_by = 'sharebus' AND acknowledged_by = 'sharebus';
