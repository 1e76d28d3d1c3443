-- Every platform a case was sent to, and why: the first routing, an escalation when
-- acceptance was overdue, a re-routing after a 回退, triage. Escalation and re-routing
-- pick the next platform not already here; the city's figures count returns and
-- escalations from here.
create table case_routing (
    id          bigint generated always as identity primary key,
    case_id     uuid not null references report_case (id),
    platform_id text not null,
    level       text not null,
    area_code   text not null,
    reason      text not null check (reason in ('INITIAL', 'ESCALATED', 'RETURNED', 'TRIAGE', 'AMENDED', 'SPLIT')),
    rule        text not null,
    at          timestamptz not null
);
create index case_routing_case_idx on case_routing (case_id, at);

-- Urgency raises priority; the service-level deadlines of the platform that has the case
-- now, set when it is forwarded there; resolve_overdue_at once a reminder went out.
alter table report_case
    add column priority           text not null default 'NORMAL' check (priority in ('NORMAL', 'URGENT')),
    add column accept_due_at      timestamptz,
    add column resolve_due_at     timestamptz,
    add column resolve_overdue_at timestamptz;
create index report_case_accept_due_idx on report_case (accept_due_at)
    where status = 'FORWARDED' and accept_due_at is not null;
create index report_case_resolve_due_idx on report_case (resolve_due_at)
    where status in ('ACCEPTED', 'DISPATCHED', 'IN_PROGRESS') and resolve_overdue_at is null;
