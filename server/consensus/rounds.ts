import { mayWithdrawRound, roundOutcome, type PositionKind, type RoundOutcome } from '../../shared/consensus.ts';
import { responseDeadline } from '../../shared/working-days.ts';
import { audit } from '../audit/audit.ts';
import type { Queryable, Transaction } from '../db/db.ts';
import type { DocumentSnapshot } from '../deps.ts';
import type { Effect } from '../effects.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { DELEGATES, notify, PARTICIPANTS, recipients } from '../notifications/commands.ts';
import {
  lockSection,
  memberOrganizations,
  moveSection,
  tableRules,
  type ConsensusActor,
  type LockedSection,
} from './state.ts';
import { createVersion } from './versions.ts';

/**
 * The steps of consent rounds, inside the transaction of the command that takes them (commands.ts):
 * opening one on a frozen version, stating positions, closing with an outcome, withdrawing, reminding.
 */

interface RoundRow extends Record<string, unknown> {
  id: string;
  section_id: string;
  table_id: string;
  title: string;
  kind: 'consent' | 'mediation_proposal';
  opened_by: string;
  deadline: Date;
  closed_at: Date | null;
  reminded_at: Date | null;
  version_number: number;
}

/** The round row, locked: statements on one round are serialized, so an organization has one current position. */
export async function lockRound(tx: Queryable, roundId: string): Promise<RoundRow> {
  const rows = await tx.query<RoundRow>(
    `select r.id, r.section_id, s.table_id, s.title, r.kind, r.opened_by, r.deadline, r.closed_at, r.reminded_at,
            v.number as version_number
       from rounds r join section_versions v on v.id = r.version_id join sections s on s.id = r.section_id
      where r.id = $1 for update of r`,
    [roundId],
  );
  if (!rows[0]) throw notFound('round');
  return rows[0];
}

