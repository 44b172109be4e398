-- Progress reports (voortgangsrapportage, a half year) and evaluations (a year): one row per revision,
-- generated live while a draft and frozen for good at publication (figures, narrative, PDF); the derived
-- text of their co-written narrative parts; council questions (raadsvragen) and their answers; deep links
-- from notifications to reports; and the history of section-goal links, kept from now on so that a report
-- can show the coverage matrix as it stood at its period's end.

create table reports (
  id uuid primary key default gen_random_uuid(),
  table_id uuid not null references tables (id) on delete cascade,
  kind text not null check (kind in ('progress', 'evaluation')),
  -- A half year ('2026-H1') for a progress report, a year ('2026') for an evaluation.
  period text not null,
  -- 1 for the first publication; a correction is revision 2, 3, … of the same (table, kind, period).
  revision integer not null check (revision >= 1),
  -- The first revision's id, on every later revision.
  revision_of uuid references reports (id),
  -- Why a correction was made (null on revision 1).
  reason text check (length(trim(reason)) between 1 and 4000),
  status text not null default 'draft' check (status in ('draft', 'published')),
  created_by uuid not null references users (id),
  created_at timestamptz not null,
  ready_chair_by uuid references users (id),
  ready_chair_at timestamptz,
  ready_secretariat_by uuid references users (id),
  ready_secretariat_at timestamptz,
  published_by uuid references users (id),
  published_at timestamptz,
  -- Frozen at publication: the generated figures (ReportGenerated), the narrative parts (ReportPart[]), the PDF.
  generated jsonb,
  narrative jsonb,
  pdf bytea,
  -- A later revision of the same report was published: this one is kept as history.
  superseded_at timestamptz,
  check (
    (kind = 'progress' and period ~ '^[0-9]{4}-H[12]$') or (kind = 'evaluation' and period ~ '^[0-9]{4}$')
  ),
  check ((revision = 1) = (revision_of is null)),
  check ((revision = 1) = (reason is null)),
  check ((ready_chair_by is null) = (ready_chair_at is null)),
  check ((ready_secretariat_by is null) = (ready_secretariat_at is null)),
  check (
    (status = 'draft' and published_at is null and published_by is null and generated is null and narrative is null
      and pdf is null)
    or (status = 'published' and published_at is not null and published_by is not null and generated is not null
      and narrative is not null and pdf is not null)
  ),
  check (superseded_at is null or status = 'published'),
  unique (table_id, kind, period, revision)
);
-- At most one draft per report: a correction is started only when no other draft of it exists.
create unique index reports_one_draft_idx on reports (table_id, kind, period) where status = 'draft';
create index reports_table_idx on reports (table_id, period desc);

-- A published revision is frozen: its figures, narrative, PDF and publication cannot change, not even by
-- the application; only the moment a later revision supersedes it is written afterwards.
create function reports_published_frozen() returns trigger language plpgsql as $$
begin
  if old.status = 'published' and (
       new.status is distinct from old.status or new.generated is distinct from old.generated
       or new.narrative is distinct from old.narrative or new.pdf is distinct from old.pdf
       or new.published_at is distinct from old.published_at or new.published_by is distinct from old.published_by
       or new.period is distinct from old.period or new.kind is distinct from old.kind
       or new.revision is distinct from old.revision or new.table_id is distinct from old.table_id
       or (old.superseded_at is not null and new.superseded_at is distinct from old.superseded_at)) then
    raise exception 'a published report is frozen (% refused)', tg_op using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
create trigger reports_frozen before update on reports for each row execute function reports_published_frozen();

-- The derived HTML and text of each narrative part's live document (report:<id>:<part>), written by the
-- co-editing store's content sink while the report is a draft; doc_state is the Yjs state frozen at
-- publication, from which a correction's documents start.
create table report_parts (
  report_id uuid not null references reports (id) on delete cascade,
  part_key text not null check (part_key ~ '^(summary|outlook|goal-[0-9a-f-]{36})$'),
  html text not null default '',
  text text not null default '',
  doc_state bytea,
  updated_at timestamptz not null,
  primary key (report_id, part_key)
);

-- Raadsvragen: a council member asks about a published report (optionally one of its parts); the
-- secretariat answers once.
create table report_questions (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null references reports (id) on delete cascade,
  -- A narrative part key, goal-<id>, 'sections', 'escalations' or 'coverage'; null for the whole report.
  part_id text check (length(part_id) between 1 and 100),
  text text not null check (length(trim(text)) between 1 and 4000),
  asked_by uuid not null references users (id),
  asked_at timestamptz not null,
  answer_text text check (length(trim(answer_text)) between 1 and 4000),
  answered_by uuid references users (id),
  answered_at timestamptz,
  check ((answer_text is null) = (answered_by is null) and (answer_text is null) = (answered_at is null))
);
create index report_questions_report_idx on report_questions (report_id, asked_at);

-- Notifications about a report (its publication) or a question on it (asked, answered) link there.
alter table notifications add column report_id uuid references reports (id) on delete cascade;
alter table notifications add column question_id uuid references report_questions (id) on delete cascade;

-- Which goals each section served when: a row per link, closed when the link goes. Kept by the command that
-- links sections to goals, from this migration on. The links that exist now are backfilled with
-- linked_at = now() and backfilled = true: before that moment the history does not know them, so a report
-- whose period ends earlier shows the current links and says so.
create table section_goal_history (
  id integer generated always as identity primary key,
  section_id uuid not null references sections (id) on delete cascade,
  goal_id uuid not null references goals (id) on delete cascade,
  linked_at timestamptz not null,
  unlinked_at timestamptz,
  backfilled boolean not null default false
);
create unique index section_goal_history_open_idx on section_goal_history (section_id, goal_id)
  where unlinked_at is null;
create index section_goal_history_goal_idx on section_goal_history (goal_id);

insert into section_goal_history (section_id, goal_id, linked_at, backfilled)
  select section_id, goal_id, now(), true from section_goals;

-- Every adoption of a section version: a round that agreed on it, or a ruling that took effect. The
-- adopted text (vastgestelde tekst) of a section, now or as of a moment, is its highest-numbered version
-- adopted by then; the adopted plan and the reports both read it here, so the rule has one home.
create view section_adoptions as
  select r.section_id, r.version_id, r.closed_at as adopted_at,
         case r.kind when 'mediation_proposal' then 'mediation' else 'consensus' end as way,
         null::uuid as ruling_id
    from rounds r
   where r.outcome = 'agreed'
  union all
  select g.section_id, g.version_id, g.effective_at, 'ruling', g.id
    from rulings g
   where g.effective_at is not null and g.version_id is not null;
