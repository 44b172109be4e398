-- A live section is neither archived itself nor part of an archived plan. Everything that shows "the
-- table's sections" (the plan overview, coverage, the goals a section serves, search) joins this view,
-- so the rule has one home. Archived sections stay in `sections`, as history.

create view live_sections as
  select s.id, s.table_id, s.plan_id
    from sections s join plans p on p.id = s.plan_id
   where s.archived_at is null and p.archived_at is null;
