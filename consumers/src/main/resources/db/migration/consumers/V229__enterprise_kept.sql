-- What a department knows of an enterprise's name and identity where it kept a change of them to
-- itself (an event it marked INTERNAL; org.sharebus.profile.SharedFacts): consumers.enterprise holds
-- what every department knows, and a department's own search and inspection pool read its row here
-- over it. One row per such department and enterprise, none for the others (nearly all).
-- Written with the enterprise's row by org.sharebus.consumers.search.EnterpriseSearch; rebuilt with
-- the search read model.
CREATE TABLE consumers.enterprise_kept (
    uscc          char(18) NOT NULL,
    department    text     NOT NULL,
    name          text     NOT NULL,
    region_code   text     NOT NULL,
    district      text,
    entity_type   text,
    industry_code text,
    status        text     NOT NULL,
    PRIMARY KEY (uscc, department)
);
