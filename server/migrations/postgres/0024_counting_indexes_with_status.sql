-- Withdrawn notifications (filed by mistake, issue 18) are no cases: the counting query says
-- `status <> 'withdrawn'`, and status was in none of 0019's indexes, so every counted row was looked up
-- in the table (the national curve went from ~0.1 s to 3–5 s on SQLite). With status and animal_report
-- as the last columns the indexes cover the query (SQLite's bundled 3.46 reads a column of the
-- predicate from the table too, unless the index holds it; SqliteStore's tests check the plan).
DROP INDEX notifications_report_week;
DROP INDEX notifications_onset_week;
DROP INDEX notifications_diagnosis_week;
DROP INDEX notifications_area_report_week;
DROP INDEX notifications_area_onset_week;
DROP INDEX notifications_area_diagnosis_week;
CREATE INDEX notifications_report_week
    ON notifications (report_week, disease, case_group, health_center_code, status, animal_report) WHERE animal_report IS NULL;
CREATE INDEX notifications_onset_week
    ON notifications (onset_week, disease, case_group, health_center_code, status, animal_report) WHERE animal_report IS NULL;
CREATE INDEX notifications_diagnosis_week
    ON notifications (diagnosis_week, disease, case_group, health_center_code, status, animal_report) WHERE animal_report IS NULL;
CREATE INDEX notifications_area_report_week
    ON notifications (health_center_code, report_week, disease, case_group, status, animal_report) WHERE animal_report IS NULL;
CREATE INDEX notifications_area_onset_week
    ON notifications (health_center_code, onset_week, disease, case_group, status, animal_report) WHERE animal_report IS NULL;
CREATE INDEX notifications_area_diagnosis_week
    ON notifications (health_center_code, diagnosis_week, disease, case_group, status, animal_report) WHERE animal_report IS NULL;
