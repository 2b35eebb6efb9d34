-- Dual-random inspections (双随机): plans, tasks and results, projected from sharebus.inspections.v1
-- by org.sharebus.consumers.inspection.InspectionProjection. Every row comes from a record on the
-- topic; rebuild by resetting the projection's consumer group to the earliest offset
-- (docs/operations.md). Lists are kept as text (one value per line): the read model only shows them.
CREATE TABLE consumers.inspection_plan (
    plan_id                text        PRIMARY KEY,
    department             text        NOT NULL,
    item_codes             text        NOT NULL,
    item_names             text        NOT NULL,
    districts              text        NOT NULL,
    -- JSON array of {riskClass, ratioPercent, poolSize, drawnCount}: INTERNAL to the department.
    strata                 text        NOT NULL,
    random_seed            bigint      NOT NULL,
    pool_digest            text        NOT NULL,
    pool_size              int         NOT NULL,
    drawn_count            int         NOT NULL,
    inspector_pool_size    int         NOT NULL,
    excluded_inspector_ids text        NOT NULL,
    drawn_by               text        NOT NULL,
    drawn_at               timestamptz NOT NULL
);

CREATE INDEX inspection_plan_department_idx ON consumers.inspection_plan (department, drawn_at DESC, plan_id);

CREATE TABLE consumers.inspection_task (
    task_id         text        PRIMARY KEY,
    plan_id         text        NOT NULL,
    department      text        NOT NULL,
    uscc            char(18)    NOT NULL,
    enterprise_name text        NOT NULL,
    region_code     text,
    risk_class      text        NOT NULL,
    inspector_ids   text        NOT NULL,
    due_on          date        NOT NULL,
    assigned_at     timestamptz NOT NULL
);

CREATE INDEX inspection_task_plan_idx ON consumers.inspection_task (plan_id, task_id);
CREATE INDEX inspection_task_uscc_idx ON consumers.inspection_task (uscc);

-- One result per task: the first recorded wins (the staff page refuses a second).
CREATE TABLE consumers.inspection_result (
    task_id               text        PRIMARY KEY,
    plan_id               text        NOT NULL,
    department            text        NOT NULL,
    result_code           text        NOT NULL,
    result_formed_on      date        NOT NULL,
    follow_up_penalty_ref text,
    recorded_by           text        NOT NULL,
    recorded_at           timestamptz NOT NULL,
    -- resultFormedOn + 20 working days (rules: inspection.disclosure, inspection.calendar) at projection time.
    disclosure_due_on     date        NOT NULL
);

CREATE INDEX inspection_result_due_idx ON consumers.inspection_result (department, disclosure_due_on);
