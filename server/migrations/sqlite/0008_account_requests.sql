-- Requests of institutions' user managers to their sysadmin (R-3, A-6): new accounts for staff, or
-- a change, suspension, resumption, deletion or password reset of one staff member's account (SQLite).
CREATE TABLE account_requests (
    id BLOB PRIMARY KEY,
    institution_code TEXT NOT NULL REFERENCES institutions(code),
    requested_by TEXT NOT NULL REFERENCES users(user_id),
    requested_at TEXT NOT NULL,
    -- The requested action as JSON (domain::api::RequestedAction).
    action TEXT NOT NULL,
    note TEXT,
    -- 'pending', 'approved', 'rejected' or 'withdrawn'.
    state TEXT NOT NULL,
    decided_by TEXT REFERENCES users(user_id),
    decided_at TEXT,
    reason TEXT,
    -- What an approved request for new accounts made: the batch and its accounts (JSON).
    batch_id BLOB REFERENCES account_batches(id),
    issued TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX account_requests_institution ON account_requests(institution_code, requested_at);
CREATE INDEX account_requests_state ON account_requests(state, requested_at);
