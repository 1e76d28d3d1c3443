-- Who filed a report (a resident, a hotline operator or a grid worker), the time a field
-- report was taken on the device beside the time it arrived, and the photos sent with it.
alter table report_case
    add column filer text not null default 'RESIDENT',
    add column filer_id text,
    add column taken_at timestamptz,
    add column outside_area boolean not null default false,
    add column media_urls text[] not null default '{}';
