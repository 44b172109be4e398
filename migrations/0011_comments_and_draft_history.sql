-- Comments anchored to text, and a section's draft history.
--
-- A comment thread is about a passage of a section: both ends are Yjs relative positions in the
-- section's document (stored as the client encoded them), so the anchor follows the text as it is
-- edited and outlives a version freeze. `quote` is the passage as it read when the thread started:
-- it is what the thread shows once its passage has been deleted or replaced.

create table comment_threads (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references sections (id) on delete cascade,
  anchor_start text not null check (length(anchor_start) <= 512),
  anchor_end text not null check (length(anchor_end) <= 512),
  quote text not null check (length(quote) between 1 and 2000),
  -- An objection or a remark anchored to passages opens one thread per passage.
  position_id uuid references positions (id),
  created_by uuid not null references users (id),
  created_at timestamptz not null,
  resolved_at timestamptz,
  resolved_by uuid references users (id),
  check ((resolved_at is null) = (resolved_by is null))
);
create index comment_threads_section_idx on comment_threads (section_id, created_at);

create table comments (
  id uuid primary key default gen_random_uuid(),
  thread_id uuid not null references comment_threads (id) on delete cascade,
  author_id uuid not null references users (id),
  body text not null check (length(body) between 1 and 8000),
  created_at timestamptz not null
);
create index comments_thread_idx on comments (thread_id, created_at);

-- Snapshots of a section's draft: at most one per few minutes of editing, and one just before a
-- restore, each with who edited since the previous one. Frozen versions (section_versions) complete
-- the history; a restore is a new edit, so nothing here is ever rewritten.
create table section_snapshots (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references sections (id) on delete cascade,
  reason text not null check (reason in ('editing', 'before_restore')),
  taken_at timestamptz not null,
  doc_state bytea not null,
  content_html text not null,
  content_text text not null,
  editors uuid[] not null default '{}'
);
create index section_snapshots_section_idx on section_snapshots (section_id, taken_at desc);

-- Who has edited the draft since its last history entry (the next one names them), and when that entry
-- was made (a snapshot or a version): the batch that stores edits decides from the row it updates anyway
-- whether a snapshot is due.
alter table sections add column draft_editors uuid[] not null default '{}';
alter table sections add column history_at timestamptz;
-- A frozen version is an entry of the same history: it names who edited since the entry before it.
alter table section_versions add column editors uuid[] not null default '{}';
