-- The enterprise search read model: one row per USCC, projected from sharebus.profiles.v1 by
-- org.sharebus.consumers.search.SearchProjection. Rebuildable: reset the projection's consumer
-- group to the earliest offset (docs/operations.md).
-- Consumer migrations use versions 200-299 so that the gateway's (100-199) and these share one
-- Flyway history in the all-in-one application.
CREATE SCHEMA IF NOT EXISTS consumers;

CREATE TABLE consumers.enterprise (
    uscc               char(18)    PRIMARY KEY,
    name               text        NOT NULL,
    region_code        text        NOT NULL,
    -- Hangzhou district or county (西湖区); null outside Hangzhou's table.
    district           text,
    entity_type        text,
    industry_code      text,
    status             text        NOT NULL,
    -- Credit-risk class A-D (INTERNAL to market supervision; docs/decisions.md, Staff pages).
    risk_class         text        NOT NULL,
    risk_score         int         NOT NULL,
    event_count        bigint      NOT NULL,
    last_occurred_at   timestamptz NOT NULL,
    -- The profile's own updatedAt: an older profile (a redelivery) never overwrites a newer one.
    profile_updated_at timestamptz NOT NULL,
    source_partition   int         NOT NULL,
    source_offset      bigint      NOT NULL
);

CREATE INDEX enterprise_district_idx ON consumers.enterprise (district);
CREATE INDEX enterprise_risk_class_idx ON consumers.enterprise (risk_class);
CREATE INDEX enterprise_status_idx ON consumers.enterprise (status);
CREATE INDEX enterprise_name_idx ON consumers.enterprise (name, uscc);
