-- A notice's text revision (issue 20): an edit that changes the title or text counts it up, and a
-- reading is of one revision, so an edited notice is new again to those who read an earlier text.
-- Readings kept so far are of the first text.
ALTER TABLE notices ADD COLUMN text_revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE notice_reads ADD COLUMN text_revision INTEGER NOT NULL DEFAULT 1;
