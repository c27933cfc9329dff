-- An open alarm is withdrawn by the detection run when its week, evaluated again, no longer exceeds
-- the bound (a 疑似症 report returned after the run, late corrections), and reopened by it when the
-- week exceeds again (issue 15). Those history rows have no actor: alarm_events.actor becomes
-- optional (SQLite). SQLite cannot drop a NOT NULL, so the table is rebuilt by the documented
-- procedure (migrations run with foreign keys off; see 0005).
CREATE TABLE alarm_events_new (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    alarm_id BLOB NOT NULL REFERENCES alarms(id),
    at TEXT NOT NULL,
    -- NULL: the detection run (a withdrawal or a reopening), not a person.
    actor TEXT REFERENCES users(user_id),
    status TEXT NOT NULL,
    comment TEXT NOT NULL
);
INSERT INTO alarm_events_new (seq, alarm_id, at, actor, status, comment)
SELECT seq, alarm_id, at, actor, status, comment FROM alarm_events;
DROP TABLE alarm_events;
ALTER TABLE alarm_events_new RENAME TO alarm_events;
CREATE INDEX alarm_events_alarm ON alarm_events(alarm_id, seq);
