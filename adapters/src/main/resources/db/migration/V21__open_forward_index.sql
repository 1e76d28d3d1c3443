-- The forward poll holds an update back until its platform has the case, which asks for the case's
-- forwards of kind CASE that are not done. Without an index PostgreSQL answered that by hashing every
-- row of forward_outbox on every poll (27 ms at 41,000 rows, and growing with every case ever
-- forwarded); the forwards still open are few, and this index holds only them.
create index forward_outbox_open_case_idx on forward_outbox (case_id, platform_id)
    where kind = 'CASE' and state <> 'DONE';
