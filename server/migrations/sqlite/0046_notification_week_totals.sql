-- The nation's weekly counts kept as they change (issue 16's national curve: ≤ 300 ms). Counting the
-- 720,000 index entries of six years on every national curve took 0.2–0.3 s; these rows are about
-- 10,000 (week × disease × case group per date basis). Triggers keep them, so that every write of a
-- notification (intake, resubmission, withdrawal, the counting columns filled later, a deletion)
-- moves its counts: a notification counts once per basis whose week it has, unless it is an animal
-- report or withdrawn (the rule of `counting_sql`).
CREATE TABLE notification_week_totals (
    basis TEXT NOT NULL,
    week INTEGER NOT NULL,
    disease TEXT NOT NULL,
    case_group TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (basis, week, disease, case_group)
) WITHOUT ROWID;

CREATE TRIGGER notification_week_totals_remove
AFTER DELETE ON notifications
WHEN OLD.animal_report IS NULL AND OLD.status <> 'withdrawn' AND OLD.case_group IS NOT NULL
BEGIN
    UPDATE notification_week_totals SET count = count - 1
    WHERE disease = OLD.disease AND case_group = OLD.case_group
      AND ((basis = 'report' AND week = OLD.report_week)
        OR (basis = 'onset' AND week = OLD.onset_week)
        OR (basis = 'diagnosis' AND week = OLD.diagnosis_week));
END;

CREATE TRIGGER notification_week_totals_add
AFTER INSERT ON notifications
WHEN NEW.animal_report IS NULL AND NEW.status <> 'withdrawn' AND NEW.case_group IS NOT NULL
BEGIN
    INSERT INTO notification_week_totals (basis, week, disease, case_group, count)
    SELECT basis, week, NEW.disease, NEW.case_group, 1
    FROM (SELECT 'report' AS basis, NEW.report_week AS week
          UNION ALL SELECT 'onset', NEW.onset_week
          UNION ALL SELECT 'diagnosis', NEW.diagnosis_week)
    WHERE week IS NOT NULL
    ON CONFLICT (basis, week, disease, case_group) DO UPDATE SET count = count + 1;
END;

-- An update is the old row taken away and the new one added.
CREATE TRIGGER notification_week_totals_change_old
AFTER UPDATE OF report_week, onset_week, diagnosis_week, disease, case_group, status, animal_report ON notifications
WHEN OLD.animal_report IS NULL AND OLD.status <> 'withdrawn' AND OLD.case_group IS NOT NULL
BEGIN
    UPDATE notification_week_totals SET count = count - 1
    WHERE disease = OLD.disease AND case_group = OLD.case_group
      AND ((basis = 'report' AND week = OLD.report_week)
        OR (basis = 'onset' AND week = OLD.onset_week)
        OR (basis = 'diagnosis' AND week = OLD.diagnosis_week));
END;

CREATE TRIGGER notification_week_totals_change_new
AFTER UPDATE OF report_week, onset_week, diagnosis_week, disease, case_group, status, animal_report ON notifications
WHEN NEW.animal_report IS NULL AND NEW.status <> 'withdrawn' AND NEW.case_group IS NOT NULL
BEGIN
    INSERT INTO notification_week_totals (basis, week, disease, case_group, count)
    SELECT basis, week, NEW.disease, NEW.case_group, 1
    FROM (SELECT 'report' AS basis, NEW.report_week AS week
          UNION ALL SELECT 'onset', NEW.onset_week
          UNION ALL SELECT 'diagnosis', NEW.diagnosis_week)
    WHERE week IS NOT NULL
    ON CONFLICT (basis, week, disease, case_group) DO UPDATE SET count = count + 1;
END;

INSERT INTO notification_week_totals (basis, week, disease, case_group, count)
SELECT basis, week, disease, case_group, COUNT(*)
FROM (SELECT 'report' AS basis, report_week AS week, disease, case_group FROM notifications
        WHERE animal_report IS NULL AND status <> 'withdrawn' AND case_group IS NOT NULL AND report_week IS NOT NULL
      UNION ALL SELECT 'onset', onset_week, disease, case_group FROM notifications
        WHERE animal_report IS NULL AND status <> 'withdrawn' AND case_group IS NOT NULL AND onset_week IS NOT NULL
      UNION ALL SELECT 'diagnosis', diagnosis_week, disease, case_group FROM notifications
        WHERE animal_report IS NULL AND status <> 'withdrawn' AND case_group IS NOT NULL AND diagnosis_week IS NOT NULL)
GROUP BY basis, week, disease, case_group;
