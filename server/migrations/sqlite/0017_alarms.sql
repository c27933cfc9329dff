-- Aberration alarms (issue 15) (SQLite). An alarm is one week of one series (disease × health-center
-- area × source) where one method's bound was exceeded; the unique key makes a re-run add nothing.
-- Health centers get an e-mail address (the master's メールアドレス) for the alarm mails.
ALTER TABLE health_centers ADD COLUMN email TEXT;

CREATE TABLE alarms (
    id BLOB PRIMARY KEY,
    disease TEXT NOT NULL,
    health_center_code TEXT NOT NULL REFERENCES health_centers(code),
    source TEXT NOT NULL,
    iso_year INTEGER NOT NULL,
    iso_week INTEGER NOT NULL,
    -- The command line's name of the method, and the method with its parameters as JSON.
    method TEXT NOT NULL,
    parameters TEXT NOT NULL,
    observed INTEGER NOT NULL,
    upperbound REAL NOT NULL,
    detected_at TEXT NOT NULL,
    status TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    UNIQUE (disease, health_center_code, source, iso_year, iso_week, method)
);
CREATE INDEX alarms_health_center ON alarms(health_center_code);

-- Each marking (調査中, 説明可能, 問題なし) with its comment.
CREATE TABLE alarm_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    alarm_id BLOB NOT NULL REFERENCES alarms(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL REFERENCES users(user_id),
    status TEXT NOT NULL,
    comment TEXT NOT NULL
);
CREATE INDEX alarm_events_alarm ON alarm_events(alarm_id, seq);

-- The mail outbox of new alarms, sent by the mail worker like account letters.
CREATE TABLE alarm_mails (
    alarm_id BLOB PRIMARY KEY REFERENCES alarms(id),
    recipient TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at TEXT NOT NULL,
    claimed_until TEXT,
    sent_at TEXT
);
CREATE INDEX alarm_mails_due ON alarm_mails(state, next_attempt_at);

-- Each detection run: the week it ran for every series (NULL for a pass over late data only), and
-- when it started (notifications received after that are late data for the next pass).
CREATE TABLE detection_runs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    iso_year INTEGER,
    iso_week INTEGER,
    started_at TEXT NOT NULL
);
