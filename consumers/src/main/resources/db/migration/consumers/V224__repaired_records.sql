-- Decision numbers of records a credit repair removed (信用修复: 一处修复、处处修复), projected from
-- the profiles' creditRepairs by the search projection. The public results page leaves a follow-up
-- penalty out when its number is here. Only grows: a repair is not undone; a rebuild from the
-- profile topic fills it again.
CREATE TABLE consumers.repaired_record (
    doc_no       text PRIMARY KEY,
    uscc         text NOT NULL,
    record_type  text NOT NULL,
    repaired_on  date NOT NULL
);
