import type { VersionDetail, VersionView } from '../../shared/api.ts';
import type { Queryable, Transaction } from '../db/db.ts';
import { iso } from '../db/rows.ts';
import type { DocumentSnapshot } from '../deps.ts';
import { JOIN_PERSON, PERSON, person } from './queries.ts';
import type { LockedSection } from './state.ts';

/**
 * A section's versions: immutable snapshots (Yjs state, rendered HTML and text, hash) taken when the
 * text goes to a consent round, a compromise is proposed or a ruling takes effect. Positions refer to
 * a version, never to the live text.
 */

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
  // The version is an entry of the draft history too: it names who edited since the entry before it.
  await tx.query(
    `update section_versions v set editors = s.draft_editors from sections s where v.id = $1 and s.id = v.section_id`,
    [row!.id],
  );
  await tx.query(`update sections set draft_editors = '{}', history_at = $2 where id = $1`, [section.id, actor.now]);
  return row!;
}

export async function latestVersion(db: Queryable, sectionId: string): Promise<number | null> {
  const [row] = await db.query<{ n: number | null }>(
    'select max(number) as n from section_versions where section_id = $1',
    [sectionId],
  );
  return row?.n ?? null;
}

export async function listVersions(db: Queryable, sectionId: string): Promise<VersionView[]> {
  const rows = await db.query(
    `select v.number, v.origin, v.created_at, v.content_hash, ${PERSON('u')}
       from section_versions v ${JOIN_PERSON('u', 'v.created_by')} where v.section_id = $1 order by v.number`,
    [sectionId],
  );
  return rows.map((r) => ({
    number: r.number as number,
    origin: r.origin as VersionView['origin'],
    createdBy: person(r, 'u'),
    createdAt: iso(r.created_at),
    contentHash: r.content_hash as string,
  }));
}

export async function findVersion(db: Queryable, sectionId: string, number: number): Promise<VersionDetail | null> {
  const rows = await db.query(
    `select v.number, v.origin, v.created_at, v.content_hash, v.content_html, v.content_text, ${PERSON('u')}
       from section_versions v ${JOIN_PERSON('u', 'v.created_by')} where v.section_id = $1 and v.number = $2`,
    [sectionId, number],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    number: r.number as number,
    origin: r.origin as VersionView['origin'],
    createdBy: person(r, 'u'),
    createdAt: iso(r.created_at),
    contentHash: r.content_hash as string,
    html: r.content_html as string,
    text: r.content_text as string,
  };
}
