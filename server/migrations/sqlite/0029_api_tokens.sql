-- Personal API tokens (issue 20) (SQLite): an electronic medical record system files notifications for
-- a doctor's institution with `Authorization: Bearer`. Only the token's SHA-256 is kept; the token is
-- shown once, when it is made. The institution is the account's at creation: a token never files
-- for another, even if the account moves.
CREATE TABLE api_tokens (
    id BLOB PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(user_id),
    institution_code TEXT NOT NULL REFERENCES institutions(code),
    -- What the doctor called it (e.g. the EMR system's name), to tell tokens apart in the list.
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT,
    -- The rate limit's current window: when it began and how many requests it has had.
    window_started_at TEXT,
    window_requests INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
