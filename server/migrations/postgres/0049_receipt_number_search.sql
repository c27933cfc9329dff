-- The inbox's search by part of a receipt number (issue 18: a page in ≤ 50 ms for a health center with
-- 20,000 notifications a year). `LIKE '%…%'` on the column reads every notification of the scope; a
-- trigram index (pg_trgm, shipped with PostgreSQL's contrib modules, which Debian's postgresql package
-- includes; a trusted extension, so the database's owner may create it) finds the rows holding a part
-- of three characters or more. See docs/deployment.md.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX notifications_receipt_number_trigrams ON notifications USING gin (receipt_number gin_trgm_ops);
