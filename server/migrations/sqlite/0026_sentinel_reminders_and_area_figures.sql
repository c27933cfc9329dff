-- Sentinel surveillance (issue 14), second part.

-- Reminders to sentinel sites: at most one per site and report (kind × period), so that a second
-- press of the button, or a colleague's, mails nobody twice.
CREATE TABLE sentinel_reminders (
    institution_code TEXT NOT NULL REFERENCES institutions(code),
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    reminded_at TEXT NOT NULL,
    reminded_by TEXT NOT NULL REFERENCES users(user_id),
    PRIMARY KEY (institution_code, kind, period)
);

-- Per health-center area, form and period: the sites that reported and the current revisions' cases,
-- by disease × age band × sex and by disease. Filing keeps them in step in its transaction (a
-- correction takes the revision it replaces out), so that the tables, the alert levels over a year of
-- weeks and the charts read a few rows per area and week instead of every report's cells.
CREATE TABLE sentinel_area_periods (
    kind TEXT NOT NULL,
    period_start TEXT NOT NULL,
    health_center_code TEXT NOT NULL REFERENCES health_centers(code),
    sites INTEGER NOT NULL,
    PRIMARY KEY (kind, period_start, health_center_code)
);
CREATE INDEX sentinel_area_periods_area ON sentinel_area_periods(health_center_code, kind, period_start);

CREATE TABLE sentinel_area_counts (
    kind TEXT NOT NULL,
    period_start TEXT NOT NULL,
    health_center_code TEXT NOT NULL REFERENCES health_centers(code),
    disease TEXT NOT NULL,
    age_band TEXT NOT NULL,
    sex TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (kind, period_start, health_center_code, disease, age_band, sex)
);
CREATE INDEX sentinel_area_counts_area ON sentinel_area_counts(health_center_code, kind, period_start);

CREATE TABLE sentinel_area_totals (
    kind TEXT NOT NULL,
    period_start TEXT NOT NULL,
    health_center_code TEXT NOT NULL REFERENCES health_centers(code),
    disease TEXT NOT NULL,
    cases INTEGER NOT NULL,
    PRIMARY KEY (kind, period_start, health_center_code, disease)
);
CREATE INDEX sentinel_area_totals_area ON sentinel_area_totals(health_center_code, kind, disease, period_start);

-- The reports filed before this migration.
INSERT INTO sentinel_area_periods (kind, period_start, health_center_code, sites)
SELECT kind, period_start, health_center_code, COUNT(*) FROM sentinel_reports
GROUP BY kind, period_start, health_center_code;

INSERT INTO sentinel_area_counts (kind, period_start, health_center_code, disease, age_band, sex, count)
SELECT r.kind, r.period_start, r.health_center_code, c.disease, c.age_band, c.sex, SUM(c.count)
FROM sentinel_reports r
JOIN sentinel_revisions v ON v.report_id = r.id AND v.revision = r.current_revision
JOIN sentinel_counts c ON c.revision_id = v.id
GROUP BY r.kind, r.period_start, r.health_center_code, c.disease, c.age_band, c.sex;

INSERT INTO sentinel_area_totals (kind, period_start, health_center_code, disease, cases)
SELECT r.kind, r.period_start, r.health_center_code, c.disease, SUM(c.count)
FROM sentinel_reports r
JOIN sentinel_revisions v ON v.report_id = r.id AND v.revision = r.current_revision
JOIN sentinel_counts c ON c.revision_id = v.id
GROUP BY r.kind, r.period_start, r.health_center_code, c.disease;
