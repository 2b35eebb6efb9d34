-- When each penalty known to a profile stops being published (行政处罚信息公示期, SAMR Order 45:
-- 3 months or 3 years; customs its own period), by decision number in its official form,
-- projected from the profiles' penalties by the search projection. The public results page leaves
-- out a follow-up penalty whose publicity has ended, or that is never published (null: warning
-- only, simplified procedure). A penalty no profile has named yet is not here, and is shown.
-- Kept when a profile's bounded list drops an old penalty; a rebuild from the profile topic fills it again.
CREATE TABLE consumers.penalty_publicity (
    doc_no            text PRIMARY KEY,
    uscc              text NOT NULL,
    publicity_ends_on date
);
