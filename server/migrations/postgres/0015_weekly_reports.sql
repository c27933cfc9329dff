-- Published weekly reports (週報, issue 16): the report as it was published (JSON: counts by disease
-- and area, the generated notes, the staff's comment), of a 都道府県等 or, with no code, the nation.
-- Only aggregated figures: nothing about a person. Kept, never changed.
CREATE TABLE weekly_reports (
    id UUID PRIMARY KEY,
    jurisdiction_code TEXT REFERENCES prefectures(code),
    iso_year INTEGER NOT NULL,
    iso_week INTEGER NOT NULL,
    report TEXT NOT NULL,
    published_by TEXT NOT NULL REFERENCES users(user_id),
    published_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX weekly_reports_scope ON weekly_reports(jurisdiction_code, iso_year, iso_week);
