-- Personal API tokens (issue 20) (PostgreSQL): an electronic medical record system files notifications for
-- a doctor's institution with `Authorization: Bearer`. Only the token's SHA-256 is kept; the token is
-- shown once, when it is made. The institution is the account's at creation: a token never files
-- for another, even if the account moves.
CREATE TABLE api_tokens (
    id UUID PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(user_id),
    institution_code TEXT NOT NULL REFERENCES institutions(code),
    -- What the doctor called it (e.g. the EMR system's name), to tell tokens apart in the list.
    name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    -- The rate limit's current window: when it began and how many requests it has had.
    window_started_at TIMESTAMPTZ,
    window_requests INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
