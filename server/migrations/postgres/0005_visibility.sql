-- Roles above and beside the health center (N-6, R-6): accounts of a 都道府県等 (prefecture_code) or of the
-- country (no organization), the 個票・CSVダウンロードフラグ, and veterinarians' animal reports (N-7) as
-- notifications naming their disease × species pair (PostgreSQL).
ALTER TABLE users DROP CONSTRAINT users_check;
ALTER TABLE users ADD COLUMN prefecture_code TEXT REFERENCES prefectures(code);
-- At most one organization; none for national accounts. Which one a role needs is the server's rule.
ALTER TABLE users ADD CONSTRAINT users_one_organization
    CHECK (num_nonnulls(institution_code, health_center_code, prefecture_code) <= 1);
ALTER TABLE users ADD COLUMN may_download_records BOOLEAN NOT NULL DEFAULT FALSE;
-- NULL for human cases; for a veterinarian's report the code of its pair (domain::animal_reports).
ALTER TABLE notifications ADD COLUMN animal_report TEXT;
