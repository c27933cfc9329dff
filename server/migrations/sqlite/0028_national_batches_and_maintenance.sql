-- A national administrator's batch of issued accounts (supervisors of any 都道府県等) belongs to no
-- 都道府県等: prefecture_code becomes optional (SQLite). SQLite cannot drop a NOT NULL, so the table is
-- rebuilt by the documented procedure (migrations run with foreign keys off; see 0005).
CREATE TABLE account_batches_new (
    id BLOB PRIMARY KEY,
    -- NULL: issued by a national administrator; only national administrators take its file.
    prefecture_code TEXT REFERENCES prefectures(code),
    issued_by TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    accounts INTEGER NOT NULL,
    -- The CSV of IDs and initial passwords, sealed (AES-256-GCM); NULL once downloaded.
    credentials TEXT,
    downloaded_at TEXT
);
INSERT INTO account_batches_new (id, prefecture_code, issued_by, issued_at, accounts, credentials, downloaded_at)
SELECT id, prefecture_code, issued_by, issued_at, accounts, credentials, downloaded_at FROM account_batches;
DROP TABLE account_batches;
ALTER TABLE account_batches_new RENAME TO account_batches;

-- Maintenance stops (P-1): from starts_at until ends_at (NULL: until a national administrator ends
-- it) the API refuses new work with 503 and the message; reading stays allowed if read_only.
CREATE TABLE maintenance_stops (
    id BLOB PRIMARY KEY,
    starts_at TEXT NOT NULL,
    ends_at TEXT,
    message TEXT NOT NULL,
    read_only INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL REFERENCES users(user_id),
    created_at TEXT NOT NULL
);
CREATE INDEX maintenance_stops_start ON maintenance_stops(starts_at);
