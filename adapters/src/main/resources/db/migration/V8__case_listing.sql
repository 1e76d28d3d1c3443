-- Open311 lists cases received within a window, newest first, optionally of some service codes.
-- Not built concurrently: Flyway's transactional advisory lock would make CREATE INDEX CONCURRENTLY
-- wait for Flyway itself. A district's cases index in seconds; intake waits that long at most.
create index report_case_received_idx on report_case (received_at desc);
create index report_case_category_received_idx on report_case (category_code, received_at desc);
