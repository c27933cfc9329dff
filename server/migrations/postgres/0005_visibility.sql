-- Roles above and beside the health center (N-6, R-6): accounts of a 都道府県等 (prefecture_code) or of the
-- country (no organization), and the 個票・CSVダウンロードフラグ (PostgreSQL).
ALTER TABLE users DROP CONSTRAINT users_check;
ALTER TABLE users ADD COLUMN prefecture_code TEXT REFERENCES prefectures(code);
-- At most one organization; none for national accounts. Which one a role needs is the server's rule.
ALTER TABLE users ADD CONSTRAINT users_one_organization
    CHECK (num_nonnulls(institution_code, health_center_code, prefecture_code) <= 1);
ALTER TABLE users ADD COLUMN may_download_records BOOLEAN NOT NULL DEFAULT FALSE;
