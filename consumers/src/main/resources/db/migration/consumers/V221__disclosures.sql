-- Published inspection results (一公开), projected from sharebus.disclosures.v1 by
-- org.sharebus.consumers.disclosure.DisclosureProjection; already masked on the topic. The public
-- page and API read only this table. Rebuildable like every projection (docs/operations.md).
CREATE TABLE consumers.disclosure (
    task_id               text        PRIMARY KEY,
    plan_id               text        NOT NULL,
    department            text        NOT NULL,
    enterprise_name       text        NOT NULL,
    uscc                  text        NOT NULL,
    individual_business   boolean     NOT NULL,
    item_names            text        NOT NULL,
    authority             text        NOT NULL,
    result_code           text        NOT NULL,
    result_formed_on      date        NOT NULL,
    follow_up_penalty_ref text,
    disclosed_on          date        NOT NULL,
    disclosure_due_on     date        NOT NULL,
    disclosed_at          timestamptz NOT NULL
);

CREATE INDEX disclosure_newest_idx ON consumers.disclosure (disclosed_at DESC, task_id);
