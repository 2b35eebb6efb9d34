-- The notice inbox read model: one row per notice, projected from sharebus.notices.v1 by
-- org.sharebus.consumers.notice.NoticeProjection. Rebuildable: reset the projection's consumer
-- group to the earliest offset (docs/operations.md). Records of one notice share its USCC key and so
-- one partition, but a staff action may be projected before the notice it acts on (the page applies
-- an acknowledged action at once): every column but the id and USCC may be null until its record comes.
CREATE TABLE consumers.notice (
    notice_id          uuid        PRIMARY KEY,
    uscc               char(18)    NOT NULL,
    -- From NoticeRaised; null until it is projected, and then written once.
    rule_code          text,
    target_department  text,
    source_department  text,
    source_event_id    text,
    source_event_type  text,
    source_doc_no      text,
    enterprise_name    text,
    summary_zh         text,
    summary_en         text,
    action_zh          text,
    action_en          text,
    basis              text,
    raised_at          timestamptz,
    due_on             date,
    -- From NoticeAcknowledged, or from NoticeClosed when closed unacknowledged; the earliest wins.
    acknowledged_at    timestamptz,
    acknowledged_by    text,
    acknowledge_remark text,
    -- From NoticeClosed; the earliest wins.
    closed_at          timestamptz,
    closed_by          text,
    outcome            text,
    status             text GENERATED ALWAYS AS (CASE WHEN closed_at IS NOT NULL THEN 'CLOSED'
                                                      WHEN acknowledged_at IS NOT NULL THEN 'ACKNOWLEDGED'
                                                      ELSE 'OPEN' END) STORED
);

-- The inbox: a department's notices by status, newest first.
CREATE INDEX notice_inbox_idx ON consumers.notice (target_department, status, raised_at DESC);
CREATE INDEX notice_uscc_idx ON consumers.notice (uscc);
