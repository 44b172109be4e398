import { mayWithdrawRound, type PositionKind } from '../../shared/consensus.ts';
import { proposalDocument, sectionDocument } from '../../shared/documents.ts';
import type { CommentAnchor } from '../../shared/api.ts';
import { audit } from '../audit/audit.ts';
import { anchorPosition } from '../comments/commands.ts';
import { textToBlocks } from '../collab/index.ts';
import type { Queryable } from '../db/db.ts';
import type { AppDeps, DocumentSnapshot } from '../deps.ts';
import { applyEffects, replaceDocument, requireCollab, type Effect } from '../effects.ts';
import { forbidden, stateConflict } from '../http/errors.ts';
import { sectionLock } from '../sections/queries.ts';
import { addMediationStep, checkCanPropose, escalateSection, openEscalation, referSection } from './escalations.ts';
import { closeRound, lockRound, outcomeOf, recordPosition, remind, startRound, withdraw } from './rounds.ts';
import { markApplied, takeProposal } from './proposals.ts';
import { draft, endorse, findRuling, takeEffect } from './rulings.ts';
import { lockSection, moveSection, type ConsensusActor } from './state.ts';
import { carriedRulingsPending, overdueRounds, roundsToRemind } from './queries.ts';
import { runDigests } from '../notifications/commands.ts';

/**
 * The consensus actions, each one named command: it owns its transaction (the steps in rounds.ts,
 * escalations.ts and rulings.ts run inside it, with their audit events) and returns its effects for
 * after the commit: mails, and the lock its section's room must follow. Routes and the scheduler
 * (due.ts) call these and nothing else, then hand the effects to `applyEffects`.
 */

export type ConsensusDeps = Pick<AppDeps, 'db' | 'collab'>;

export type { ConsensusActor } from './state.ts';

interface OpenedRound {
  round: { id: string; deadline: Date };
  version: { number: number };
  effects: Effect[];
}

/**
 * Puts the live text to a consent round. The text is frozen BEFORE the transaction: its room is locked
 * first (no edit slips in between), then flushed and snapshotted, and the transaction records that
 * snapshot as the version. If the transaction refuses, the room goes back to the lock the database holds.
 */
export async function openRound(deps: ConsensusDeps, actor: ConsensusActor, sectionId: string): Promise<OpenedRound> {
  const [current] = await deps.db.query<{ state: 'draft' }>('select state from sections where id = $1', [sectionId]);
  if (current && current.state !== 'draft') throw stateConflict(current, 'a consent round');
  const collab = requireCollab(deps);
  const docName = sectionDocument(sectionId);
  await collab.setLocked(docName, true);
  try {
    const snapshot = await collab.snapshot(docName);
    return await deps.db.transaction(async (tx) => {
      const effects: Effect[] = [];
      const section = await lockSection(tx, sectionId);
      await moveSection(tx, effects, section, { type: 'open_round' });
      const opened = await startRound(tx, effects, actor, section, snapshot, 'consent');
      return { ...opened, effects };
    });
  } catch (error) {
    await collab.setLocked(docName, (await sectionLock(deps.db, sectionId)).locked);
    throw error;
  }
}

/** The actor's organization states (or changes) its position; the last one in closes the round. */
export async function statePosition(
  deps: ConsensusDeps,
  actor: ConsensusActor,
  roundId: string,
  input: { kind: PositionKind; text: string; anchors?: readonly CommentAnchor[] | undefined },
): Promise<{ effects: Effect[] }> {
  return deps.db.transaction(async (tx) => {
    const effects: Effect[] = [];
    const stated = await recordPosition(tx, effects, actor, await lockRound(tx, roundId), input);
    // The passages an objection or a remark is about become threads beside the text.
    if (input.anchors?.length) await anchorPosition(tx, actor, stated.sectionId, stated.positionId, input.anchors);
    return { effects };
  });
}

/** Whoever opened the round, or the chair, withdraws it (`mayWithdrawRound`). */
export async function withdrawRound(
  deps: ConsensusDeps,
  actor: ConsensusActor,
  roundId: string,
): Promise<{ effects: Effect[] }> {
  // A role that could not withdraw even its own round is refused before the round is looked at.
  if (!mayWithdrawRound(actor.role, true)) throw forbidden();
  return deps.db.transaction(async (tx) => {
    const effects: Effect[] = [];
    await withdraw(tx, effects, actor, await lockRound(tx, roundId));
    return { effects };
  });
}

