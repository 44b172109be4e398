import type { ProposalView } from '../../shared/api.ts';
import { proposalDocument } from '../../shared/documents.ts';
import { can } from '../../shared/permissions.ts';
import type { Role } from '../../shared/roles.ts';
import { audit } from '../audit/audit.ts';
import type { Db, Queryable, Transaction } from '../db/db.ts';
import type { Effect } from '../effects.ts';
import { iso } from '../db/rows.ts';
import type { CollabControl, DocumentSnapshot } from '../deps.ts';
import { conflict, forbidden, notFound, stateConflict } from '../http/errors.ts';
import { stateToPmJson } from './documents.ts';
import { checkCanPropose } from './escalations.ts';
import { findProposal, isProposalFrozen, type ProposalRow } from './proposal-documents.ts';
import { JOIN_PERSON, PERSON, person } from './queries.ts';
import { lockSection, memberOrganizations, type ConsensusActor } from './state.ts';

/**
 * Proposals as documents: the chair's compromise and the municipalities' draft ruling are written live
 * in their own document, which starts as the text under objection (never empty), and are applied to the
 * section structure for structure (commands.ts).
 */

export type ProposalKind = 'compromise' | 'ruling';

/**
 * Starts the proposal of this kind on the escalation, or gives the one being written already. The new
 * document's first stored update is the Yjs state of the version under objection, written in this transaction: nobody can have it open yet, its row did not exist.
 */
export async function startProposal(
  tx: Transaction,
  actor: ConsensusActor,
  kind: ProposalKind,
  escalationId: string,
): Promise<{ id: string; docName: string }> {
  // The text under objection: the version of the section's last round that closed without being
  // withdrawn (a compromise that drew an objection, else the round the escalation came from).
  const escalation = await tx.query<{ section_id: string; version_id: string }>(
    `select e.section_id, coalesce(
              (select r.version_id from rounds r where r.section_id = e.section_id and r.closed_at is not null
                  and r.outcome <> 'withdrawn' order by r.closed_at desc limit 1),
              (select r.version_id from rounds r where r.id = e.round_id)) as version_id
       from escalations e where e.id = $1`,
    [escalationId],
  );
  if (!escalation[0]) throw notFound('escalation');
  const { section_id: sectionId, version_id: versionId } = escalation[0];
  await lockSection(tx, sectionId);
  const [open] = await tx.query<{ id: string }>(
    `select id from proposals where escalation_id = $1 and kind = $2 and applied_at is null and withdrawn_at is null`,
    [escalationId, kind],
  );
  if (open) return { id: open.id, docName: proposalDocument(open.id) };
  const [version] = await tx.query<{ doc_state: Uint8Array; content_html: string; content_text: string }>(
    'select doc_state, content_html, content_text from section_versions where id = $1',
    [versionId],
  );
  const [row] = await tx.query<{ id: string }>(
    `insert into proposals (section_id, kind, escalation_id, based_on_version_id, created_by, created_at,
                            content_html, content_text, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $6) returning id`,
    [sectionId, kind, escalationId, versionId, actor.userId, actor.now, version!.content_html, version!.content_text],
  );
  const docName = proposalDocument(row!.id);
  await tx.query('insert into doc_updates (doc_name, data, created_at) values ($1, $2, $3)', [
    docName,
    new Uint8Array(version!.doc_state),
    actor.now,
  ]);
  await audit(tx, actor, 'proposal.started', { type: 'section', id: sectionId }, {
    title: await sectionTitle(tx, sectionId),
    proposalId: row!.id,
    proposalKind: kind,
  });
  return { id: row!.id, docName };
}

async function sectionTitle(tx: Queryable, sectionId: string): Promise<string> {
  const [row] = await tx.query<{ title: string }>('select title from sections where id = $1', [sectionId]);
  return row?.title ?? '';
}

/**
 * Whoever may write a proposal withdraws it (the chair a compromise, a municipal delegate a draft
 * ruling): its document is frozen and kept, and a new one can be started from the text under objection.
 */
export async function withdrawProposal(
  db: Db,
  actor: ConsensusActor,
  proposalId: string,
): Promise<{ sectionId: string; effects: Effect[] }> {
  return db.transaction(async (tx) => {
    const [proposal] = await tx.query<{ section_id: string; kind: ProposalKind; frozen: boolean }>(
      `select p.section_id, p.kind, (p.applied_at is not null or p.withdrawn_at is not null) as frozen
         from proposals p where p.id = $1 for update`,
      [proposalId],
    );
    if (!proposal) throw notFound('proposal');
    const action = proposal.kind === 'compromise' ? 'escalation.mediate' : 'ruling.draft';
    if (!can(actor.role, action)) throw forbidden();
    if (proposal.frozen) throw conflict('this proposal has been applied or withdrawn');
    await tx.query('update proposals set withdrawn_at = $2 where id = $1', [proposalId, actor.now]);
    await audit(tx, actor, 'proposal.withdrawn', { type: 'section', id: proposal.section_id }, {
      title: await sectionTitle(tx, proposal.section_id),
      proposalId,
      proposalKind: proposal.kind,
    });
    return { sectionId: proposal.section_id, effects: [{ docName: proposalDocument(proposalId), locked: true }] };
  });
}

