-- Plans and their sections, and the collaborative documents behind the sections: an append-only
-- log of Yjs updates per document, compacted into a snapshot when it grows.

create table plans (
  id uuid primary key default gen_random_uuid(),
  table_id uuid not null references tables (id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  period_start integer not null,
  period_end integer not null check (period_end >= period_start),
  created_at timestamptz not null
);

create table sections (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plans (id) on delete cascade,
  table_id uuid not null references tables (id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  position integer not null,
  -- Locked sections refuse every document update (e.g. while a consent round runs).
  locked boolean not null default false,
  lock_reason text,
  content_html text not null default '',
  content_text text not null default '',
  last_edited_by uuid references users (id),
  last_edited_at timestamptz,
  created_at timestamptz not null,
  unique (plan_id, position)
);
create index sections_table_idx on sections (table_id);

create table doc_updates (
  id integer generated always as identity primary key,
  doc_name text not null,
  data bytea not null,
  created_at timestamptz not null
);
create index doc_updates_doc_idx on doc_updates (doc_name, id);

create table doc_snapshots (
  doc_name text primary key,
  state bytea not null,
  -- The highest doc_updates.id folded into this snapshot.
  through_update_id integer not null,
  updated_at timestamptz not null
);
