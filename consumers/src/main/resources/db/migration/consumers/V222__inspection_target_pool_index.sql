-- The target pool of a draw (and the pool sizes the inspections page shows per item) filters
-- ACTIVE enterprises by GB/T 4754 section, the first letter of industry_code, and district:
-- without this index each is a sequential scan of consumers.enterprise.
CREATE INDEX enterprise_target_pool_idx ON consumers.enterprise (status, (substr(industry_code, 1, 1)), region_code);
