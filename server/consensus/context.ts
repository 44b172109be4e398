import { isTextLocked, transition, type ConsensusEvent, type SectionState } from '../../shared/consensus.ts';
import type { OrganizationKind, Role } from '../../shared/roles.ts';
import { recordAuditEvent } from '../audit/record.ts';
import type { Queryable, Transaction } from '../db/db.ts';
import type { DocumentSnapshot, OutgoingMail } from '../deps.ts';
import { ApiError, notFound } from '../http/errors.ts';

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

/** Everything a command leaves for after its commit: mails to send. */
export interface Effects {
  mails: OutgoingMail[];
}

export async function lockSection(tx: Queryable, sectionId: string): Promise<LockedSection> {
  const rows = await tx.query<LockedSection>(
    'select id, table_id, title, state from sections where id = $1 for update',
    [sectionId],
  );
  if (!rows[0]) throw notFound('section');
  return rows[0];
}

/** 409 with the current state: the client learns where the section really is. */
export function stateConflict(section: { state: SectionState }, what: string): ApiError {
  return new ApiError(409, 'conflict', `${what} is not possible while the section is ${section.state}`, {
    state: section.state,
  });
}

/** Applies one event of the state machine to a locked section, or refuses it with 409. */
export async function moveSection(tx: Queryable, section: LockedSection, event: ConsensusEvent): Promise<SectionState> {
  const next = transition(section.state, event);
  if (!next) throw stateConflict(section, event.type.replace('_', ' '));
  await tx.query('update sections set state = $2, locked = $3, lock_reason = $4 where id = $1', [
    section.id,
    next,
    isTextLocked(next),
    isTextLocked(next) ? next : null,
  ]);
  section.state = next;
  return next;
}

export async function audit(
  tx: Queryable,
  actor: { userId: string | null; tableId: string; now: Date },
  kind: string,
  subject: { type: string; id: string },
  data: Record<string, unknown>,
): Promise<void> {
  await recordAuditEvent(tx, {
    tableId: actor.tableId,
    actorUserId: actor.userId,
    kind,
    subjectType: subject.type,
    subjectId: subject.id,
    data,
    at: actor.now,
  });
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Freezes a text as the section's next version; the number comes from the database and is never reused. */
export async function createVersion(
  tx: Transaction,
  section: LockedSection,
  origin: 'round' | 'mediation_proposal' | 'ruling',
  snapshot: DocumentSnapshot,
  actor: { userId: string; now: Date },
): Promise<{ id: string; number: number }> {
  const [row] = await tx.query<{ id: string; number: number }>(
    `insert into section_versions (section_id, number, origin, doc_state, content_html, content_text, content_hash,
                                   created_by, created_at)
     select $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5, $6, $7, $8 from section_versions where section_id = $1
     returning id, number`,
    [
      section.id,
      origin,
      snapshot.state,
      snapshot.html,
      snapshot.text,
      await sha256(snapshot.html),
      actor.userId,
      actor.now,
    ],
  );
  return row!;
}

export interface Recipient extends Record<string, unknown> {
  id: string;
  email: string;
  name: string;
  role: Role;
  organization_id: string;
}

/** People at the table in the given roles (optionally only of some organizations). */
export async function recipients(
  tx: Queryable,
  tableId: string,
  roles: readonly Role[],
  organizationIds?: readonly string[],
): Promise<Recipient[]> {
  const rows = await tx.query<Recipient>(
    `select u.id, u.email, u.name, tr.role, u.organization_id from table_roles tr join users u on u.id = tr.user_id
      where tr.table_id = $1 and tr.role in (${roles.map((_, i) => `$${i + 2}`).join(', ')})
      order by u.name`,
    [tableId, ...roles],
  );
  return organizationIds ? rows.filter((r) => organizationIds.includes(r.organization_id)) : rows;
}

export const DELEGATES: Role[] = ['municipality_delegate', 'provider_delegate'];
export const PARTICIPANTS: Role[] = ['municipality_delegate', 'provider_delegate', 'chair', 'secretariat'];

/** In-app notifications (same transaction) and the matching mails (sent after commit). */
export async function notify(
  tx: Queryable,
  effects: Effects,
  people: readonly Recipient[],
  input: { tableId: string; sectionId: string; kind: string; message: string; now: Date; exceptUserId?: string },
): Promise<void> {
  const seen = new Set<string>();
  for (const person of people) {
    if (seen.has(person.id) || person.id === input.exceptUserId) continue;
    seen.add(person.id);
    await tx.query(
      `insert into notifications (user_id, table_id, section_id, kind, message, created_at) values ($1, $2, $3, $4, $5, $6)`,
      [person.id, input.tableId, input.sectionId, input.kind, input.message, input.now],
    );
    effects.mails.push({
      to: person.email,
      tableId: input.tableId,
      subject: `Tafelwerk: ${input.message}`,
      text: [
        `Beste ${person.name},`,
        '',
        input.message,
        '',
        'Open Tafelwerk om de sectie te bekijken.',
        '',
        'Tafelwerk',
      ].join('\n'),
    });
  }
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
