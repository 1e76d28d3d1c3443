-- How a case's place was found: a point, or words geocoded against the gazetteer, and how sure that was.
alter table report_case
    add column location_source    text not null default 'POINT',
    add column place_kind         text,
    add column place_confidence   double precision,
    add column place_text         text,
    add column place_name         text,
    add column place_span_start   int,
    add column place_span_end     int,
    add column place_lon          double precision,
    add column place_lat          double precision,
    add column address_distance_m double precision,
    add column address_mismatch   boolean not null default false;
alter table report_case alter column location_source drop default;
