-- ID management (issue 19): a contact is closed with a reason (no longer followed: the observation
-- ended without illness, not a contact after all…), as cases and observations are. Status `closed`.
ALTER TABLE contacts ADD COLUMN closed_reason TEXT;
