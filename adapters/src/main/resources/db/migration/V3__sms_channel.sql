-- What residents text in: every part as delivered (kept before the SMSC is acknowledged), and the whole
-- messages joined from them, waiting to be acted on.
create table sms_mo_part (
    id           bigint generated always as identity primary key,
    sender       text not null,
    short_code   text not null,
    concat_ref   int,
    concat_total int not null default 1,
    concat_seq   int not null default 1,
    text         text not null,
    raw          bytea,
    link         text,
    received_at  timestamptz not null,
    message_id   bigint
);
create index sms_mo_part_open_idx on sms_mo_part (sender, short_code, concat_ref, concat_total) where message_id is null;
create index sms_mo_part_recent_idx on sms_mo_part (sender, short_code, received_at);

create table sms_mo_message (
    id              bigint generated always as identity primary key,
    sender          text not null,
    short_code      text not null,
    text            text not null,
    partial         boolean not null default false,
    parts_expected  int not null default 1,
    parts_received  int not null default 1,
    received_at     timestamptz not null,
    state           text not null default 'PENDING' check (state in ('PENDING', 'DONE', 'DEAD')),
    attempts        int not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    outcome         text,
    case_number     text,
    processed_at    timestamptz
);
create index sms_mo_message_due_idx on sms_mo_message (next_attempt_at) where state = 'PENDING';
create index sms_mo_message_sender_idx on sms_mo_message (sender, received_at);

-- Residents' standing wishes and what their next message is expected to answer.
create table sms_opt_out (
    mobile text primary key,
    since  timestamptz not null
);
create table sms_expectation (
    mobile      text primary key,
    kind        text not null check (kind in ('ADDRESS', 'RATING')),
    case_number text not null,
    until       timestamptz not null
);
create table sms_flood_notice (
    mobile text not null,
    day    date not null,
    primary key (mobile, day)
);
create table case_rating (
    id          bigint generated always as identity primary key,
    case_number text not null,
    mobile      text not null,
    score       int not null check (score between 1 and 3),
    at          timestamptz not null
);
create index case_rating_case_idx on case_rating (case_number);

-- Texts out: why each is sent, a key that keeps a reply from being queued twice, and what became of it.
alter table sms_outbox
    add column kind           text not null default 'STATUS' check (kind in ('REPLY', 'STATUS', 'CONFIRMATION')),
    add column dedup_key      text,
    add column message_keys   text[],
    add column delivery_state text,
    add column delivery_error text,
    add column delivered_at   timestamptz;
alter table sms_outbox drop constraint sms_outbox_state_check;
alter table sms_outbox add constraint sms_outbox_state_check check (state in ('PENDING', 'SENT', 'DEAD', 'SUPPRESSED'));
create unique index sms_outbox_dedup_uq on sms_outbox (dedup_key) where dedup_key is not null;
create index sms_outbox_message_keys_idx on sms_outbox using gin (message_keys);

-- Receipts, kept even when they arrive before the send they belong to is recorded.
create table sms_receipt (
    id          bigint generated always as identity primary key,
    message_id  text not null,
    match_keys  text[] not null,
    state       text not null,
    error_code  text,
    done_at     timestamptz,
    received_at timestamptz not null default now(),
    outbox_id   bigint references sms_outbox (id)
);
create index sms_receipt_unmatched_idx on sms_receipt using gin (match_keys) where outbox_id is null;
create index sms_receipt_outbox_idx on sms_receipt (outbox_id);

create index report_case_reporter_recent_idx on report_case (reporter_mobile, received_at desc);
