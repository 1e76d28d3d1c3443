-- Besides the case and its updates, a platform is told when a case was escalated past it
-- (WITHDRAW) and when a case it holds is overdue for resolution (REMINDER).
alter table forward_outbox drop constraint forward_outbox_kind_check;
alter table forward_outbox
    add constraint forward_outbox_kind_check check (kind in ('CASE', 'UPDATE', 'WITHDRAW', 'REMINDER'));

-- Escalation looks for forwarded cases by platform history: every case's routes in order.
create index case_routing_platform_idx on case_routing (case_id, platform_id);
