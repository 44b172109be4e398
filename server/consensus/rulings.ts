import { rulingCarried } from '../../shared/consensus.ts';
import { proposalDocument } from '../../shared/documents.ts';
import type { RulingRule } from '../../shared/roles.ts';
import { audit } from '../audit/audit.ts';
import type { Queryable, Transaction } from '../db/db.ts';
import type { DocumentSnapshot } from '../deps.ts';
import type { Effect } from '../effects.ts';
import { conflict, forbidden, notFound, stateConflict } from '../http/errors.ts';
import { notify, PARTICIPANTS, recipients } from '../notifications/commands.ts';
import { lockSection, memberOrganizations, moveSection, tableRules, type ConsensusActor } from './state.ts';
import { createVersion } from './versions.ts';

/**
 * The steps of a ruling, inside the transaction of the command that takes them (commands.ts): the
 * municipalities draft it, endorse it, and once it carries it takes effect as the section's text.
 */

interface RulingRow extends Record<string, unknown> {
  id: string;
  section_id: string;
  table_id: string;
  text: string;
  drafted_by: string;
  proposal_id: string | null;
  doc_state: Uint8Array | null;
  superseded_at: Date | null;
  effective_at: Date | null;
}

/** The ruling row; with `lock`, locked for the rest of the transaction. */
export async function findRuling(db: Queryable, rulingId: string, lock = false): Promise<RulingRow> {
  const rows = await db.query<RulingRow>(
    `select r.id, r.section_id, s.table_id, r.text, r.drafted_by, r.proposal_id, r.doc_state, r.superseded_at,
            r.effective_at
       from rulings r join sections s on s.id = r.section_id where r.id = $1 ${lock ? 'for update of r' : ''}`,
    [rulingId],
  );
  if (!rows[0]) throw notFound('ruling');
  return rows[0];
}

async function municipalitiesOf(tx: Queryable, tableId: string): Promise<string[]> {
  return (await memberOrganizations(tx, tableId)).filter((o) => o.kind === 'municipality').map((o) => o.id);
}

async function requireMunicipalMember(tx: Queryable, actor: ConsensusActor): Promise<string[]> {
  const municipalities = await municipalitiesOf(tx, actor.tableId);
  if (!municipalities.includes(actor.organizationId)) {
    throw forbidden('only the member municipalities speak in a ruling');
  }
  return municipalities;
}

