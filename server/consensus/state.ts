import { isTextLocked, transition, type ConsensusEvent, type SectionState } from '../../shared/consensus.ts';
import type { OrganizationKind, Role } from '../../shared/roles.ts';
import type { Queryable } from '../db/db.ts';
import type { Effect } from '../effects.ts';
import { notFound, stateConflict } from '../http/errors.ts';
import { sectionLock } from '../sections/queries.ts';

/** Who acts, in which role and for which organization, at the section's table. */
export interface ConsensusActor {
  userId: string;
  name: string;
  role: Role;
  organizationId: string;
  organizationKind: OrganizationKind;
  tableId: string;
  now: Date;
}

export interface LockedSection extends Record<string, unknown> {
  id: string;
  table_id: string;
  title: string;
  state: SectionState;
}

/** The section row, locked for the rest of the transaction: its state changes one step at a time. */
export async function lockSection(tx: Queryable, sectionId: string): Promise<LockedSection> {
  const rows = await tx.query<LockedSection>(
    'select id, table_id, title, state from sections where id = $1 for update',
    [sectionId],
  );
  if (!rows[0]) throw notFound('section');
  return rows[0];
}

/**
 * Applies one event of the state machine to a locked section, or refuses it with 409. The stored
 * `locked` flag follows the new state, and the section's room follows it after the commit (an effect).
 */
export async function moveSection(
  tx: Queryable,
  effects: Effect[],
  section: LockedSection,
  event: ConsensusEvent,
): Promise<SectionState> {
  const next = transition(section.state, event);
  if (!next) throw stateConflict(section, event.type.replace('_', ' '));
  await tx.query('update sections set state = $2, locked = $3, lock_reason = $4 where id = $1', [
    section.id,
    next,
    isTextLocked(next),
    isTextLocked(next) ? next : null,
  ]);
  section.state = next;
  effects.push(await sectionLock(tx, section.id));
  return next;
}

/** The member organizations of a table (they state positions), with their kind. */
export async function memberOrganizations(
  tx: Queryable,
  tableId: string,
): Promise<Array<{ id: string; name: string; kind: OrganizationKind }>> {
  return tx.query(
    `select o.id, o.name, o.kind from table_members m join organizations o on o.id = m.organization_id
      where m.table_id = $1 order by (o.kind = 'municipality') desc, o.name`,
    [tableId],
  );
}

export async function tableRules(tx: Queryable, tableId: string) {
  const [rules] = await tx.query<{ response_period_days: number; silence_is_consent: boolean; ruling_rule: string }>(
    'select response_period_days, silence_is_consent, ruling_rule from tables where id = $1',
    [tableId],
  );
  return rules!;
}
