-- A national administrator's batch of issued accounts (supervisors of any 都道府県等) belongs to no
-- 都道府県等: prefecture_code becomes optional (NULL: only national administrators take its file).
ALTER TABLE account_batches ALTER COLUMN prefecture_code DROP NOT NULL;

-- Maintenance stops (P-1): from starts_at until ends_at (NULL: until a national administrator ends
-- it) the API refuses new work with 503 and the message; reading stays allowed if read_only.
CREATE TABLE maintenance_stops (
    id UUID PRIMARY KEY,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ,
    message TEXT NOT NULL,
    read_only BOOLEAN NOT NULL DEFAULT FALSE,
    created_by TEXT NOT NULL REFERENCES users(user_id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX maintenance_stops_start ON maintenance_stops(starts_at);
