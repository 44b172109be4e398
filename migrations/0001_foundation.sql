-- Foundation: regions, organizations, people, sessions, tables with phases and rules of play,
-- role assignments, invitations, mail outbox, login throttling and the append-only audit log.

create table regions (
  id uuid primary key default gen_random_uuid(),
  name text not null unique
);

create table organizations (
  id uuid primary key default gen_random_uuid(),
  region_id uuid references regions (id),
  name text not null unique,
  kind text not null check (kind in ('municipality', 'provider', 'region', 'independent', 'other')),
  created_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and position('@' in email) > 1),
  name text not null check (length(name) between 1 and 200),
  organization_id uuid not null references organizations (id),
  password_hash text,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create unique index users_email_key on users (email);

-- Sessions per the Lucia guide: the cookie carries "<id>.<secret>"; only SHA-256(secret) is stored.
create table sessions (
  id text primary key,
  secret_hash text not null,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

-- Failed-login counters per account and per client address (key "account:<email>" or "ip:<addr>").
create table login_throttles (
  key text primary key,
  failures integer not null,
  window_started_at timestamptz not null,
  blocked_until timestamptz
);

create table tables (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions (id),
  name text not null,
  description text not null default '',
  current_phase_key text,
  -- Spelregels (rules of play).
  response_period_days integer not null default 10 check (response_period_days between 1 and 60),
  silence_is_consent boolean not null default false,
  ruling_rule text not null default 'all_municipalities'
    check (ruling_rule in ('all_municipalities', 'majority_municipalities')),
  created_at timestamptz not null default now()
);

create table table_phases (
  table_id uuid not null references tables (id) on delete cascade,
  position integer not null,
  key text not null,
  name text not null,
  description text not null default '',
  starts_on date not null,
  ends_on date not null check (ends_on >= starts_on),
  primary key (table_id, key),
  unique (table_id, position)
);

create table table_members (
  table_id uuid not null references tables (id) on delete cascade,
  organization_id uuid not null references organizations (id),
  joined_at timestamptz not null,
  primary key (table_id, organization_id)
);

create table table_roles (
  table_id uuid not null references tables (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in (
    'municipality_delegate', 'provider_delegate', 'chair', 'secretariat', 'council_member', 'observer')),
  assigned_at timestamptz not null,
  primary key (table_id, user_id)
);
-- A table has exactly one independent chair at a time.
create unique index table_roles_one_chair on table_roles (table_id) where role = 'chair';

create table invitations (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  table_id uuid not null references tables (id) on delete cascade,
  organization_id uuid not null references organizations (id),
  email text not null check (email = lower(email)),
  name text not null,
  role text not null,
  invited_by uuid not null references users (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references users (id),
  revoked_at timestamptz
);
create index invitations_table_idx on invitations (table_id);

create table mail_outbox (
  id uuid primary key default gen_random_uuid(),
  to_address text not null,
  subject text not null,
  text_body text not null,
  created_at timestamptz not null,
  delivered_via text not null check (delivered_via in ('smtp', 'outbox')),
  error text
);

create table audit_events (
  id integer generated always as identity primary key,
  table_id uuid references tables (id),
  actor_user_id uuid references users (id),
  kind text not null,
  subject_type text not null,
  subject_id text not null,
  data jsonb not null default '{}',
  occurred_at timestamptz not null
);
create index audit_events_table_idx on audit_events (table_id, id desc);

-- The audit log is append-only: history cannot be rewritten, not even by the application.
create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_append_only();
