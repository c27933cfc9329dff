-- Notices (お知らせ, P-1): published by the national administrator (to anyone) or by a 都道府県等's
-- sysadmins and supervisor (to their own 都道府県等), shown from starts_at until ends_at to the accounts
-- of the audience (prefecture_code and role; NULL: any) unless withdrawn.
CREATE TABLE notices (
    id UUID PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    prefecture_code TEXT REFERENCES prefectures(code),
    role TEXT,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL,
    published_by TEXT NOT NULL REFERENCES users(user_id),
    published_at TIMESTAMPTZ NOT NULL,
    withdrawn_at TIMESTAMPTZ
);
CREATE INDEX notices_period ON notices(ends_at, starts_at);

-- Which account opened which notice (a notice not opened is shown as new).
CREATE TABLE notice_reads (
    notice_id UUID NOT NULL REFERENCES notices(id),
    user_id TEXT NOT NULL REFERENCES users(user_id),
    read_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (notice_id, user_id)
);
