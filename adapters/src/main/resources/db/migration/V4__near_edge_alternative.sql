-- A case located within a few metres of its grid's edge names the neighbouring grid too,
-- so routing and platforms can see the ambiguity.
alter table report_case
    add column alternative_grid_code text,
    add column alternative_grid_name text;
