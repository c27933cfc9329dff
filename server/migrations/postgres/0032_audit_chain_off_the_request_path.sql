-- The audit chain off the request path (issue 17): a request appends its audit record without a
-- hash, and one chainer at a time (server/src/audit.rs) gives the unchained records, oldest first, the
-- next positions of the chain with their hashes. Records commit in another order than their seq on
-- PostgreSQL, so the chain's order is its own column. Until now chain order was seq order: chained
-- records keep their seq as their position.
ALTER TABLE audit_log ADD COLUMN chain_position BIGINT;
UPDATE audit_log SET chain_position = seq WHERE hash IS NOT NULL;
CREATE UNIQUE INDEX audit_log_chain_position ON audit_log (chain_position);
CREATE INDEX audit_log_unchained ON audit_log (seq) WHERE chain_position IS NULL;
