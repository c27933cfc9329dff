-- Hash chain of the audit log (P-2): each record stores the previous record's hash and the
-- SHA-256 of that hash plus its own canonical content (server/src/audit.rs). Records from before
-- this migration are chained once at the next start.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
