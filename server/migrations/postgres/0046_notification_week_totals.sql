-- The nation's weekly counts kept as they change (issue 16's national curve: ≤ 300 ms). Counting the
-- 720,000 index entries of six years on every national curve took 0.2 s on an idle machine and
-- 0.6 s on the shared one; these rows are about 10,000 (week × disease × case group per date basis).
-- A trigger keeps them, so that every write of a notification (intake, resubmission, withdrawal, the
-- counting columns filled later, a deletion) moves its counts: a notification counts once per basis
-- whose week it has, unless it is an animal report or withdrawn (the rule of `counting_sql`).
CREATE TABLE notification_week_totals (
    basis TEXT NOT NULL,
    week INTEGER NOT NULL,
    disease TEXT NOT NULL,
    case_group TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (basis, week, disease, case_group)
);

CREATE FUNCTION notification_week_totals_add(n notifications, delta BIGINT) RETURNS void AS $$
BEGIN
    IF n.animal_report IS NOT NULL OR n.status = 'withdrawn' OR n.case_group IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO notification_week_totals (basis, week, disease, case_group, count)
    SELECT basis, week, n.disease, n.case_group, delta
    FROM (VALUES ('report', n.report_week), ('onset', n.onset_week), ('diagnosis', n.diagnosis_week)) AS weeks (basis, week)
    WHERE week IS NOT NULL
    ON CONFLICT (basis, week, disease, case_group)
    DO UPDATE SET count = notification_week_totals.count + EXCLUDED.count;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION notification_week_totals_follow() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM notification_week_totals_add(OLD, -1);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM notification_week_totals_add(NEW, 1);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER notification_week_totals_follow
    AFTER INSERT OR DELETE OR UPDATE OF report_week, onset_week, diagnosis_week, disease, case_group, status, animal_report
    ON notifications FOR EACH ROW EXECUTE FUNCTION notification_week_totals_follow();

INSERT INTO notification_week_totals (basis, week, disease, case_group, count)
SELECT weeks.basis, weeks.week, n.disease, n.case_group, COUNT(*)
FROM notifications n
CROSS JOIN LATERAL (VALUES ('report', n.report_week), ('onset', n.onset_week), ('diagnosis', n.diagnosis_week)) AS weeks (basis, week)
WHERE n.animal_report IS NULL AND n.status <> 'withdrawn' AND n.case_group IS NOT NULL AND weeks.week IS NOT NULL
GROUP BY weeks.basis, weeks.week, n.disease, n.case_group;
