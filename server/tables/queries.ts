import type { MemberOrganization, PersonView, PhaseView, TableDetail, TableMembership } from '../../shared/api.ts';
import { allowedActions } from '../../shared/permissions.ts';
import type { OrganizationKind, Role, RulingRule } from '../../shared/roles.ts';
import type { Queryable } from '../db/db.ts';
import { iso } from '../db/rows.ts';

export async function roleAt(db: Queryable, tableId: string, userId: string): Promise<Role | null> {
  const rows = await db.query<{ role: Role }>('select role from table_roles where table_id = $1 and user_id = $2', [
    tableId,
    userId,
  ]);
  return rows[0]?.role ?? null;
}

interface PhaseRow extends Record<string, unknown> {
  table_id: string;
  key: string;
  name: string;
  description: string;
  starts_on: string;
  ends_on: string;
  is_current: boolean;
}

const SELECT_PHASES = `select p.table_id, p.key, p.name, p.description, p.starts_on::text as starts_on,
                              p.ends_on::text as ends_on, p.key = t.current_phase_key as is_current
                         from table_phases p join tables t on t.id = p.table_id`;

function toPhase(row: PhaseRow): PhaseView {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    isCurrent: row.is_current,
  };
}

export async function listMyTables(db: Queryable, userId: string): Promise<TableMembership[]> {
  const tables = await db.query<{ id: string; name: string; region_name: string; role: Role }>(
    `select t.id, t.name, r.name as region_name, tr.role
       from table_roles tr
       join tables t on t.id = tr.table_id
       join regions r on r.id = t.region_id
      where tr.user_id = $1
      order by t.name`,
    [userId],
  );
  if (tables.length === 0) return [];
  const phases = await db.query<PhaseRow>(
    `${SELECT_PHASES} where p.table_id = any($1) and p.key = t.current_phase_key`,
    [tables.map((t) => t.id)],
  );
  return tables.map((t) => {
    const phase = phases.find((p) => p.table_id === t.id);
    return {
      id: t.id,
      name: t.name,
      regionName: t.region_name,
      role: t.role,
      currentPhase: phase ? toPhase(phase) : null,
    };
  });
}

interface PersonRow extends Record<string, unknown> {
  user_id: string;
  name: string;
  email: string;
  role: Role;
  org_id: string;
  org_name: string;
  org_kind: OrganizationKind;
}

function toPerson(row: PersonRow): PersonView {
  return {
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role,
    organization: { id: row.org_id, name: row.org_name, kind: row.org_kind },
  };
}

const KIND_ORDER: Record<OrganizationKind, number> = {
  municipality: 0,
  provider: 1,
  region: 2,
  independent: 3,
  other: 4,
};

/** The table as its viewer sees it; null when the table does not exist. */
export async function getTableDetail(db: Queryable, tableId: string, viewerRole: Role): Promise<TableDetail | null> {
  const tableRows = await db.query<{
    id: string;
    name: string;
    description: string;
    region_id: string;
    region_name: string;
    response_period_days: number;
    silence_is_consent: boolean;
    ruling_rule: RulingRule;
  }>(
    `select t.id, t.name, t.description, r.id as region_id, r.name as region_name,
            t.response_period_days, t.silence_is_consent, t.ruling_rule
       from tables t join regions r on r.id = t.region_id
      where t.id = $1`,
    [tableId],
  );
  const table = tableRows[0];
  if (!table) return null;

  const [phases, people, members] = await Promise.all([
    db.query<PhaseRow>(`${SELECT_PHASES} where p.table_id = $1 order by p.position`, [tableId]),
    db.query<PersonRow>(
      `select u.id as user_id, u.name, u.email, tr.role, o.id as org_id, o.name as org_name, o.kind as org_kind
         from table_roles tr
         join users u on u.id = tr.user_id
         join organizations o on o.id = u.organization_id
        where tr.table_id = $1
        order by u.name`,
      [tableId],
    ),
    db.query<{ org_id: string; org_name: string; org_kind: OrganizationKind; joined_at: Date }>(
      `select o.id as org_id, o.name as org_name, o.kind as org_kind, m.joined_at
         from table_members m join organizations o on o.id = m.organization_id
        where m.table_id = $1`,
      [tableId],
    ),
  ]);
  const persons = people.map(toPerson);
  const memberOrganizations: MemberOrganization[] = members
    .sort((a, b) => KIND_ORDER[a.org_kind] - KIND_ORDER[b.org_kind] || a.org_name.localeCompare(b.org_name, 'nl'))
    .map((m) => ({
      organization: { id: m.org_id, name: m.org_name, kind: m.org_kind },
      joinedAt: iso(m.joined_at),
      delegates: persons.filter(
        (p) => p.organization.id === m.org_id && (p.role === 'municipality_delegate' || p.role === 'provider_delegate'),
      ),
    }));

  return {
    id: table.id,
    name: table.name,
    description: table.description,
    region: { id: table.region_id, name: table.region_name },
    role: viewerRole,
    allowedActions: allowedActions(viewerRole),
    phases: phases.map(toPhase),
    rules: {
      responsePeriodDays: table.response_period_days,
      silenceIsConsent: table.silence_is_consent,
      rulingRule: table.ruling_rule,
    },
    members: memberOrganizations,
    chair: persons.find((p) => p.role === 'chair') ?? null,
    secretariat: persons.filter((p) => p.role === 'secretariat'),
    readers: persons.filter((p) => p.role === 'council_member' || p.role === 'observer'),
  };
}
