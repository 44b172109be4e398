-- Proposals as documents: the chair's compromise and the municipalities' draft ruling are written live in
-- their own Yjs document (`proposal:<id>`), started from the text under objection, and applied to the
-- section structure for structure. The derived HTML and text are kept here so the server can show a
-- proposal without loading its room.

create table proposals (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references sections (id) on delete cascade,
  kind text not null check (kind in ('compromise', 'ruling')),
  escalation_id uuid not null references escalations (id),
  -- The text under objection the proposal started from (and is diffed against).
  based_on_version_id uuid not null references section_versions (id),
  created_by uuid not null references users (id),
  created_at timestamptz not null,
  content_html text not null default '',
  content_text text not null default '',
  updated_at timestamptz,
  -- Once applied (put to a round, or taken effect as a ruling) or withdrawn, the document is frozen.
  applied_at timestamptz,
  withdrawn_at timestamptz
);
-- One proposal of each kind is being written per escalation: starting one again returns it.
create unique index proposals_one_open_idx on proposals (escalation_id, kind)
  where applied_at is null and withdrawn_at is null;

-- A draft ruling written as a document keeps that document's state as drafted: endorsements are on it,
-- and it is what replaces the section when the ruling takes effect (text stays its plain rendering).
alter table rulings add column proposal_id uuid references proposals (id);
alter table rulings add column doc_state bytea;
