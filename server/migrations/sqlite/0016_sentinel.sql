-- Sentinel surveillance (定点把握, issue 14).
-- 定点指定: an institution is a sentinel of a type from a day until a day (inclusive; open-ended without).
CREATE TABLE sentinel_designations (
    institution_code TEXT NOT NULL REFERENCES institutions(code),
    sentinel_type TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    PRIMARY KEY (institution_code, sentinel_type, valid_from)
);
CREATE INDEX sentinel_designations_type ON sentinel_designations(sentinel_type, valid_from);

-- One report per site × kind × period (`2025-W15`, `2025-04`; `period_start` its first day, for ranges),
-- identified by its first filing's id; `current_revision` names the revision in force.
CREATE TABLE sentinel_reports (
    id BLOB PRIMARY KEY,
    institution_code TEXT NOT NULL REFERENCES institutions(code),
    health_center_code TEXT NOT NULL REFERENCES health_centers(code),
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    period_start TEXT NOT NULL,
    current_revision INTEGER NOT NULL,
    -- The first filing came after the deadline.
    late BOOLEAN NOT NULL,
    UNIQUE (institution_code, kind, period)
);
CREATE INDEX sentinel_reports_period ON sentinel_reports(kind, period_start, health_center_code);

-- Every filing (first report and corrections) under the id its device chose, with its receipt.
CREATE TABLE sentinel_revisions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id BLOB NOT NULL UNIQUE,
    report_id BLOB NOT NULL REFERENCES sentinel_reports(id),
    revision INTEGER NOT NULL,
    filed_by TEXT NOT NULL REFERENCES users(user_id),
    received_at TEXT NOT NULL,
    receipt_number TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    no_patients BOOLEAN NOT NULL,
    late BOOLEAN NOT NULL,
    UNIQUE (report_id, revision)
);

-- A revision's cases by disease × age band × sex (only cells above 0).
CREATE TABLE sentinel_counts (
    revision_id BLOB NOT NULL REFERENCES sentinel_revisions(id),
    disease TEXT NOT NULL,
    age_band TEXT NOT NULL,
    sex TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (revision_id, disease, age_band, sex)
);

-- 入院サーベイランス: a revision's admissions with a care item, per disease (only items above 0).
CREATE TABLE sentinel_care_items (
    revision_id BLOB NOT NULL REFERENCES sentinel_revisions(id),
    disease TEXT NOT NULL,
    item TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (revision_id, disease, item)
);

-- Mail other than account letters (reminders to sentinel sites), sent by the letter worker with the
-- same retries; nothing secret, so not sealed.
CREATE TABLE mail_outbox (
    id BLOB PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    queued_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    claimed_until TEXT,
    sent_at TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);
