import type { TableRules } from '../../shared/api.ts';
import { isDelegateRole, roleFitsOrganization, type OrganizationKind, type Role } from '../../shared/roles.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { pgErrorCode, UNIQUE_VIOLATION, type Db, type Queryable } from '../db/db.ts';
import type { Effect } from '../effects.ts';
import { conflict, notFound } from '../http/errors.ts';

/** The rules assigning a role keeps (assignRole here, and accepting an invitation), for the API documentation. */
export const ROLE_RULES =
  'the role does not fit the organization (delegates speak for a member municipality or provider), the table has a chair already, or it would lose its last secretariat';

/**
 * Named business actions on a table's membership and rules. Each owns its transaction and writes
 * its audit event inside it, so a change and its record can never part.
 */

async function organization(tx: Queryable, id: string) {
  const rows = await tx.query<{ id: string; name: string; kind: OrganizationKind }>(
    'select id, name, kind from organizations where id = $1',
    [id],
  );
  const org = rows[0];
  if (!org) throw notFound('organization');
  return org;
}

export async function addMember(db: Db, actor: Actor, organizationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const org = await organization(tx, organizationId);
    const inserted = await tx.query(
      `insert into table_members (table_id, organization_id, joined_at) values ($1, $2, $3)
       on conflict do nothing returning organization_id`,
      [actor.tableId, org.id, actor.now],
    );
    if (inserted.length === 0) throw conflict(`${org.name} is already a member of this table`);
    await audit(
      tx,
      actor,
      'member.added',
      { type: 'organization', id: org.id },
      { organizationName: org.name, organizationKind: org.kind },
    );
  });
}

export async function removeMember(db: Db, actor: Actor, organizationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const org = await organization(tx, organizationId);
    const delegates = await tx.query<{ name: string }>(
      `select u.name from table_roles tr join users u on u.id = tr.user_id
        where tr.table_id = $1 and u.organization_id = $2
          and tr.role in ('municipality_delegate', 'provider_delegate')`,
      [actor.tableId, org.id],
    );
    if (delegates.length > 0) {
      throw conflict(`${org.name} still has delegates at this table; revoke their roles first`, {
        delegates: delegates.map((d) => d.name),
      });
    }
    const deleted = await tx.query(
      'delete from table_members where table_id = $1 and organization_id = $2 returning organization_id',
      [actor.tableId, org.id],
    );
    if (deleted.length === 0) throw notFound('member organization');
    await audit(
      tx,
      actor,
      'member.removed',
      { type: 'organization', id: org.id },
      { organizationName: org.name, organizationKind: org.kind },
    );
  });
}

/**
 * Checks that a person from an organization may hold a role at the table; shared by role
 * assignment and by invitations so that both refuse the same things.
 */
export async function checkRoleFits(
  tx: Queryable,
  tableId: string,
  role: Role,
  org: { id: string; name: string; kind: OrganizationKind },
) {
  if (!roleFitsOrganization(role, org.kind)) {
    throw conflict(`a ${role} must belong to a ${role === 'municipality_delegate' ? 'municipality' : 'provider'}`, {
      role,
      organizationKind: org.kind,
    });
  }
  if (isDelegateRole(role)) {
    const member = await tx.query('select 1 from table_members where table_id = $1 and organization_id = $2', [
      tableId,
      org.id,
    ]);
    if (member.length === 0) throw conflict(`${org.name} is not a member of this table; add it first`);
  }
  if (role === 'chair') {
    const chair = await tx.query<{ name: string }>(
      `select u.name from table_roles tr join users u on u.id = tr.user_id
        where tr.table_id = $1 and tr.role = 'chair'`,
      [tableId],
    );
    if (chair[0]) throw conflict(`this table already has a chair (${chair[0].name}); revoke that role first`);
  }
}

/**
 * A changed or revoked role applies to open documents at once, not at the next reconnect: the
 * person's connections are decided again after the commit (no access any more: closed with 4403;
 * writing differently: closed with 4000, and the reconnect joins under the new role).
 */
const recheck = (userId: string): { effects: Effect[] } => ({ effects: [{ recheckUser: userId }] });

