-- Layer 2 deduplication: a report of an incident already open becomes a linked duplicate
-- of its master. The link keeps the evidence the decision rested on, and an operator's
-- split keeps it too, marked undone, so every decision can be reviewed.
create table case_merge (
    duplicate_id  uuid primary key references report_case (id),
    master_id     uuid not null references report_case (id),
    decided_at    timestamptz not null,
    decided_by    text not null,
    distance_m    double precision,
    category_code text,
    similarity    double precision,
    time_gap_s    bigint,
    door_evidence text,
    split_at      timestamptz,
    split_by      text,
    split_reason  text
);
create index case_merge_master_idx on case_merge (master_id);

-- What the merge step compares, stored so the open-case index can be rebuilt from here;
-- PENDING marks a report stored while the index was away, to be decided when it is back.
alter table report_case
    add column merge_state  text not null default 'DECIDED' check (merge_state in ('DECIDED', 'PENDING')),
    add column door_plate   text,
    add column problem_text text;
create index report_case_merge_pending_idx on report_case (received_at) where merge_state = 'PENDING';
create index report_case_open_masters_idx on report_case (received_at)
    where master_case_id is null and status not in ('RESOLVED', 'CLOSED', 'MERGED');

-- A master's report count and channel mix go to its platform as an update, never as a new
-- case; an update waits until the case itself has been delivered.
alter table forward_outbox
    add column kind text not null default 'CASE' check (kind in ('CASE', 'UPDATE'));
