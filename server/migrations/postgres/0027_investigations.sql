-- ID management (issue 19) (PostgreSQL): a case opened from a notification its health center accepted,
-- the investigation's entries, the case's contacts (one of whom may later become a case: the link is
-- the contact's became_case_id), health observations of a case or a contact with their daily reports,
-- and the subjects' personal links (stored as hashes). Dates of the day (exposure, period, report day)
-- are ISO text on both back ends, so that they compare as dates.
CREATE TABLE cases (
    id UUID PRIMARY KEY,
    case_number TEXT NOT NULL UNIQUE,
    notification_id UUID NOT NULL UNIQUE REFERENCES notifications(id),
    health_center_code TEXT NOT NULL REFERENCES health_centers(code),
    disease TEXT NOT NULL,
    subject_name TEXT NOT NULL,
    subject_birth_date TEXT,
    status TEXT NOT NULL,
    opened_at TIMESTAMPTZ NOT NULL,
    opened_by TEXT NOT NULL REFERENCES users(user_id),
    closed_reason TEXT,
    -- How many contacts were listed: the next contact's number.
    contacts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cases_health_center ON cases(health_center_code);

CREATE TABLE case_entries (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id UUID NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    on_date TEXT,
    text TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users(user_id),
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX case_entries_case ON case_entries(case_id, seq);

CREATE TABLE contacts (
    id UUID PRIMARY KEY,
    case_id UUID NOT NULL REFERENCES cases(id),
    contact_number TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    relation TEXT NOT NULL,
    contact_type TEXT NOT NULL,
    last_exposure TEXT NOT NULL,
    birth_date TEXT,
    phone TEXT,
    email TEXT,
    status TEXT NOT NULL,
    became_case_id UUID UNIQUE REFERENCES cases(id),
    added_by TEXT NOT NULL REFERENCES users(user_id),
    added_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX contacts_case ON contacts(case_id);

-- The health observation of a case (contact_id NULL) or of one of its contacts.
CREATE TABLE observations (
    id UUID PRIMARY KEY,
    case_id UUID NOT NULL REFERENCES cases(id),
    contact_id UUID REFERENCES contacts(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    -- The items to report (temperature, symptoms, free text) as JSON.
    items TEXT NOT NULL,
    status TEXT NOT NULL,
    closed_reason TEXT,
    started_by TEXT NOT NULL REFERENCES users(user_id),
    started_at TIMESTAMPTZ NOT NULL,
    last_reported_at TIMESTAMPTZ
);
CREATE INDEX observations_case ON observations(case_id);
CREATE INDEX observations_running ON observations(status, ends_on);

CREATE TABLE observation_reports (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    observation_id UUID NOT NULL REFERENCES observations(id),
    on_date TEXT NOT NULL,
    reported_at TIMESTAMPTZ NOT NULL,
    temperature_tenths INTEGER,
    -- Symptom codes as a JSON array.
    symptoms TEXT NOT NULL,
    note TEXT,
    channel TEXT NOT NULL,
    recorded_by TEXT REFERENCES users(user_id)
);
CREATE INDEX observation_reports_day ON observation_reports(observation_id, on_date);

-- A subject's personal link: only the token's SHA-256 is kept.
CREATE TABLE observation_links (
    token_hash TEXT PRIMARY KEY,
    observation_id UUID NOT NULL REFERENCES observations(id),
    sent_by TEXT NOT NULL REFERENCES users(user_id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ,
    failed_confirmations INTEGER NOT NULL DEFAULT 0,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX observation_links_observation ON observation_links(observation_id);