/** The chair starts a compromise on an escalation still in mediation. */
export async function startCompromise(db: Db, actor: ConsensusActor, escalationId: string) {
  await checkCanPropose(db, escalationId);
  return db.transaction((tx) => startProposal(tx, actor, 'compromise', escalationId));
}

/** The open, referred escalation of a section whose ruling a municipal delegate starts to write. */
export async function referredEscalation(db: Queryable, actor: ConsensusActor, sectionId: string): Promise<string> {
  const [section] = await db.query<{ state: 'referred' }>('select state from sections where id = $1', [sectionId]);
  if (!section) throw notFound('section');
  if (section.state !== 'referred') throw stateConflict(section, 'a ruling');
  const municipalities = (await memberOrganizations(db, actor.tableId)).filter((o) => o.kind === 'municipality');
  if (!municipalities.some((o) => o.id === actor.organizationId)) throw forbidden('only member municipalities rule');
  const [escalation] = await db.query<{ id: string }>(
    'select id from escalations where section_id = $1 and closed_at is null and referred_at is not null',
    [sectionId],
  );
  if (!escalation) throw stateConflict(section, 'a ruling');
  return escalation.id;
}

/**
 * A proposal about to be applied: it must be this escalation's open proposal of that kind. Its room is
 * locked first, so no keystroke slips in between the snapshot and its application.
 */
export async function takeProposal(
  db: Queryable,
  collab: CollabControl,
  proposalId: string,
  expect: { kind: ProposalKind; escalationId?: string; sectionId?: string },
): Promise<{ proposal: ProposalRow; snapshot: DocumentSnapshot }> {
  const proposal = await findProposal(db, proposalId);
  const belongs =
    proposal &&
    proposal.kind === expect.kind &&
    (expect.escalationId === undefined || proposal.escalation_id === expect.escalationId) &&
    (expect.sectionId === undefined || proposal.section_id === expect.sectionId);
  if (!belongs) throw notFound('proposal');
  if (isProposalFrozen(proposal)) throw conflict('this proposal has been applied or withdrawn');
  const docName = proposalDocument(proposalId);
  if (proposal.kind === 'compromise') await collab.setLocked(docName, true);
  try {
    const snapshot = await collab.snapshot(docName);
    if (snapshot.text.trim().length === 0) throw conflict('the proposal is empty');
    return { proposal, snapshot };
  } catch (error) {
    if (proposal.kind === 'compromise') await collab.setLocked(docName, false);
    throw error;
  }
}

/** The proposal took effect; its document is frozen for good (the effect locks its room). */
export async function markApplied(tx: Queryable, proposalId: string, now: Date): Promise<void> {
  await tx.query('update proposals set applied_at = $2 where id = $1 and applied_at is null', [proposalId, now]);
}

/** The proposal being written on a section (the latest not applied nor withdrawn), for those at the table. */
export async function currentProposal(
  db: Queryable,
  collab: CollabControl | undefined,
  sectionId: string,
  viewer: { role: Role },
): Promise<ProposalView | null> {
  const rows = await db.query(
    `select p.id, p.kind, p.created_at, v.number, v.doc_state, ${PERSON('u')}
       from proposals p join section_versions v on v.id = p.based_on_version_id ${JOIN_PERSON('u', 'p.created_by')}
      where p.section_id = $1 and p.applied_at is null and p.withdrawn_at is null
      order by p.created_at desc limit 1`,
    [sectionId],
  );
  const r = rows[0];
  if (!r) return null;
  const proposal = await findProposal(db, r.id as string);
  if (!proposal || isProposalFrozen(proposal)) return null;
  const docName = proposalDocument(proposal.id);
  const base = stateToPmJson(new Uint8Array(r.doc_state as Uint8Array));
  // Without the rooms (another runtime) the diff shows the text under objection on both sides.
  const current = collab ? stateToPmJson((await collab.snapshot(docName)).state) : base;
  const kind = proposal.kind;
  return {
    id: proposal.id,
    kind,
    docName,
    createdBy: person(r, 'u'),
    createdAt: iso(r.created_at),
    basedOnVersion: r.number as number,
    canWrite: kind === 'compromise' ? can(viewer.role, 'escalation.mediate') : can(viewer.role, 'ruling.draft'),
    base,
    current,
  };
}
