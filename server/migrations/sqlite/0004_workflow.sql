-- The health-center workflow (N-5): the current health center (health_center_code, which a transfer
-- changes) apart from the routed one named by the receipt, a revision per resubmission, and every step
-- kept as history (SQLite).
ALTER TABLE notifications ADD COLUMN routed_health_center_code TEXT REFERENCES health_centers(code);
UPDATE notifications SET routed_health_center_code = health_center_code;
ALTER TABLE notifications ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

CREATE TABLE notification_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id BLOB NOT NULL REFERENCES notifications(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL REFERENCES users(user_id),
    action TEXT NOT NULL,
    comment TEXT,
    -- The health center responsible when the step was taken; for a transfer, also where it went.
    health_center_code TEXT NOT NULL REFERENCES health_centers(code),
    transferred_to_code TEXT REFERENCES health_centers(code),
    -- The revision the step acted on.
    revision INTEGER NOT NULL
);
CREATE INDEX notification_events_notification ON notification_events(notification_id, seq);

-- Notifications filed before the workflow existed get their receipt as the first step.
INSERT INTO notification_events (notification_id, at, actor, action, health_center_code, revision)
SELECT id, received_at, filed_by, 'received', health_center_code, 1 FROM notifications ORDER BY seq;
