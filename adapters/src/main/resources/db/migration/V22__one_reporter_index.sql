-- Every new case updates every index of report_case. report_case_reporter_recent_idx
-- (reporter_mobile, received_at desc) answers every lookup by number that this one did, so
-- this one only cost each insert a write.
drop index report_case_mobile_idx;
