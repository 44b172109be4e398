-- Plan management (archiving, drafting organizations, reordering), the table's principles, goals and
-- KPIs with targets and half-yearly measurements, section-goal links, and Dutch full-text search.

alter table plans add column archived_at timestamptz;

alter table sections add column archived_at timestamptz;
-- Reordering swaps positions inside one transaction: the uniqueness is checked at commit.
alter table sections drop constraint sections_plan_id_position_key;
alter table sections add constraint sections_plan_id_position_key unique (plan_id, position) deferrable initially deferred;
alter table sections add column search tsvector generated always as (
  setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('dutch', content_text), 'B')
) stored;
create index sections_search_idx on sections using gin (search);

-- The organizations that write a section (member organizations of the table).
create table section_drafters (
  section_id uuid not null references sections (id) on delete cascade,
  organization_id uuid not null references organizations (id),
  primary key (section_id, organization_id)
);

-- Uitgangspunten of the regional vision.
create table principles (
  id uuid primary key default gen_random_uuid(),
  table_id uuid not null references tables (id) on delete cascade,
  position integer not null,
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 4000),
  created_at timestamptz not null,
  search tsvector generated always as (
    setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('dutch', description), 'B')
  ) stored
);
create index principles_table_idx on principles (table_id, position);
create index principles_search_idx on principles using gin (search);

-- Transformatiedoelen: the movement the table buys.
create table goals (
  id uuid primary key default gen_random_uuid(),
  table_id uuid not null references tables (id) on delete cascade,
  position integer not null,
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 4000),
  -- The national transformation goal (Jeugdwet, A-E) this goal serves, for reports councils recognise.
  national_goal text check (national_goal in ('A', 'B', 'C', 'D', 'E')),
  created_at timestamptz not null,
  search tsvector generated always as (
    setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('dutch', description), 'B')
  ) stored
);
create index goals_table_idx on goals (table_id, position);
create index goals_search_idx on goals using gin (search);

create table goal_principles (
  goal_id uuid not null references goals (id) on delete cascade,
  principle_id uuid not null references principles (id) on delete cascade,
  primary key (goal_id, principle_id)
);

create table kpis (
  id uuid primary key default gen_random_uuid(),
  goal_id uuid not null references goals (id) on delete restrict,
  table_id uuid not null references tables (id) on delete cascade,
  position integer not null,
  indicator text not null check (length(indicator) between 1 and 300),
  unit text not null check (unit in ('percent', 'count', 'euro', 'days', 'number')),
  direction text not null check (direction in ('higher_is_better', 'lower_is_better')),
  baseline_year integer not null check (baseline_year between 2000 and 2100),
  baseline_value double precision not null,
  created_at timestamptz not null,
  search tsvector generated always as (to_tsvector('dutch', indicator)) stored
);
create index kpis_goal_idx on kpis (goal_id, position);
create index kpis_search_idx on kpis using gin (search);

create table kpi_targets (
  kpi_id uuid not null references kpis (id) on delete cascade,
  year integer not null check (year between 2000 and 2100),
  value double precision not null,
  primary key (kpi_id, year)
);

create table kpi_measurements (
  kpi_id uuid not null references kpis (id) on delete restrict,
  -- A half year: '2026-H1' or '2026-H2'.
  period text not null check (period ~ '^[0-9]{4}-H[12]$'),
  value double precision not null,
  source text not null check (length(source) between 1 and 300),
  note text not null default '' check (length(note) <= 2000),
  recorded_by uuid not null references users (id),
  recorded_at timestamptz not null,
  primary key (kpi_id, period)
);

create table section_goals (
  section_id uuid not null references sections (id) on delete cascade,
  goal_id uuid not null references goals (id) on delete restrict,
  primary key (section_id, goal_id)
);
create index section_goals_goal_idx on section_goals (goal_id);
