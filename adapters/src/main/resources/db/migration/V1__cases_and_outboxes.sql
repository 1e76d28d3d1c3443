-- Case numbers take their serial from here: no row lock, so concurrent intakes never wait on each other.
create sequence case_serial;

create table report_case (
    id                    uuid primary key,
    case_number           text not null unique,
    channel               text not null,
    channel_ref           text not null,
    channel_ref_kind      text not null check (channel_ref_kind in ('CHANNEL', 'CONTENT')),
    received_at           timestamptz not null,
    reporter_mobile       text,
    sms_allowed           boolean not null,
    description           text not null,
    category_code         text,
    lon                   double precision,
    lat                   double precision,
    reported_lon          double precision,
    reported_lat          double precision,
    reported_crs          text,
    reported_accuracy_m   double precision,
    address               text,
    district_code         text,
    district_name         text,
    street_code           text,
    street_name           text,
    community_code        text,
    community_name        text,
    grid_code             text,
    grid_name             text,
    grid_registry_version text,
    master_case_id        uuid references report_case (id),
    status                text not null,
    route_platform_id     text,
    route_level           text,
    route_area_code       text,
    route_rule            text,
    route_triage          boolean,
    platform_case_id      text,
    updated_at            timestamptz not null
);

-- A reference the channel itself gave means one report, forever: the database, not Redis, is the last word.
create unique index report_case_channel_ref_uq on report_case (channel, channel_ref) where channel_ref_kind = 'CHANNEL';
create index report_case_master_idx on report_case (master_case_id) where master_case_id is not null;
create index report_case_mobile_idx on report_case (reporter_mobile) where reporter_mobile is not null;

create table raw_message (
    case_id      uuid primary key references report_case (id),
    content_type text,
    body         bytea not null
);

create table status_event (
    id      bigint generated always as identity primary key,
    case_id uuid not null references report_case (id),
    status  text not null,
    at      timestamptz not null,
    source  text not null,
    note    text
);
create index status_event_case_idx on status_event (case_id, id);

-- Outbox rows are leased by moving next_attempt_at forward: an instance that dies mid-send
-- gives the row back when the lease runs out.
create table forward_outbox (
    id              bigint generated always as identity primary key,
    case_id         uuid not null references report_case (id),
    platform_id     text not null,
    idempotency_key text not null unique,
    state           text not null default 'PENDING' check (state in ('PENDING', 'DONE', 'DEAD')),
    failed_attempts int not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    done_at         timestamptz
);
create index forward_outbox_due_idx on forward_outbox (next_attempt_at) where state = 'PENDING';

create table sms_outbox (
    id              bigint generated always as identity primary key,
    case_id         uuid references report_case (id),
    mobile          text not null,
    body            text not null,
    state           text not null default 'PENDING' check (state in ('PENDING', 'SENT', 'DEAD')),
    failed_attempts int not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    message_ids     text[],
    created_at      timestamptz not null default now(),
    sent_at         timestamptz
);
create index sms_outbox_due_idx on sms_outbox (next_attempt_at) where state = 'PENDING';
