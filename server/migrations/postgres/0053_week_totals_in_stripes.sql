-- The nation's weekly totals (migration 0046) in 16 stripes per week × disease × case group (issue 17).
-- Every intake of a disease in a week added 1 to the same three rows, so intakes of the same disease
-- and week waited for each other's commit on those rows: all of them, one at a time, during an
-- outbreak (intake's writes at 64 connections: 140–270 commits a second with the trigger, 900–1,640
-- without it; docs/performance.md, issue 17). A notification now counts in the stripe `seq % 16`, so
-- that intakes in flight together update different rows; only the sum over the stripes means
-- anything (the totals kept so far stay in stripe 0; a change takes a notification away from its own
-- stripe, which may go below 0), and the national curve adds them up (`store::week_counts_sql`).
-- SQLite writes one transaction at a time and keeps one row per week × disease × case group.
ALTER TABLE notification_week_totals ADD COLUMN stripe SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE notification_week_totals DROP CONSTRAINT notification_week_totals_pkey;
ALTER TABLE notification_week_totals ADD PRIMARY KEY (basis, week, disease, case_group, stripe);

CREATE OR REPLACE FUNCTION notification_week_totals_add(n notifications, delta BIGINT) RETURNS void AS $$
BEGIN
    IF n.animal_report IS NOT NULL OR n.status = 'withdrawn' OR n.case_group IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO notification_week_totals (basis, week, disease, case_group, stripe, count)
    SELECT basis, week, n.disease, n.case_group, n.seq % 16, delta
    FROM (VALUES ('report', n.report_week), ('onset', n.onset_week), ('diagnosis', n.diagnosis_week)) AS weeks (basis, week)
    WHERE week IS NOT NULL
    ON CONFLICT (basis, week, disease, case_group, stripe)
    DO UPDATE SET count = notification_week_totals.count + EXCLUDED.count;
END
$$ LANGUAGE plpgsql;
