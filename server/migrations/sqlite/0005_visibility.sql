-- Roles above and beside the health center (N-6, R-6): accounts of a 都道府県等 (prefecture_code) or of the
-- country (no organization), the 個票・CSVダウンロードフラグ, and veterinarians' animal reports (N-7) as
-- notifications naming their disease × species pair (SQLite). The old CHECK allowed only an
-- institution or a health center, and SQLite cannot change a CHECK, so the table is rebuilt by the
-- documented procedure (https://www.sqlite.org/lang_altertable.html#otheralter), which needs foreign
-- keys off: SqliteStore runs migrations on a connection without them and checks the keys afterwards.
CREATE TABLE users_new (
    user_id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    institution_code TEXT REFERENCES institutions(code),
    health_center_code TEXT REFERENCES health_centers(code),
    prefecture_code TEXT REFERENCES prefectures(code),
    email TEXT,
    phone TEXT,
    second_factor TEXT NOT NULL DEFAULT 'email',
    password_changed_at TEXT,
    password_change_reason TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    may_download_records INTEGER NOT NULL DEFAULT 0,
    -- At most one organization; none for national accounts. Which one a role needs is the server's rule.
    CHECK ((institution_code IS NOT NULL) + (health_center_code IS NOT NULL) + (prefecture_code IS NOT NULL) <= 1)
);
INSERT INTO users_new (user_id, display_name, password_hash, role, institution_code, health_center_code, email,
    phone, second_factor, password_changed_at, password_change_reason, status)
SELECT user_id, display_name, password_hash, role, institution_code, health_center_code, email,
    phone, second_factor, password_changed_at, password_change_reason, status FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
-- NULL for human cases; for a veterinarian's report the code of its pair (domain::animal_reports).
ALTER TABLE notifications ADD COLUMN animal_report TEXT;
