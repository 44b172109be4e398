import type {
  AdoptedPlan,
  AdoptedSummary,
  AdoptedText,
  AdoptedWay,
  MinorityPosition,
  SectionAdopted,
} from '../../shared/api.ts';
import type { PositionKind, SectionState } from '../../shared/consensus.ts';
import type { Queryable } from '../db/db.ts';
import { iso } from '../db/rows.ts';

/**
 * The adopted text (vastgestelde tekst) of sections, derived from the consensus record without a table
 * of its own: versions are immutable and rounds and rulings keep their outcomes, so "the last adopted
 * version" is a query, and a revision (which only moves the live draft) cannot touch it.
 *
 * The adopted version of a section is the highest-numbered version that either a round with outcome
 * 'agreed' was held on, or a ruling that took effect points to. A round on the table's text makes it
 * 'consensus', a round on the chair's compromise 'mediation', a ruling 'ruling'.
 */

const placeholders = (count: number, offset = 0) =>
  Array.from({ length: count }, (_, i) => `$${i + 1 + offset}`).join(', ');

interface AdoptionRow extends Record<string, unknown> {
  section_id: string;
  number: number;
  adopted_at: Date;
  way: AdoptedWay;
  ruling_id: string | null;
  rationale: string | null;
  content_html: string;
  content_text: string;
  draft_text: string;
}

/**
 * The latest adoption (agreed round, effective ruling: the view section_adoptions of migration 0008)
 * of each of the given sections (distinct on): one query for all of them. Should one version be both
 * agreed and ruled (it cannot happen today), the later moment wins.
 */
const ADOPTIONS = (count: number) => `
  select distinct on (a.section_id)
         a.section_id, v.number, a.adopted_at, a.way, a.ruling_id, g.rationale,
         v.content_html, v.content_text, s.content_text as draft_text
    from section_adoptions a
    join section_versions v on v.id = a.version_id
    join sections s on s.id = a.section_id
    left join rulings g on g.id = a.ruling_id
   where a.section_id in (${placeholders(count)})
   order by a.section_id, v.number desc, a.adopted_at desc`;

/**
 * The objections beside each ruling: the positions that count ('object') of the last closed, undecided
 * round (objected or not everyone responded) before the ruling took effect. The same rule as
 * sectionConsensus's minorityPositions (server/consensus/queries.ts), but tied to the ruling rather than
 * to the section's current state, so they stay beside the adopted text after a revision reopens it.
 */
const MINORITY = (count: number) => `
  select g.id as ruling_id, o.id as organization_id, o.name as organization_name, p.kind, p.text
    from rulings g
    join lateral (
      select r.id from rounds r
       where r.section_id = g.section_id and r.closed_at is not null and r.closed_at <= g.effective_at
         and r.outcome in ('objected', 'not_all_responded')
       order by r.closed_at desc, r.opened_at desc
       limit 1
    ) decided on true
    join positions p on p.round_id = decided.id and p.superseded_at is null and p.kind = 'object'
    join organizations o on o.id = p.organization_id
   where g.id in (${placeholders(count)})
   order by o.name`;

/** Whitespace is not a change a reader sees: "the draft differs" means its words differ. */
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

export interface AdoptedVersion {
  adopted: AdoptedText;
  /** The section's live draft text no longer reads as the adopted text. */
  draftDiffers: boolean;
}

/** The adopted version of each section that has one (two queries for all sections), by section id. */
export async function adoptedVersions(
  db: Queryable,
  sectionIds: readonly string[],
): Promise<Map<string, AdoptedVersion>> {
  if (sectionIds.length === 0) return new Map();
  const rows = await db.query<AdoptionRow>(ADOPTIONS(sectionIds.length), [...sectionIds]);
  const rulingIds = rows.flatMap((row) => (row.ruling_id ? [row.ruling_id] : []));
  const minority = rulingIds.length
    ? await db.query<{
        ruling_id: string;
        organization_id: string;
        organization_name: string;
        kind: PositionKind;
        text: string;
      }>(MINORITY(rulingIds.length), rulingIds)
    : [];
  return new Map(
    rows.map((row) => {
      const minorityPositions: MinorityPosition[] = minority
        .filter((m) => m.ruling_id === row.ruling_id)
        .map((m) => ({
          organization: { id: m.organization_id, name: m.organization_name },
          kind: m.kind,
          text: m.text,
        }));
      const adopted: AdoptedText = {
        versionNumber: row.number,
        adoptedAt: iso(row.adopted_at),
        way: row.way,
        html: row.content_html,
        text: row.content_text,
        minorityPositions,
        ...(row.way === 'ruling' && row.rationale !== null ? { ruling: { rationale: row.rationale } } : {}),
      };
      return [row.section_id, { adopted, draftDiffers: words(row.draft_text) !== words(row.content_text) }];
    }),
  );
}

/** When and how a section's adopted version was adopted, or null: for the section page and reports. */
export async function adoptedSummary(db: Queryable, sectionId: string): Promise<AdoptedSummary | null> {
  const found = (await adoptedVersions(db, [sectionId])).get(sectionId);
  if (!found) return null;
  const { versionNumber, adoptedAt, way } = found.adopted;
  return { versionNumber, adoptedAt, way };
}

/** GET /api/sections/:id/adopted */
export async function sectionAdopted(db: Queryable, sectionId: string): Promise<SectionAdopted> {
  const found = (await adoptedVersions(db, [sectionId])).get(sectionId);
  return { sectionId, adopted: found?.adopted ?? null, draftDiffers: found?.draftDiffers ?? false };
}

/** The table a plan belongs to (null: no such plan), for the permission check of the plan's routes. */
export async function planTable(db: Queryable, planId: string): Promise<{ tableId: string } | null> {
  const [row] = await db.query<{ table_id: string }>('select table_id from plans where id = $1', [planId]);
  return row ? { tableId: row.table_id } : null;
}

/** The live sections of a plan in order (an archived section is history, not part of the plan). */
export async function planSectionIds(db: Queryable, planId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'select id from sections where plan_id = $1 and archived_at is null order by position',
    [planId],
  );
  return rows.map((row) => row.id);
}

/**
 * "Het vastgestelde plan": every live section of the plan in order, with its adopted text or null.
 * An archived plan still has one (it is history, and what was adopted stays adopted).
 */
export async function adoptedPlan(db: Queryable, planId: string, now: Date): Promise<AdoptedPlan | null> {
  const [plan] = await db.query<{
    id: string;
    title: string;
    period_start: number;
    period_end: number;
    table_id: string;
    table_name: string;
  }>(
    `select p.id, p.title, p.period_start, p.period_end, p.table_id, t.name as table_name
       from plans p join tables t on t.id = p.table_id where p.id = $1`,
    [planId],
  );
  if (!plan) return null;
  const sections = await db.query<{ id: string; title: string; position: number; state: SectionState }>(
    'select id, title, position, state from sections where plan_id = $1 and archived_at is null order by position',
    [planId],
  );
  const adopted = await adoptedVersions(
    db,
    sections.map((s) => s.id),
  );
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      periodStart: plan.period_start,
      periodEnd: plan.period_end,
      tableId: plan.table_id,
      tableName: plan.table_name,
    },
    sections: sections.map((section) => ({
      id: section.id,
      title: section.title,
      position: section.position,
      state: section.state,
      adopted: adopted.get(section.id)?.adopted ?? null,
      draftDiffers: adopted.get(section.id)?.draftDiffers ?? false,
    })),
    generatedAt: now.toISOString(),
  };
}