export async function assignRole(db: Db, actor: Actor, userId: string, role: Role): Promise<{ effects: Effect[] }> {
  await db.transaction(async (tx) => {
    const users = await tx.query<{ id: string; name: string; organization_id: string; current: Role | null }>(
      `select u.id, u.name, u.organization_id, tr.role as current
         from users u left join table_roles tr on tr.user_id = u.id and tr.table_id = $2
        where u.id = $1`,
      [userId, actor.tableId],
    );
    const user = users[0];
    if (!user) throw notFound('person');
    if (user.current === role) return;
    const org = await organization(tx, user.organization_id);
    await checkRoleFits(tx, actor.tableId, role, org);
    if (user.current === 'secretariat') await keepOneSecretariat(tx, actor.tableId, user.id);
    try {
      await tx.query(
        `insert into table_roles (table_id, user_id, role, assigned_at) values ($1, $2, $3, $4)
         on conflict (table_id, user_id) do update set role = excluded.role, assigned_at = excluded.assigned_at`,
        [actor.tableId, user.id, role, actor.now],
      );
    } catch (error) {
      if (pgErrorCode(error) === UNIQUE_VIOLATION) throw conflict('this table already has a chair');
      throw error;
    }
    await audit(
      tx,
      actor,
      user.current ? 'role.changed' : 'role.assigned',
      { type: 'user', id: user.id },
      { userName: user.name, organizationName: org.name, role, previousRole: user.current },
    );
  });
  return recheck(userId);
}

/** A table without a secretariat could no longer be administered by anyone (also checked on accepting an invitation). */
export async function keepOneSecretariat(tx: Queryable, tableId: string, leavingUserId: string): Promise<void> {
  const others = await tx.query(
    `select 1 from table_roles where table_id = $1 and role = 'secretariat' and user_id <> $2`,
    [tableId, leavingUserId],
  );
  if (others.length === 0) throw conflict('a table needs at least one secretariat member');
}

export async function revokeRole(db: Db, actor: Actor, userId: string): Promise<{ effects: Effect[] }> {
  await db.transaction(async (tx) => {
    const rows = await tx.query<{ role: Role; name: string; org_name: string }>(
      `select tr.role, u.name, o.name as org_name
         from table_roles tr join users u on u.id = tr.user_id join organizations o on o.id = u.organization_id
        where tr.table_id = $1 and tr.user_id = $2`,
      [actor.tableId, userId],
    );
    const row = rows[0];
    if (!row) throw notFound('role');
    if (row.role === 'secretariat') await keepOneSecretariat(tx, actor.tableId, userId);
    await tx.query('delete from table_roles where table_id = $1 and user_id = $2', [actor.tableId, userId]);
    await audit(
      tx,
      actor,
      'role.revoked',
      { type: 'user', id: userId },
      { userName: row.name, organizationName: row.org_name, role: row.role },
    );
  });
  return recheck(userId);
}

export async function updateRules(db: Db, actor: Actor, rules: TableRules): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await tx.query<{ response_period_days: number; silence_is_consent: boolean; ruling_rule: string }>(
      'select response_period_days, silence_is_consent, ruling_rule from tables where id = $1 for update',
      [actor.tableId],
    );
    const old = before[0];
    if (!old) throw notFound('table');
    await tx.query(
      'update tables set response_period_days = $2, silence_is_consent = $3, ruling_rule = $4 where id = $1',
      [actor.tableId, rules.responsePeriodDays, rules.silenceIsConsent, rules.rulingRule],
    );
    await audit(
      tx,
      actor,
      'rules.updated',
      { type: 'table', id: actor.tableId },
      {
        before: {
          responsePeriodDays: old.response_period_days,
          silenceIsConsent: old.silence_is_consent,
          rulingRule: old.ruling_rule,
        },
        after: rules,
      },
    );
  });
}

export async function setCurrentPhase(db: Db, actor: Actor, phaseKey: string): Promise<void> {
  await db.transaction(async (tx) => {
    const phases = await tx.query<{ name: string; previous: string | null }>(
      `select p.name, t.current_phase_key as previous
         from table_phases p join tables t on t.id = p.table_id
        where p.table_id = $1 and p.key = $2`,
      [actor.tableId, phaseKey],
    );
    const phase = phases[0];
    if (!phase) throw notFound('phase');
    if (phase.previous === phaseKey) return;
    await tx.query('update tables set current_phase_key = $2 where id = $1', [actor.tableId, phaseKey]);
    await audit(
      tx,
      actor,
      'phase.changed',
      { type: 'table', id: actor.tableId },
      { from: phase.previous, to: phaseKey, phaseName: phase.name },
    );
  });
}
