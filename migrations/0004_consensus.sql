-- Consensus on sections: immutable versions, consent rounds with positions per organization,
-- escalations to the chair with mediation steps, referral and the municipalities' ruling, and the
-- notifications people receive about them.

alter table sections add column state text not null default 'draft'
  check (state in ('draft', 'in_consultation', 'agreed', 'objected', 'escalated', 'mediation_proposal', 'referred', 'ruled'));

create table section_versions (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references sections (id) on delete cascade,
  number integer not null check (number >= 1),
  -- Why the version exists: a consent round on the table's text, a chair's compromise, or a ruling.
  origin text not null check (origin in ('round', 'mediation_proposal', 'ruling')),
  doc_state bytea not null,
  content_html text not null,
  content_text text not null,
  content_hash text not null,
  created_by uuid not null references users (id),
  created_at timestamptz not null,
  -- A version number is never reused.
  unique (section_id, number)
);

create table rounds (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references sections (id) on delete cascade,
  version_id uuid not null references section_versions (id),
  kind text not null check (kind in ('consent', 'mediation_proposal')),
  opened_by uuid not null references users (id),
  opened_at timestamptz not null,
  deadline timestamptz not null,
  remind_at timestamptz not null,
  reminded_at timestamptz,
  closed_at timestamptz,
  closed_by uuid references users (id),
  outcome text check (outcome in ('agreed', 'objected', 'not_all_responded', 'withdrawn')),
  check ((closed_at is null) = (outcome is null))
);
-- At most one running round per section.
create unique index rounds_one_open_idx on rounds (section_id) where closed_at is null;
create index rounds_due_idx on rounds (deadline) where closed_at is null;

create table positions (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references rounds (id) on delete cascade,
  organization_id uuid not null references organizations (id),
  kind text not null check (kind in ('consent', 'consent_with_remarks', 'object', 'abstain')),
  text text not null default '' check (length(text) <= 8000),
  stated_by uuid not null references users (id),
  stated_at timestamptz not null,
  -- A later position of the same organization replaces this one; the history stays.
  superseded_at timestamptz,
  check (kind not in ('consent_with_remarks', 'object') or length(trim(text)) > 0)
);
-- One position per organization per round counts: concurrent statements cannot both stand.
create unique index positions_current_idx on positions (round_id, organization_id) where superseded_at is null;

create table escalations (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references sections (id) on delete cascade,
  round_id uuid not null references rounds (id),
  reason text not null check (length(trim(reason)) between 1 and 8000),
  escalated_by uuid not null references users (id),
  escalated_at timestamptz not null,
  referred_at timestamptz,
  referral_report text,
  closed_at timestamptz,
  check ((referred_at is null) = (referral_report is null))
);
create unique index escalations_one_open_idx on escalations (section_id) where closed_at is null;

create table mediation_steps (
  id uuid primary key default gen_random_uuid(),
  escalation_id uuid not null references escalations (id) on delete cascade,
  occurred_on date not null,
  kind text not null check (kind in ('meeting', 'call', 'written')),
  note text not null check (length(trim(note)) between 1 and 8000),
  recorded_by uuid not null references users (id),
  recorded_at timestamptz not null
);

create table rulings (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references sections (id) on delete cascade,
  escalation_id uuid not null references escalations (id),
  text text not null check (length(trim(text)) between 1 and 100000),
  rationale text not null check (length(trim(rationale)) between 1 and 8000),
  drafted_by uuid not null references users (id),
  drafted_at timestamptz not null,
  -- A newer draft replaces an older one (its endorsements lapse with it).
  superseded_at timestamptz,
  effective_at timestamptz,
  version_id uuid references section_versions (id)
);
create unique index rulings_current_idx on rulings (section_id) where superseded_at is null and effective_at is null;

create table ruling_endorsements (
  ruling_id uuid not null references rulings (id) on delete cascade,
  organization_id uuid not null references organizations (id),
  endorsed_by uuid not null references users (id),
  endorsed_at timestamptz not null,
  primary key (ruling_id, organization_id)
);

create table notifications (
  id bigint generated always as identity primary key,
  user_id uuid not null references users (id) on delete cascade,
  table_id uuid references tables (id) on delete cascade,
  section_id uuid references sections (id) on delete cascade,
  kind text not null,
  message text not null,
  created_at timestamptz not null,
  read_at timestamptz
);
create index notifications_user_idx on notifications (user_id, id desc);
