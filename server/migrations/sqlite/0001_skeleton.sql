-- Masters, accounts, sessions, notifications and the audit log (SQLite). Times are UTC.
CREATE TABLE prefectures (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE health_centers (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    prefecture_code TEXT NOT NULL REFERENCES prefectures(code)
);

-- Each institution is the responsibility of exactly one health center (routing, N-3).
CREATE TABLE institutions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    health_center_code TEXT NOT NULL REFERENCES health_centers(code)
);

CREATE TABLE users (
    user_id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    institution_code TEXT REFERENCES institutions(code),
    health_center_code TEXT REFERENCES health_centers(code),
    CHECK ((institution_code IS NULL) <> (health_center_code IS NULL))
);

-- Only a hash of the session token is kept: a copy of this table does not let anyone log in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(user_id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE notifications (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id BLOB NOT NULL UNIQUE,
    receipt_number TEXT UNIQUE,
    disease TEXT NOT NULL,
    answers TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    filed_by TEXT NOT NULL REFERENCES users(user_id),
    institution_code TEXT NOT NULL REFERENCES institutions(code),
    health_center_code TEXT NOT NULL REFERENCES health_centers(code),
    status TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX notifications_health_center ON notifications(health_center_code, seq);
CREATE INDEX notifications_institution ON notifications(institution_code, seq);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT,
    action TEXT NOT NULL,
    target TEXT,
    client_address TEXT,
    outcome TEXT NOT NULL
);
