-- Second factor, password lifecycle, account status, one-time codes and attempt throttling (SQLite).
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN phone TEXT;
ALTER TABLE users ADD COLUMN second_factor TEXT NOT NULL DEFAULT 'email';
-- NULL: the password was issued, not chosen by the user (initial or administrator reset).
ALTER TABLE users ADD COLUMN password_changed_at TEXT;
ALTER TABLE users ADD COLUMN password_change_reason TEXT;
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active';

-- NULL until the second factor succeeded: such a session may only enter a code or a passkey.
ALTER TABLE sessions ADD COLUMN second_factor_at TEXT;

CREATE TABLE one_time_codes (
    id BLOB PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(user_id),
    purpose TEXT NOT NULL,
    method TEXT NOT NULL,
    destination TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    session_token_hash TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    used_at TEXT
);
CREATE INDEX one_time_codes_user ON one_time_codes(user_id, purpose, created_at);

CREATE TABLE throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL
);
