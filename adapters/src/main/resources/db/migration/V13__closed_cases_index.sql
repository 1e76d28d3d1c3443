-- The merge catch-up asks every few seconds, on every instance, which open cases have
-- closed since it last looked; without this it would read the whole case table each time.
create index report_case_closed_recently_idx on report_case (updated_at)
    where status in ('RESOLVED', 'CLOSED') and master_case_id is null;
