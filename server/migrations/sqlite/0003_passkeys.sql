-- Passkeys (WebAuthn) as a second factor, and the server-side state of their ceremonies (SQLite).
CREATE TABLE passkeys (
    id BLOB PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(user_id),
    credential TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT
);
CREATE INDEX passkeys_user ON passkeys(user_id);

-- A registration or authentication in progress: kept here, not in a cookie, so any instance can finish it.
CREATE TABLE webauthn_ceremonies (
    id BLOB PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(user_id),
    session_token_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