/** Back to draft: an objection answered by revising the text, or an adopted text opened for revision. */
export async function reviseSection(
  deps: ConsensusDeps,
  actor: ConsensusActor,
  sectionId: string,
): Promise<{ effects: Effect[] }> {
  return deps.db.transaction(async (tx) => {
    const effects: Effect[] = [];
    const section = await lockSection(tx, sectionId);
    const from = section.state;
    await moveSection(tx, effects, section, { type: 'revise' });
    await audit(
      tx,
      actor,
      'section.revision_opened',
      { type: 'section', id: section.id },
      { title: section.title, from },
    );
    return { effects };
  });
}

/** An objected section goes to the chair, with the reason why. */
export async function escalate(
  deps: ConsensusDeps,
  actor: ConsensusActor,
  sectionId: string,
  reason: string,
): Promise<{ effects: Effect[] }> {
  return deps.db.transaction(async (tx) => {
    const effects: Effect[] = [];
    await escalateSection(tx, effects, actor, await lockSection(tx, sectionId), reason);
    return { effects };
  });
}

/** The chair records a mediation step (a meeting, a call, a letter). */
export async function recordMediationStep(
  deps: ConsensusDeps,
  actor: ConsensusActor,
  escalationId: string,
  input: { occurredOn: string; kind: 'meeting' | 'call' | 'written'; note: string },
): Promise<{ effects: Effect[] }> {
  await deps.db.transaction(async (tx) => addMediationStep(tx, actor, await openEscalation(tx, escalationId), input));
  return { effects: [] };
}

/**
 * The section was replaced by a proposal: its "last edited by" names who the text is from (the chair,
 * the ruling's drafter), not whoever typed in the section last. The room's own sink never names anyone
 * for a server-side replacement, so this stands.
 */
async function creditEdit(tx: Queryable, sectionId: string, userId: string, at: Date): Promise<void> {
  await tx.query('update sections set last_edited_by = $2, last_edited_at = $3 where id = $1', [sectionId, userId, at]);
}

/**
 * The chair's compromise becomes a new version and goes to a new consent round: the proposal document
 * (`proposalId`) replaces the section structure for structure, or plain text (API clients) does. The
 * replacement happens BEFORE the transaction, because the version must freeze exactly the replaced
 * document; what would refuse the proposal is checked before that, so a refusal changes nothing.
 */
export async function proposeCompromise(
  deps: ConsensusDeps,
  actor: ConsensusActor,
  escalationId: string,
  input: { text?: string | undefined; proposalId?: string | undefined },
): Promise<OpenedRound> {
  const escalation = await checkCanPropose(deps.db, escalationId);
  const docName = sectionDocument(escalation.section_id);
  let snapshot: DocumentSnapshot;
  const proposalId = input.proposalId;
  if (proposalId) {
    const collab = requireCollab(deps);
    const taken = await takeProposal(deps.db, collab, proposalId, { kind: 'compromise', escalationId });
    snapshot = await collab.replaceWithState(docName, taken.snapshot.state);
  } else {
    snapshot = await replaceDocument(deps, { docName, blocks: textToBlocks(input.text ?? '') });
  }
  try {
    return await deps.db.transaction(async (tx) => {
      const effects: Effect[] = [];
      await openEscalation(tx, escalationId);
      const section = await lockSection(tx, escalation.section_id);
      await moveSection(tx, effects, section, { type: 'propose_compromise' });
      const opened = await startRound(tx, effects, actor, section, snapshot, 'mediation_proposal');
      await creditEdit(tx, section.id, actor.userId, actor.now);
      if (proposalId) {
        await markApplied(tx, proposalId, actor.now);
        effects.push({ docName: proposalDocument(proposalId), locked: true });
      }
      return { ...opened, effects };
    });
  } catch (error) {
    // The proposal's room was locked for the snapshot; the database still has it open.
    if (proposalId) await deps.collab?.setLocked(proposalDocument(proposalId), false);
    throw error;
  }
}

/** The chair concludes that consensus cannot be reached: the municipalities decide. */
export async function refer(
  deps: ConsensusDeps,
  actor: ConsensusActor,
  escalationId: string,
  report: string,
): Promise<{ effects: Effect[] }> {
  return deps.db.transaction(async (tx) => {
    const effects: Effect[] = [];
    await referSection(tx, effects, actor, await openEscalation(tx, escalationId), report);
    return { effects };
  });
}

/**
 * A municipal delegate drafts the ruling on a referred section: from the ruling's proposal document
 * (its state as of now is what the municipalities endorse and what takes effect), or as plain text.
 */
export async function draftRuling(
  deps: ConsensusDeps,
  actor: ConsensusActor,
  sectionId: string,
  input: { text?: string | undefined; proposalId?: string | undefined; rationale: string },
): Promise<{ effects: Effect[] }> {
  let document: { text: string; proposalId: string; docState: Uint8Array } | null = null;
  if (input.proposalId) {
    const taken = await takeProposal(deps.db, requireCollab(deps), input.proposalId, { kind: 'ruling', sectionId });
    document = { text: taken.snapshot.text, proposalId: input.proposalId, docState: taken.snapshot.state };
  }
  return deps.db.transaction(async (tx) => {
    const effects: Effect[] = [];
    await draft(tx, effects, actor, sectionId, { rationale: input.rationale, text: input.text ?? '', ...document });
    return { effects };
  });
}

