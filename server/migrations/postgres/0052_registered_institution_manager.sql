-- The user manager of an institution registered for a request (issue 20; A-5 with A-6): when a user
-- manager's online application names an institution missing from the master (e.g. the manager's
-- hospital, newly a sentinel site that the 定点 master lacks) and the sysadmin registers it and approves,
-- the accounts are issued at that new institution, and the requesting institution's user manager asks
-- for their changes (R-3) as for its own staff. Set by the approval; NULL: the institution's own manager.
ALTER TABLE institutions ADD COLUMN manager_institution_code TEXT REFERENCES institutions(code);
CREATE INDEX institutions_manager ON institutions (manager_institution_code)
    WHERE manager_institution_code IS NOT NULL;
-- Requests approved before this migration: the first approved request whose accounts were issued at a
-- registered institution other than its own.
UPDATE institutions SET manager_institution_code = (
    SELECT r.institution_code FROM account_requests r JOIN users u ON u.batch_id = r.batch_id
    WHERE u.institution_code = institutions.code AND r.institution_code <> institutions.code
    ORDER BY r.decided_at LIMIT 1
) WHERE source = 'registered';
