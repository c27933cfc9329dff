-- Alarm mails go through the general mail outbox (mail_outbox), rendered when the alarm is stored
-- (issue 15): one outbox and one sender for every mail. 0017's alarm_mails was never released with
-- mails waiting in it, so it is dropped without moving anything.
DROP INDEX alarm_mails_due;
DROP TABLE alarm_mails;
