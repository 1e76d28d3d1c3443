-- Polled platforms: when each open case is next asked about. Claiming a case moves it on by one interval, so
-- instances sharing the database never poll the same case at once.
alter table report_case add column next_poll_at timestamptz;
create index report_case_poll_due_idx on report_case (route_platform_id, next_poll_at)
    where status in ('FORWARDED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'REOPENED');

-- Progress texts per number and local day, reserved before each send, so the daily limit holds across instances.
create table sms_daily_count (
    mobile text not null,
    day    date not null,
    texts  int  not null check (texts >= 0),
    primary key (mobile, day)
);
