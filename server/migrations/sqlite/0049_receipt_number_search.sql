-- The inbox's search by part of a receipt number (issue 18: a page in ≤ 50 ms for a health center with
-- 20,000 notifications a year). `LIKE '%…%'` on the column reads every notification of the scope; an
-- FTS5 table with the trigram tokenizer (SQLite 3.34+, in the bundled SQLite) finds the rows holding a
-- part of three characters or more from its index (`receipt_number LIKE '%…%'` on this table). Its rowid
-- is the notification's seq; triggers keep it as receipt numbers are given (intake inserts the row,
-- then sets its number), changed or deleted.
CREATE VIRTUAL TABLE notification_receipt_search USING fts5(receipt_number, tokenize = 'trigram');

INSERT INTO notification_receipt_search (rowid, receipt_number)
SELECT seq, receipt_number FROM notifications WHERE receipt_number IS NOT NULL;

CREATE TRIGGER notification_receipt_search_add
AFTER INSERT ON notifications
WHEN NEW.receipt_number IS NOT NULL
BEGIN
    INSERT INTO notification_receipt_search (rowid, receipt_number) VALUES (NEW.seq, NEW.receipt_number);
END;

CREATE TRIGGER notification_receipt_search_change
AFTER UPDATE OF receipt_number ON notifications
BEGIN
    DELETE FROM notification_receipt_search WHERE rowid = OLD.seq;
    INSERT INTO notification_receipt_search (rowid, receipt_number)
    SELECT NEW.seq, NEW.receipt_number WHERE NEW.receipt_number IS NOT NULL;
END;

CREATE TRIGGER notification_receipt_search_remove
AFTER DELETE ON notifications
BEGIN
    DELETE FROM notification_receipt_search WHERE rowid = OLD.seq;
END;
