-- 疑似症サーベイランス (issue 15) (PostgreSQL). One report per patient, filed at once by an institution
-- designated for 疑似症 (sentinel_designations, type `syndromic`) under the id its device chose, and
-- routed to the health center responsible for the institution.
CREATE TABLE syndromic_reports (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id UUID NOT NULL UNIQUE,
    receipt_number TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    institution_code TEXT NOT NULL REFERENCES institutions(code),
    health_center_code TEXT NOT NULL REFERENCES health_centers(code),
    filed_by TEXT NOT NULL REFERENCES users(user_id),
    -- SHA-256 of the checked content: the same id again with the same content gets the same receipt.
    content_hash TEXT NOT NULL,
    -- The checked content (`SyndromicContent` as JSON); its diagnosis day also as a column, for the
    -- weekly series of an area.
    content TEXT NOT NULL,
    diagnosed_on TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE INDEX syndromic_reports_health_center ON syndromic_reports(health_center_code, diagnosed_on);
CREATE INDEX syndromic_reports_institution ON syndromic_reports(institution_code);

-- Every step: the receipt, then the health center's acceptance or return (with its comment).
CREATE TABLE syndromic_events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id UUID NOT NULL REFERENCES syndromic_reports(id),
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL REFERENCES users(user_id),
    action TEXT NOT NULL,
    comment TEXT
);
CREATE INDEX syndromic_events_report ON syndromic_events(report_id, seq);
