-- What the situation views count a notification by (issue 16), kept beside it so that counting reads
-- indexed columns instead of every notification's JSON answers: the weeks (ISO year × 100 + week,
-- e.g. 202648) of its report date (first receipt, in Japan), onset and diagnosis dates (NULL when the
-- form has none), and its case group (patient, carrier, suspected, death). Written by the server at
-- intake and on resubmission; rows from before this migration are filled at the next start
-- (SituationStore::fill_counting_keys, from the same domain rules). The area is health_center_code,
-- which a transfer already moves.
ALTER TABLE notifications ADD COLUMN report_week INTEGER;
ALTER TABLE notifications ADD COLUMN onset_week INTEGER;
ALTER TABLE notifications ADD COLUMN diagnosis_week INTEGER;
ALTER TABLE notifications ADD COLUMN case_group TEXT;
-- One covering index per date basis: a curve or a map reads a range of weeks and nothing else.
CREATE INDEX notifications_report_week
    ON notifications (report_week, disease, case_group, health_center_code) WHERE animal_report IS NULL;
CREATE INDEX notifications_onset_week
    ON notifications (onset_week, disease, case_group, health_center_code) WHERE animal_report IS NULL;
CREATE INDEX notifications_diagnosis_week
    ON notifications (diagnosis_week, disease, case_group, health_center_code) WHERE animal_report IS NULL;
-- And per area first: a health center's curve, and aberration detection's series of one area.
CREATE INDEX notifications_area_report_week
    ON notifications (health_center_code, report_week, disease, case_group) WHERE animal_report IS NULL;
CREATE INDEX notifications_area_onset_week
    ON notifications (health_center_code, onset_week, disease, case_group) WHERE animal_report IS NULL;
CREATE INDEX notifications_area_diagnosis_week
    ON notifications (health_center_code, diagnosis_week, disease, case_group) WHERE animal_report IS NULL;
-- The rows still to be filled (none once the server has started).
CREATE INDEX notifications_uncounted ON notifications (id) WHERE report_week IS NULL;
