-- A hotline call log can be amended until its case is forwarded: every later version of the log is kept here,
-- beside the first one in raw_message, so nothing an operator sent is lost.
create table raw_message_amendment (
    id           bigint generated always as identity primary key,
    case_id      uuid not null references report_case (id),
    amended_at   timestamptz not null,
    amended_by   text not null,
    content_type text,
    body         bytea not null
);
create index raw_message_amendment_case_idx on raw_message_amendment (case_id, id);

-- While a forward is being sent its row carries the end of the claim's lease: an amendment must not rewrite a
-- case the forwarder is sending. next_attempt_at cannot tell, since a failed attempt also moves it forward.
alter table forward_outbox add column claimed_until timestamptz;
create index forward_outbox_case_idx on forward_outbox (case_id);

-- The console looks for open cases of one category around a point: a bounding box on lat/lon, then the exact
-- distance.
create index report_case_open_position_idx on report_case (category_code, lat, lon)
    where master_case_id is null and lat is not null;
