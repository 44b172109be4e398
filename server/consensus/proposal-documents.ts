import { can } from '../../shared/permissions.ts';
import type { Queryable, SqlParam, Transaction } from '../db/db.ts';
import { valuesList } from '../db/values-list.ts';
import { roleAt } from '../tables/queries.ts';

/**
 * A proposal's live document (`proposal:<id>`: the chair's compromise or the municipalities' draft
 * ruling), as the consensus capability answers for it to the co-editing service: who may open and write
 * it, whether it is locked, and where its derived HTML and text go.
 */

export interface ProposalRow extends Record<string, unknown> {
  id: string;
  section_id: string;
  table_id: string;
  kind: 'compromise' | 'ruling';
  escalation_id: string;
  applied_at: Date | null;
  withdrawn_at: Date | null;
  escalation_closed_at: Date | null;
  escalation_referred_at: Date | null;
}

export async function findProposal(db: Queryable, proposalId: string): Promise<ProposalRow | null> {
  const [row] = await db.query<ProposalRow>(
    `select p.id, p.section_id, s.table_id, p.kind, p.escalation_id, p.applied_at, p.withdrawn_at,
            e.closed_at as escalation_closed_at, e.referred_at as escalation_referred_at
       from proposals p join sections s on s.id = p.section_id join escalations e on e.id = p.escalation_id
      where p.id = $1`,
    [proposalId],
  );
  return row ?? null;
}

/**
 * Frozen once applied or withdrawn, and once its escalation moved on: a compromise when the section was
 * referred or the escalation closed, a draft ruling when the escalation closed.
 */
export function isProposalFrozen(p: ProposalRow): boolean {
  if (p.applied_at || p.withdrawn_at || p.escalation_closed_at) return true;
  return p.kind === 'compromise' && p.escalation_referred_at !== null;
}

/**
 * Everyone who follows the deliberation reads a proposal (council members and observers do not know of
 * it: null, the same 404 as over HTTP); the chair writes a compromise, the municipal delegates a ruling.
 */
export async function proposalDocumentAccess(
  db: Queryable,
  proposalId: string,
  userId: string,
): Promise<{ read: boolean; write: boolean } | null> {
  const proposal = await findProposal(db, proposalId);
  if (!proposal) return null;
  const role = await roleAt(db, proposal.table_id, userId);
  if (!role || !can(role, 'consensus.readDeliberation')) return null;
  const writer = proposal.kind === 'compromise' ? can(role, 'escalation.mediate') : can(role, 'ruling.draft');
  return { read: true, write: writer && !isProposalFrozen(proposal) };
}

export async function isProposalDocumentLocked(db: Queryable, proposalId: string): Promise<boolean> {
  const proposal = await findProposal(db, proposalId);
  return !proposal || isProposalFrozen(proposal);
}

/** Keeps each proposal's derived HTML and text with the batch that changed it, while it is being written. */
export async function writeProposalContent(
  tx: Transaction,
  entries: ReadonlyArray<{ proposalId: string; html: string; text: string; at: Date }>,
): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `update proposals p set content_html = v.html, content_text = v.text, updated_at = v.at
       from (values ${valuesList(entries.length, ['::uuid', '::text', '::text', '::timestamptz'])})
         as v (id, html, text, at)
      where p.id = v.id and p.applied_at is null`,
    entries.flatMap((e): SqlParam[] => [e.proposalId, e.html, e.text, e.at]),
  );
}
