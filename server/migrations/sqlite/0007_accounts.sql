-- Masters with history (A-7), institutions registered by a sysadmin (A-5), account particulars,
-- bulk issuance with its one-time password file (A-1 … A-3) and account letters (A-4) (SQLite).

-- Which master an institution is from: 'notifiable' (全数), 'sentinel' (定点) or 'animal' (動物).
ALTER TABLE institutions ADD COLUMN class TEXT NOT NULL DEFAULT 'notifiable';
-- The particulars (kana, postal code, address, phone, beds …) as JSON, compared on re-import.
ALTER TABLE institutions ADD COLUMN particulars TEXT NOT NULL DEFAULT '{}';
-- 'master' (imported) or 'registered' (created by a sysadmin because the master lacked it).
ALTER TABLE institutions ADD COLUMN source TEXT NOT NULL DEFAULT 'master';
CREATE INDEX institutions_health_center ON institutions(health_center_code);
CREATE INDEX health_centers_prefecture ON health_centers(prefecture_code);

CREATE TABLE master_imports (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    unchanged INTEGER NOT NULL
);

-- The version a re-import replaced, as JSON: nothing a master said is ever lost.
CREATE TABLE master_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    import_id BLOB NOT NULL REFERENCES master_imports(id),
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    previous TEXT NOT NULL
);
CREATE INDEX master_history_code ON master_history(kind, code, seq);

CREATE TABLE account_batches (
    id BLOB PRIMARY KEY,
    prefecture_code TEXT NOT NULL REFERENCES prefectures(code),
    issued_by TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    accounts INTEGER NOT NULL,
    -- The CSV of IDs and initial passwords, sealed (AES-256-GCM); NULL once downloaded.
    credentials TEXT,
    downloaded_at TEXT
);

-- The contact particulars of the application form (A-1 C, D) and the batch that issued the account.
ALTER TABLE users ADD COLUMN contact_phone TEXT;
ALTER TABLE users ADD COLUMN contact_email TEXT;
ALTER TABLE users ADD COLUMN batch_id BLOB REFERENCES account_batches(id);
CREATE INDEX users_institution ON users(institution_code);

-- One letter per user (a resend replaces it). The body holds the initial password, so it is sealed
-- and set to NULL as soon as the mail server took it or the letter was given up.
CREATE TABLE account_letters (
    user_id TEXT PRIMARY KEY REFERENCES users(user_id),
    recipient TEXT NOT NULL,
    sealed_body TEXT,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at TEXT NOT NULL,
    claimed_until TEXT,
    sent_at TEXT
);
CREATE INDEX account_letters_due ON account_letters(state, next_attempt_at);