/** A municipal delegate drafts the ruling (it replaces an earlier draft, whose endorsements lapse). */
export async function draft(
  tx: Transaction,
  effects: Effect[],
  actor: ConsensusActor,
  sectionId: string,
  input: { text: string; rationale: string; proposalId?: string; docState?: Uint8Array },
): Promise<void> {
  const section = await lockSection(tx, sectionId);
  if (section.state !== 'referred') throw stateConflict(section, 'a ruling');
  await requireMunicipalMember(tx, actor);
  const [escalation] = await tx.query<{ id: string }>(
    'select id from escalations where section_id = $1 and closed_at is null and referred_at is not null',
    [sectionId],
  );
  await tx.query(
    'update rulings set superseded_at = $2 where section_id = $1 and superseded_at is null and effective_at is null',
    [sectionId, actor.now],
  );
  const [ruling] = await tx.query<{ id: string }>(
    `insert into rulings (section_id, escalation_id, text, rationale, drafted_by, drafted_at, proposal_id, doc_state)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [
      sectionId,
      escalation!.id,
      input.text,
      input.rationale,
      actor.userId,
      actor.now,
      input.proposalId ?? null,
      input.docState ?? null,
    ],
  );
  await audit(
    tx,
    actor,
    'ruling.drafted',
    { type: 'section', id: sectionId },
    { title: section.title, rulingId: ruling!.id, rationale: input.rationale },
  );
  // Everyone hears of the draft (the objecting party too); the municipalities are asked to endorse it.
  await notify(tx, effects, await recipients(tx, actor.tableId, PARTICIPANTS), {
    tableId: actor.tableId,
    target: { sectionId },
    notice: { kind: 'ruling_drafted', section: section.title },
    now: actor.now,
    exceptUserId: actor.userId,
  });
}

/** A member municipality endorses the current draft; returns whether the ruling now carries. */
export async function endorse(tx: Transaction, actor: ConsensusActor, ruling: RulingRow): Promise<boolean> {
  if (ruling.table_id !== actor.tableId) throw notFound('ruling');
  if (ruling.superseded_at) throw conflict('a newer draft replaced this ruling');
  if (ruling.effective_at) throw conflict('this ruling has already taken effect');
  const municipalities = await requireMunicipalMember(tx, actor);
  const inserted = await tx.query(
    `insert into ruling_endorsements (ruling_id, organization_id, endorsed_by, endorsed_at) values ($1, $2, $3, $4)
     on conflict do nothing returning ruling_id`,
    [ruling.id, actor.organizationId, actor.userId, actor.now],
  );
  if (inserted.length === 0) throw conflict('your municipality has already endorsed this ruling');
  const [org] = await tx.query<{ name: string }>('select name from organizations where id = $1', [
    actor.organizationId,
  ]);
  await audit(
    tx,
    actor,
    'ruling.endorsed',
    { type: 'section', id: ruling.section_id },
    { rulingId: ruling.id, organizationName: org!.name },
  );
  return carries(tx, ruling.id, actor.tableId, municipalities);
}

async function carries(tx: Queryable, rulingId: string, tableId: string, municipalities: string[]): Promise<boolean> {
  const endorsed = await tx.query<{ organization_id: string }>(
    'select organization_id from ruling_endorsements where ruling_id = $1',
    [rulingId],
  );
  const rules = await tableRules(tx, tableId);
  return rulingCarried(
    rules.ruling_rule as RulingRule,
    municipalities,
    new Set(endorsed.map((e) => e.organization_id)),
  );
}

/** The carried ruling takes effect: its text is the section's new version, and the section is ruled. */
export async function takeEffect(
  tx: Transaction,
  effects: Effect[],
  ruling: RulingRow,
  snapshot: DocumentSnapshot,
  by: { userId: string; now: Date },
): Promise<boolean> {
  if (ruling.effective_at || ruling.superseded_at) return false; // done already, or replaced
  const section = await lockSection(tx, ruling.section_id);
  if (section.state !== 'referred') return false;
  const version = await createVersion(tx, section, 'ruling', snapshot, by);
  await tx.query('update rulings set effective_at = $2, version_id = $3 where id = $1', [
    ruling.id,
    by.now,
    version.id,
  ]);
  await tx.query('update escalations set closed_at = $2 where section_id = $1 and closed_at is null', [
    section.id,
    by.now,
  ]);
  await moveSection(tx, effects, section, { type: 'rule' });
  // The section's text is the municipalities' now: "last edited by" names the ruling's drafter.
  await tx.query('update sections set last_edited_by = $2, last_edited_at = $3 where id = $1', [
    section.id,
    ruling.drafted_by,
    by.now,
  ]);
  if (ruling.proposal_id) {
    await tx.query('update proposals set applied_at = $2 where id = $1 and applied_at is null', [
      ruling.proposal_id,
      by.now,
    ]);
    effects.push({ docName: proposalDocument(ruling.proposal_id), locked: true });
  }
  await audit(
    tx,
    { userId: by.userId, tableId: section.table_id, now: by.now },
    'ruling.effective',
    { type: 'section', id: section.id },
    { title: section.title, rulingId: ruling.id, versionNumber: version.number },
  );
  await notify(tx, effects, await recipients(tx, section.table_id, PARTICIPANTS), {
    tableId: section.table_id,
    target: { sectionId: section.id },
    notice: { kind: 'ruled', section: section.title, version: version.number },
    now: by.now,
  });
  return true;
}

/** Rulings that carry but did not take effect (an interrupted endorsement): for the scheduler. */
export async function carriedRulingsPending(db: Queryable): Promise<Array<{ id: string; draftedBy: string }>> {
  const pending = await db.query<{ id: string; table_id: string; drafted_by: string }>(
    `select r.id, s.table_id, r.drafted_by from rulings r join sections s on s.id = r.section_id
      where r.superseded_at is null and r.effective_at is null and s.state = 'referred'`,
  );
  const carried = [];
  for (const ruling of pending) {
    if (await carries(db, ruling.id, ruling.table_id, await municipalitiesOf(db, ruling.table_id))) {
      carried.push({ id: ruling.id, draftedBy: ruling.drafted_by });
    }
  }
  return carried;
}
