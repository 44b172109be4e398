import type { Db, Queryable } from '../db/db.ts';
import type { DocumentSnapshot } from '../deps.ts';
import { conflict, notFound } from '../http/errors.ts';
import {
  audit,
  lockSection,
  moveSection,
  notify,
  PARTICIPANTS,
  recipients,
  stateConflict,
  type ConsensusActor,
  type Effects,
} from './context.ts';
import { startRound } from './rounds.ts';

interface EscalationRow extends Record<string, unknown> {
  id: string;
  section_id: string;
  table_id: string;
  closed_at: Date | null;
  referred_at: Date | null;
}

export async function findEscalation(db: Queryable, escalationId: string, lock = false): Promise<EscalationRow> {
  const rows = await db.query<EscalationRow>(
    `select e.id, e.section_id, s.table_id, e.closed_at, e.referred_at
       from escalations e join sections s on s.id = e.section_id where e.id = $1 ${lock ? 'for update of e' : ''}`,
    [escalationId],
  );
  if (!rows[0]) throw notFound('escalation');
  return rows[0];
}

/** An objected section goes to the chair, with the reason why. */
export async function escalate(
  db: Db,
  effects: Effects,
  actor: ConsensusActor,
  sectionId: string,
  reason: string,
): Promise<string> {
  return db.transaction(async (tx) => {
    const section = await lockSection(tx, sectionId);
    await moveSection(tx, section, { type: 'escalate' });
    const [round] = await tx.query<{ id: string }>(
      `select id from rounds where section_id = $1 and closed_at is not null and outcome <> 'withdrawn'
        order by closed_at desc limit 1`,
      [sectionId],
    );
    const [escalation] = await tx.query<{ id: string }>(
      `insert into escalations (section_id, round_id, reason, escalated_by, escalated_at) values ($1, $2, $3, $4, $5)
       returning id`,
      [sectionId, round!.id, reason, actor.userId, actor.now],
    );
    await audit(
      tx,
      actor,
      'section.escalated',
      { type: 'section', id: sectionId },
      {
        title: section.title,
        escalationId: escalation!.id,
        reason,
      },
    );
    await notify(tx, effects, await recipients(tx, actor.tableId, ['chair']), {
      tableId: actor.tableId,
      sectionId,
      kind: 'escalated',
      message: `${actor.name} legt het bezwaar over “${section.title}” aan u voor: ${reason}`,
      now: actor.now,
    });
    return escalation!.id;
  });
}

async function openEscalation(tx: Queryable, escalationId: string) {
  const escalation = await findEscalation(tx, escalationId, true);
  if (escalation.closed_at || escalation.referred_at) throw conflict('this escalation has been concluded');
  return escalation;
}

export async function addMediationStep(
  db: Db,
  actor: ConsensusActor,
  escalationId: string,
  input: { occurredOn: string; kind: 'meeting' | 'call' | 'written'; note: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const escalation = await openEscalation(tx, escalationId);
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
      {
        escalationId,
        ...input,
      },
    );
  });
}

/** Checked before the compromise text replaces the document, so that a refused proposal changes nothing. */
export async function checkCanPropose(db: Queryable, escalationId: string) {
  const escalation = await findEscalation(db, escalationId);
  if (escalation.closed_at || escalation.referred_at) throw conflict('this escalation has been concluded');
  const [section] = await db.query<{ state: 'escalated' }>('select state from sections where id = $1', [
    escalation.section_id,
  ]);
  if (section!.state !== 'escalated') throw stateConflict(section!, 'a mediation proposal');
  return escalation;
}

/** The chair's compromise text becomes a new version and goes to a new consent round. */
export async function proposeCompromise(
  db: Db,
  effects: Effects,
  actor: ConsensusActor,
  escalationId: string,
  snapshot: DocumentSnapshot,
) {
  return db.transaction(async (tx) => {
    const escalation = await openEscalation(tx, escalationId);
    const section = await lockSection(tx, escalation.section_id);
    await moveSection(tx, section, { type: 'propose_compromise' });
    return startRound(tx, effects, actor, section, snapshot, 'mediation_proposal');
  });
}

/** The chair concludes that consensus cannot be reached: the municipalities decide. */
export async function refer(
  db: Db,
  effects: Effects,
  actor: ConsensusActor,
  escalationId: string,
  report: string,
): Promise<string> {
  return db.transaction(async (tx) => {
    const escalation = await openEscalation(tx, escalationId);
    const section = await lockSection(tx, escalation.section_id);
    await moveSection(tx, section, { type: 'refer' });
    await tx.query('update escalations set referred_at = $2, referral_report = $3 where id = $1', [
      escalationId,
      actor.now,
      report,
    ]);
    await audit(
      tx,
      actor,
      'section.referred',
      { type: 'section', id: section.id },
      {
        title: section.title,
        escalationId,
        report,
      },
    );
    await notify(tx, effects, await recipients(tx, actor.tableId, PARTICIPANTS), {
      tableId: actor.tableId,
      sectionId: section.id,
      kind: 'referred',
      message: `De voorzitter verwijst “${section.title}” naar de gemeenten: consensus is niet bereikt. De gemeenten nemen een besluit.`,
      now: actor.now,
    });
    return section.id;
  });
}