/**
 * A member municipality endorses the draft ruling. When that makes it carry, the ruling takes effect
 * at once (`makeRulingEffective`); if that second step is interrupted, the scheduler finishes it.
 */
export async function endorseRuling(
  deps: ConsensusDeps,
  actor: ConsensusActor,
  rulingId: string,
): Promise<{ sectionId: string; effects: Effect[] }> {
  const { sectionId, carried } = await deps.db.transaction(async (tx) => {
    const ruling = await findRuling(tx, rulingId, true);
    return { sectionId: ruling.section_id, carried: await endorse(tx, actor, ruling) };
  });
  if (!carried) return { sectionId, effects: [] };
  const { effects } = await makeRulingEffective(deps, rulingId, { userId: actor.userId, now: actor.now });
  return { sectionId, effects };
}

/**
 * A carried ruling takes effect: its text replaces the live document (BEFORE the transaction, which
 * records the replaced document as the section's new version), and the section is ruled. Does
 * nothing when the ruling took effect already or was replaced.
 */
export async function makeRulingEffective(
  deps: ConsensusDeps,
  rulingId: string,
  by: { userId: string; now: Date },
): Promise<{ done: boolean; effects: Effect[] }> {
  const ruling = await findRuling(deps.db, rulingId);
  const docName = sectionDocument(ruling.section_id);
  // A ruling written in the editor replaces the section structure for structure, as it was drafted.
  const snapshot = ruling.doc_state
    ? await requireCollab(deps).replaceWithState(docName, new Uint8Array(ruling.doc_state))
    : await replaceDocument(deps, { docName, blocks: textToBlocks(ruling.text) });
  return deps.db.transaction(async (tx) => {
    const effects: Effect[] = [];
    const done = await takeEffect(tx, effects, await findRuling(tx, rulingId, true), snapshot, by);
    return { done, effects };
  });
}

/** Closes a round whose deadline passed, with the outcome its positions give (the scheduler's). */
export async function closeOverdueRound(deps: ConsensusDeps, roundId: string, now: Date) {
  return deps.db.transaction(async (tx) => {
    const effects: Effect[] = [];
    const round = await lockRound(tx, roundId);
    if (round.closed_at) return { closed: false, effects }; // closed meanwhile
    const outcome = (await outcomeOf(tx, round, true))!;
    await closeRound(tx, effects, round, outcome, { userId: null, tableId: round.table_id, now });
    return { closed: true, effects };
  });
}

/** Reminds the organizations that have not responded to a round yet (the scheduler's, once per round). */
export async function remindRound(deps: ConsensusDeps, roundId: string, now: Date) {
  return deps.db.transaction(async (tx) => {
    const effects: Effect[] = [];
    const reminded = await remind(tx, effects, await lockRound(tx, roundId), now);
    return { reminded, effects };
  });
}

/**
 * The scheduler's work (run periodically, and by the dev clock): close rounds past their deadline,
 * remind the silent two working days before, let a ruling take effect whose last endorsement was
 * recorded but not yet applied, and send the daily digests that are due (notifications/digest.ts).
 * Each is the same command a route would call; the effects of all of them are carried out at the end.
 */
export async function runDueWork(deps: AppDeps): Promise<{ closed: number; reminded: number; ruled: number }> {
  const now = deps.clock.now();
  const effects: Effect[] = [];
  let closed = 0;
  let reminded = 0;
  let ruled = 0;
  for (const roundId of await overdueRounds(deps.db, now)) {
    const outcome = await closeOverdueRound(deps, roundId, now);
    effects.push(...outcome.effects);
    if (outcome.closed) closed++;
  }
  // After the closing: a round that just closed needs no reminder.
  for (const roundId of await roundsToRemind(deps.db, now)) {
    const outcome = await remindRound(deps, roundId, now);
    effects.push(...outcome.effects);
    if (outcome.reminded) reminded++;
  }
  // Taking effect replaces the section's live document: only where the co-editing rooms run.
  if (deps.collab) {
    for (const ruling of await carriedRulingsPending(deps.db)) {
      const outcome = await makeRulingEffective(deps, ruling.id, { userId: ruling.draftedBy, now });
      effects.push(...outcome.effects);
      if (outcome.done) ruled++;
    }
  }
  await applyEffects(deps, effects);
  // Last, so that what this run notified about is in a digest that falls due now.
  await runDigests(deps);
  return { closed, reminded, ruled };
}
