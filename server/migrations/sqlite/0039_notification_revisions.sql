-- The content of each earlier version of a notification, kept when a resubmission replaces it
-- (issue 18), so that the health center sees what the resubmission changed against the returned
-- version. Versions replaced before this migration were not kept: their notifications show no changes.
CREATE TABLE notification_revisions (
    notification_id BLOB NOT NULL REFERENCES notifications(id),
    revision INTEGER NOT NULL,
    answers TEXT NOT NULL,
    PRIMARY KEY (notification_id, revision)
);
