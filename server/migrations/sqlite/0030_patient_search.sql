-- The inbox's search by patient (issue 18): the patient's name and reading folded as the search folds
-- what is typed (NFKC, katakana as hiragana, without spaces), written at intake and on resubmission.
-- NULL for notifications filed before this migration until the server's start fills it (in Rust: SQL
-- cannot fold).
ALTER TABLE notifications ADD COLUMN patient_search TEXT;

-- The inbox's orders by urgency and by state read each status of a health center newest first.
CREATE INDEX notifications_health_center_status ON notifications (health_center_code, status, seq);
