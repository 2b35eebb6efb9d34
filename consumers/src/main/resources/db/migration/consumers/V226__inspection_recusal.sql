-- Recusals (回避, 行政处罚法第四十三条) of one officer from one task after the draw: InspectorRecused on
-- sharebus.inspections.v1. The task's inspector_ids are updated in the same statement that records
-- the recusal, so a redelivered event changes nothing (the event id is the key).
CREATE TABLE consumers.inspection_recusal (
    event_id        uuid        PRIMARY KEY,
    task_id         text        NOT NULL,
    recused_id      text        NOT NULL,
    replacement_id  text        NOT NULL,
    -- INTERNAL to the inspecting department: shown on its plan page only.
    reason          text        NOT NULL,
    random_seed     bigint      NOT NULL,
    recorded_by     text        NOT NULL,
    recorded_at     timestamptz NOT NULL
);
CREATE INDEX inspection_recusal_task_idx ON consumers.inspection_recusal (task_id, recorded_at);
