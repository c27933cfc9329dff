-- An open alarm is withdrawn by the detection run when its week, evaluated again, no longer exceeds
-- the bound (a 疑似症 report returned after the run, late corrections), and reopened by it when the
-- week exceeds again (issue 15). Those history rows have no actor: alarm_events.actor becomes
-- optional (PostgreSQL). NULL: the detection run, not a person.
ALTER TABLE alarm_events ALTER COLUMN actor DROP NOT NULL;
