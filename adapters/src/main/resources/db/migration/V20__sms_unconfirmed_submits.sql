-- Attempts of a text whose submit_sm the SMSC never answered (the bind dropped, or the answer came too late).
-- The SMSC may have taken such a part, so a text with a count here may have reached the resident twice; every other
-- text went out once.
alter table sms_outbox add column unconfirmed_submits int not null default 0;
