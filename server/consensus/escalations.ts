import { audit } from '../audit/audit.ts';
import type { Queryable, Transaction } from '../db/db.ts';
import type { Effect } from '../effects.ts';
import { conflict, notFound, stateConflict } from '../http/errors.ts';
import { notify, PARTICIPANTS, recipients } from '../notifications/commands.ts';
import { lockSection, moveSection, type ConsensusActor, type LockedSection } from './state.ts';

/**
 * The steps of an escalation, inside the transaction of the command that takes them (commands.ts):
 * an objection goes to the chair, who mediates, proposes a compromise or refers it to the municipalities.
 */

interface EscalationRow extends Record<string, unknown> {
  id: string;
  section_id: string;
  table_id: string;
  closed_at: Date | null;
  referred_at: Date | null;
}

async function findEscalation(db: Queryable, escalationId: string, lock: boolean): Promise<EscalationRow> {
  const rows = await db.query<EscalationRow>(
    `select e.id, e.section_id, s.table_id, e.closed_at, e.referred_at
       from escalations e join sections s on s.id = e.section_id where e.id = $1 ${lock ? 'for update of e' : ''}`,
    [escalationId],
  );
  if (!rows[0]) throw notFound('escalation');
  return rows[0];
}

/** The escalation, locked, if the chair is still working on it. */
export async function openEscalation(tx: Queryable, escalationId: string): Promise<EscalationRow> {
  const escalation = await findEscalation(tx, escalationId, true);
  if (escalation.closed_at || escalation.referred_at) throw conflict('this escalation has been concluded');
  return escalation;
}

/**
 * Checked before a compromise text replaces the document (outside any transaction), so that a proposal
 * that would be refused changes nothing; the command checks again inside its transaction.
 */
export async function checkCanPropose(db: Queryable, escalationId: string): Promise<EscalationRow> {
  const escalation = await findEscalation(db, escalationId, false);
  if (escalation.closed_at || escalation.referred_at) throw conflict('this escalation has been concluded');
  const [section] = await db.query<{ state: 'escalated' }>('select state from sections where id = $1', [
    escalation.section_id,
  ]);
  if (section!.state !== 'escalated') throw stateConflict(section!, 'a mediation proposal');
  return escalation;
}

/** An objected section goes to the chair, with the reason why. */
export async function escalateSection(
  tx: Transaction,
  effects: Effect[],
  actor: ConsensusActor,
  section: LockedSection,
  reason: string,
): Promise<void> {
  await moveSection(tx, effects, section, { type: 'escalate' });
  const [round] = await tx.query<{ id: string }>(
    `select id from rounds where section_id = $1 and closed_at is not null and outcome <> 'withdrawn'
      order by closed_at desc limit 1`,
    [section.id],
  );
  const [escalation] = await tx.query<{ id: string }>(
    `insert into escalations (section_id, round_id, reason, escalated_by, escalated_at) values ($1, $2, $3, $4, $5)
     returning id`,
    [section.id, round!.id, reason, actor.userId, actor.now],
  );
  await audit(
    tx,
    actor,
    'section.escalated',
    { type: 'section', id: section.id },
    { title: section.title, escalationId: escalation!.id, reason },
  );
  await notify(tx, effects, await recipients(tx, actor.tableId, ['chair']), {
    tableId: actor.tableId,
    target: { sectionId: section.id },
    notice: { kind: 'escalated', section: section.title, by: actor.name, reason },
    now: actor.now,
  });
}

export async function addMediationStep(
  tx: Transaction,
  actor: ConsensusActor,
  escalation: EscalationRow,
  input: { occurredOn: string; kind: 'meeting' | 'call' | 'written'; note: string },
): Promise<void> {
  await tx.query(
    `insert into mediation_steps (escalation_id, occurred_on, kind, note, recorded_by, recorded_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [escalation.id, input.occurredOn, input.kind, input.note, actor.userId, actor.now],
  );
  await audit(
    tx,
    actor,
    'mediation.step',
    { type: 'section', id: escalation.section_id },
    { escalationId: escalation.id, ...input },
  );
}

/** The chair concludes that consensus cannot be reached: the municipalities decide. */
export async function referSection(
  tx: Transaction,
  effects: Effect[],
  actor: ConsensusActor,
  escalation: EscalationRow,
  report: string,
): Promise<void> {
  const section = await lockSection(tx, escalation.section_id);
  await moveSection(tx, effects, section, { type: 'refer' });
  await tx.query('update escalations set referred_at = $2, referral_report = $3 where id = $1', [
    escalation.id,
    actor.now,
    report,
  ]);
  await audit(
    tx,
    actor,
    'section.referred',
    { type: 'section', id: section.id },
    { title: section.title, escalationId: escalation.id, report },
  );
  await notify(tx, effects, await recipients(tx, actor.tableId, PARTICIPANTS), {
    tableId: actor.tableId,
    target: { sectionId: section.id },
    notice: { kind: 'referred', section: section.title },
    now: actor.now,
  });
}