/** Opens a consent round (a table's or, with kind mediation_proposal, the chair's compromise) on a frozen version. */
export async function startRound(
  tx: Transaction,
  effects: Effect[],
  actor: { userId: string; tableId: string; now: Date },
  section: LockedSection,
  snapshot: DocumentSnapshot,
  kind: 'consent' | 'mediation_proposal',
) {
  const version = await createVersion(
    tx,
    section,
    kind === 'consent' ? 'round' : 'mediation_proposal',
    snapshot,
    actor,
  );
  const rules = await tableRules(tx, section.table_id);
  const { deadline, remindAt } = responseDeadline(actor.now, rules.response_period_days);
  const [round] = await tx.query<{ id: string }>(
    `insert into rounds (section_id, version_id, kind, opened_by, opened_at, deadline, remind_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [section.id, version.id, kind, actor.userId, actor.now, deadline, remindAt],
  );
  await audit(
    tx,
    actor,
    kind === 'consent' ? 'round.opened' : 'mediation.proposal',
    { type: 'section', id: section.id },
    { title: section.title, roundId: round!.id, versionNumber: version.number, deadline: deadline.toISOString() },
  );
  await notify(tx, effects, await recipients(tx, section.table_id, PARTICIPANTS), {
    tableId: section.table_id,
    target: { sectionId: section.id },
    notice: {
      kind: kind === 'consent' ? 'round_opened' : 'mediation_proposal',
      section: section.title,
      version: version.number,
      deadline,
    },
    now: actor.now,
    exceptUserId: actor.userId,
  });
  await notifyStale(tx, effects, section, { number: version.number, deadline }, actor.now);
  return { round: { id: round!.id, deadline }, version };
}

/** Organizations whose consent refers to an older version are asked to renew it. */
async function notifyStale(
  tx: Queryable,
  effects: Effect[],
  section: LockedSection,
  round: { number: number; deadline: Date },
  now: Date,
) {
  const stale = await tx.query<{ organization_id: string; number: number }>(
    `select distinct on (p.organization_id) p.organization_id, v.number
       from positions p join rounds r on r.id = p.round_id join section_versions v on v.id = r.version_id
      where r.section_id = $1 and p.superseded_at is null and p.kind in ('consent', 'consent_with_remarks')
      order by p.organization_id, p.stated_at desc`,
    [section.id],
  );
  const orgs = stale.filter((s) => s.number < round.number).map((s) => s.organization_id);
  if (orgs.length === 0) return;
  await notify(tx, effects, await recipients(tx, section.table_id, DELEGATES, orgs), {
    tableId: section.table_id,
    target: { sectionId: section.id },
    notice: { kind: 'position_stale', section: section.title, version: round.number, deadline: round.deadline },
    now,
  });
}

/** Ends a round with its outcome; refuses a second close (the update only takes an open round). */
export async function closeRound(
  tx: Transaction,
  effects: Effect[],
  round: RoundRow,
  outcome: RoundOutcome | 'withdrawn',
  actor: { userId: string | null; tableId: string; now: Date },
): Promise<void> {
  const closed = await tx.query(
    'update rounds set closed_at = $2, closed_by = $3, outcome = $4 where id = $1 and closed_at is null returning id',
    [round.id, actor.now, actor.userId, outcome],
  );
  if (closed.length === 0) throw conflict('this round has already closed');
  const section = await lockSection(tx, round.section_id);
  await moveSection(
    tx,
    effects,
    section,
    outcome === 'withdrawn' ? { type: 'withdraw_round' } : { type: 'close_round', outcome },
  );
  if (round.kind === 'mediation_proposal' && outcome === 'agreed') {
    await tx.query('update escalations set closed_at = $2 where section_id = $1 and closed_at is null', [
      section.id,
      actor.now,
    ]);
  }
  await audit(
    tx,
    actor,
    outcome === 'withdrawn' ? 'round.withdrawn' : 'round.closed',
    { type: 'section', id: section.id },
    { title: section.title, roundId: round.id, versionNumber: round.version_number, outcome, state: section.state },
  );
  if (outcome === 'withdrawn') return;
  await notify(tx, effects, await recipients(tx, section.table_id, PARTICIPANTS), {
    tableId: section.table_id,
    target: { sectionId: section.id },
    notice: { kind: `round_${outcome}`, section: section.title, version: round.version_number },
    now: actor.now,
  });
}

/** The outcome of a round from its current positions, or null while it runs. */
export async function outcomeOf(tx: Queryable, round: RoundRow, deadlinePassed: boolean) {
  const [orgs, positions, rules] = await Promise.all([
    memberOrganizations(tx, round.table_id),
    tx.query<{ organization_id: string; kind: PositionKind }>(
      'select organization_id, kind from positions where round_id = $1 and superseded_at is null',
      [round.id],
    ),
    tableRules(tx, round.table_id),
  ]);
  return roundOutcome({
    organizationIds: orgs.map((o) => o.id),
    positions: new Map(positions.map((p) => [p.organization_id, p.kind])),
    silenceIsConsent: rules.silence_is_consent,
    deadlinePassed,
  });
}

/** Records the position of the actor's organization (superseding its earlier one); closes the round when all are in. */
export async function recordPosition(
  tx: Transaction,
  effects: Effect[],
  actor: ConsensusActor,
  round: RoundRow,
  input: { kind: PositionKind; text: string },
): Promise<{ positionId: string; sectionId: string }> {
  if (round.table_id !== actor.tableId) throw notFound('round');
  if (round.closed_at) throw conflict('this round has closed; positions can no longer change');
  if (actor.now > round.deadline) throw conflict('the response period of this round has passed');
  const members = await memberOrganizations(tx, actor.tableId);
  const organization = members.find((m) => m.id === actor.organizationId);
  if (!organization) throw forbidden('your organization is not a member of this table');
  await tx.query(
    'update positions set superseded_at = $3 where round_id = $1 and organization_id = $2 and superseded_at is null',
    [round.id, actor.organizationId, actor.now],
  );
  const [position] = await tx.query<{ id: string }>(
    `insert into positions (round_id, organization_id, kind, text, stated_by, stated_at)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [round.id, actor.organizationId, input.kind, input.text, actor.userId, actor.now],
  );
  await audit(
    tx,
    actor,
    'position.stated',
    { type: 'section', id: round.section_id },
    {
      title: round.title,
      roundId: round.id,
      versionNumber: round.version_number,
      organizationName: organization.name,
      kind: input.kind,
      text: input.text,
    },
  );
  if (input.kind === 'object') {
    await notify(tx, effects, await recipients(tx, actor.tableId, PARTICIPANTS), {
      tableId: actor.tableId,
      target: { sectionId: round.section_id },
      notice: {
        kind: 'objection_raised',
        section: round.title,
        version: round.version_number,
        deadline: round.deadline,
        organization: organization.name,
        reason: input.text,
      },
      now: actor.now,
      exceptUserId: actor.userId,
    });
  }
  const outcome = await outcomeOf(tx, round, false);
  if (outcome) await closeRound(tx, effects, round, outcome, { userId: null, tableId: actor.tableId, now: actor.now });
  return { positionId: position!.id, sectionId: round.section_id };
}

/** The opener or the chair withdraws a running round (the rule: `mayWithdrawRound`). */
export async function withdraw(tx: Transaction, effects: Effect[], actor: ConsensusActor, round: RoundRow) {
  if (round.table_id !== actor.tableId) throw notFound('round');
  if (round.closed_at) throw conflict('this round has already closed');
  if (!mayWithdrawRound(actor.role, round.opened_by === actor.userId)) {
    throw forbidden('only whoever opened the round, or the chair, can withdraw it');
  }
  await closeRound(tx, effects, round, 'withdrawn', actor);
}

/** Reminds the delegates of organizations that have not responded yet, once per round. */
export async function remind(tx: Transaction, effects: Effect[], round: RoundRow, now: Date): Promise<boolean> {
  const marked = await tx.query(
    'update rounds set reminded_at = $2 where id = $1 and reminded_at is null returning id',
    [round.id, now],
  );
  if (marked.length === 0) return false;
  const responded = await tx.query<{ organization_id: string }>(
    'select organization_id from positions where round_id = $1 and superseded_at is null',
    [round.id],
  );
  const silent = (await memberOrganizations(tx, round.table_id))
    .map((o) => o.id)
    .filter((id) => !responded.some((r) => r.organization_id === id));
  await notify(tx, effects, await recipients(tx, round.table_id, DELEGATES, silent), {
    tableId: round.table_id,
    target: { sectionId: round.section_id },
    notice: { kind: 'round_reminder', section: round.title, deadline: round.deadline },
    now,
  });
  return true;
}
