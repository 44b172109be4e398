import type { ReportCoverage, ReportEscalation, ReportRound, ReportSection } from '../../shared/api-reports.ts';
import { transition, type ConsensusEvent, type RoundOutcome, type SectionState } from '../../shared/consensus.ts';
import { formatDateNl } from '../../shared/format-nl.ts';
import { amsterdamDate } from '../../shared/working-days.ts';
import type { Queryable } from '../db/db.ts';
import { iso } from '../db/rows.ts';
import { daysBetween, type ReportPeriod } from './period.ts';

/**
 * The sections, escalations and coverage parts of a report, reconstructed as of the period's end (the
 * exclusive instant `period.end`). Only counts, dates, kinds and outcomes: no position texts, escalation
 * reasons, mediation notes, referral reports or ruling drafts, so that what council members read never
 * shows deliberation.
 *
 * The rules:
 * - A section is in the report when it (and its plan) was created before the end and not archived before
 *   it. Titles are today's.
 * - Its state at the end replays the state machine (shared/consensus.ts `transition`) over the section's
 *   transitions recorded before the end, from `draft`. The transitions are the audit events every one of
 *   them writes in its own transaction (round.opened, mediation.proposal, round.closed with its outcome,
 *   round.withdrawn, section.revision_opened, section.escalated, section.referred, ruling.effective),
 *   in the order of the audit log: a revision back to draft is recorded nowhere else, and steps taken at
 *   the same instant keep their order there.
 * - Its adopted version at the end: the highest version agreed in a round closed before the end, or of a
 *   ruling that took effect before it (server/adopted's definition, bounded by the end).
 * - Rounds held in the period: opened before the end and not closed before the start. One still running at
 *   the end shows neither its closing nor its outcome.
 * - Escalations in the period: escalated before the end and not closed before the start; referral, closing
 *   and ruling only when before the end; mediation steps dated on or before the last day (kind and date).
 * - Coverage: the links of section_goal_history that existed at the end. Before that history's backfill
 *   moment (migration 0008) the links are unknown: then today's links are shown, and the report says so.
 */

const TRANSITIONS: Record<string, (outcome: string | null) => ConsensusEvent> = {
  'round.opened': () => ({ type: 'open_round' }),
  'mediation.proposal': () => ({ type: 'propose_compromise' }),
  'round.closed': (outcome) => ({ type: 'close_round', outcome: (outcome ?? 'objected') as RoundOutcome }),
  'round.withdrawn': () => ({ type: 'withdraw_round' }),
  'section.revision_opened': () => ({ type: 'revise' }),
  'section.escalated': () => ({ type: 'escalate' }),
  'section.referred': () => ({ type: 'refer' }),
  'ruling.effective': () => ({ type: 'rule' }),
};

const placeholders = (count: number, offset: number) =>
  Array.from({ length: count }, (_, i) => `$${i + 1 + offset}`).join(', ');

export interface SectionsAsOf {
  sections: ReportSection[];
  escalations: ReportEscalation[];
  /** Live sections made after the end: not in the report, which says so. */
  laterSections: number;
}

/** The sections of the table that existed at the end, in plan and position order. */
async function sectionsAt(db: Queryable, tableId: string, end: Date) {
  return db.query<{ id: string; title: string; position: number }>(
    `select s.id, s.title, s.position from sections s join plans p on p.id = s.plan_id
      where s.table_id = $1 and s.created_at < $2 and p.created_at < $2
        and (s.archived_at is null or s.archived_at >= $2) and (p.archived_at is null or p.archived_at >= $2)
      order by p.created_at, p.id, s.position`,
    [tableId, end],
  );
}

async function sectionsMadeAfter(db: Queryable, tableId: string, end: Date): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::integer as n from sections s join live_sections live on live.id = s.id
      where s.table_id = $1 and s.created_at >= $2`,
    [tableId, end],
  );
  return row?.n ?? 0;
}

/** Each section's state at the end, replayed from its recorded transitions. */
async function statesAt(db: Queryable, tableId: string, end: Date): Promise<Map<string, SectionState>> {
  const kinds = Object.keys(TRANSITIONS);
  const events = await db.query<{ section_id: string; kind: string; outcome: string | null }>(
    `select subject_id as section_id, kind, data->>'outcome' as outcome from audit_events
      where table_id = $1 and subject_type = 'section' and occurred_at < $2 and kind in (${placeholders(kinds.length, 2)})
      order by id`,
    [tableId, end, ...kinds],
  );
  const states = new Map<string, SectionState>();
  for (const event of events) {
    const from = states.get(event.section_id) ?? 'draft';
    // A step the machine would refuse cannot have happened; should the log hold one, the state stays.
    states.set(event.section_id, transition(from, TRANSITIONS[event.kind]!(event.outcome)) ?? from);
  }
  return states;
}

/** The last adopted version of each section at the end (the view section_adoptions, bounded by the end). */
async function adoptedAt(db: Queryable, tableId: string, end: Date) {
  const rows = await db.query<{
    section_id: string;
    number: number;
    adopted_at: Date;
    way: 'consensus' | 'mediation' | 'ruling';
  }>(
    `select distinct on (a.section_id) a.section_id, v.number, a.adopted_at, a.way
       from section_adoptions a
       join section_versions v on v.id = a.version_id
       join sections s on s.id = a.section_id
      where s.table_id = $1 and a.adopted_at < $2
      order by a.section_id, v.number desc, a.adopted_at desc`,
    [tableId, end],
  );
  return new Map(rows.map((r) => [r.section_id, { number: r.number, at: iso(r.adopted_at), way: r.way }]));
}

async function roundsIn(db: Queryable, tableId: string, period: ReportPeriod) {
  const rows = await db.query<{
    id: string;
    section_id: string;
    kind: 'consent' | 'mediation_proposal';
    number: number;
    opened_at: Date;
    closed_at: Date | null;
    outcome: ReportRound['outcome'];
  }>(
    `select r.id, r.section_id, r.kind, v.number, r.opened_at, r.closed_at, r.outcome
       from rounds r join section_versions v on v.id = r.version_id join sections s on s.id = r.section_id
      where s.table_id = $1 and r.opened_at < $3 and (r.closed_at is null or r.closed_at >= $2)
      order by r.opened_at, r.id`,
    [tableId, period.start, period.end],
  );
  return rows.map((r) => {
    const closed = r.closed_at !== null && r.closed_at < period.end;
    const round: ReportRound = {
      id: r.id,
      kind: r.kind,
      versionNumber: r.number,
      openedAt: iso(r.opened_at),
      closedAt: closed ? iso(r.closed_at) : null,
      outcome: closed ? r.outcome : null,
    };
    return { sectionId: r.section_id, round };
  });
}

async function escalationsIn(
  db: Queryable,
  tableId: string,
  period: ReportPeriod,
  titles: ReadonlyMap<string, string>,
): Promise<ReportEscalation[]> {
  const rows = (
    await db.query<{
      id: string;
      section_id: string;
      escalated_at: Date;
      referred_at: Date | null;
      closed_at: Date | null;
    }>(
      `select e.id, e.section_id, e.escalated_at, e.referred_at, e.closed_at
         from escalations e join sections s on s.id = e.section_id
        where s.table_id = $1 and e.escalated_at < $3 and (e.closed_at is null or e.closed_at >= $2)
        order by e.escalated_at, e.id`,
      [tableId, period.start, period.end],
    )
  ).filter((e) => titles.has(e.section_id));
  if (rows.length === 0) return [];
  const ids = rows.map((e) => e.id);
  const [steps, rulings] = await Promise.all([
    db.query<{ escalation_id: string; occurred_on: string; kind: 'meeting' | 'call' | 'written' }>(
      `select escalation_id, to_char(occurred_on, 'YYYY-MM-DD') as occurred_on, kind from mediation_steps
        where occurred_on <= $1::date and escalation_id in (${placeholders(ids.length, 1)})
        order by occurred_on, recorded_at`,
      [period.lastDay, ...ids],
    ),
    db.query<{ escalation_id: string; effective_at: Date; number: number | null }>(
      `select g.escalation_id, g.effective_at, v.number from rulings g left join section_versions v on v.id = g.version_id
        where g.effective_at < $1 and g.escalation_id in (${placeholders(ids.length, 1)})
        order by g.effective_at`,
      [period.end, ...ids],
    ),
  ]);
  const before = (at: Date | null) => (at !== null && at < period.end ? at : null);
  return rows.map((e) => {
    const closedAt = before(e.closed_at);
    const ruling = rulings.find((r) => r.escalation_id === e.id);
    // Calendar days in Amsterdam, to the closing or (still open) to the end of the period's last day.
    const until = closedAt ? amsterdamDate(closedAt) : amsterdamDate(period.end);
    return {
      id: e.id,
      sectionId: e.section_id,
      sectionTitle: titles.get(e.section_id)!,
      escalatedAt: iso(e.escalated_at),
      referredAt: before(e.referred_at) ? iso(e.referred_at) : null,
      closedAt: closedAt ? iso(closedAt) : null,
      durationDays: Math.max(0, daysBetween(amsterdamDate(e.escalated_at), until)),
      mediationSteps: steps
        .filter((s) => s.escalation_id === e.id)
        .map((s) => ({ occurredOn: s.occurred_on, kind: s.kind })),
      ruling: ruling ? { effectiveAt: iso(ruling.effective_at), versionNumber: ruling.number } : null,
    };
  });
}

/** Every section of the table at the end with its state, adopted version and rounds; the escalations in the period. */
export async function sectionsAsOf(db: Queryable, tableId: string, period: ReportPeriod): Promise<SectionsAsOf> {
  const [sections, states, adopted, rounds, laterSections] = await Promise.all([
    sectionsAt(db, tableId, period.end),
    statesAt(db, tableId, period.end),
    adoptedAt(db, tableId, period.end),
    roundsIn(db, tableId, period),
    sectionsMadeAfter(db, tableId, period.end),
  ]);
  const titles = new Map(sections.map((s) => [s.id, s.title]));
  return {
    sections: sections.map((s) => ({
      id: s.id,
      title: s.title,
      position: s.position,
      state: states.get(s.id) ?? 'draft',
      adoptedVersion: adopted.get(s.id) ?? null,
      rounds: rounds.filter((r) => r.sectionId === s.id).map((r) => r.round),
    })),
    escalations: await escalationsIn(db, tableId, period, titles),
    laterSections,
  };
}

/** The coverage matrix at the end, and the limitation to state when it could not be reconstructed. */
export async function coverageAsOf(
  db: Queryable,
  tableId: string,
  period: ReportPeriod,
  goals: ReadonlyArray<{ id: string; title: string }>,
  sections: ReadonlyArray<{ id: string; title: string }>,
): Promise<{ coverage: ReportCoverage; limitation: string | null }> {
  const [since] = await db.query<{ since: Date | null }>(
    `select min(h.linked_at) as since from section_goal_history h join sections s on s.id = h.section_id
      where s.table_id = $1 and h.backfilled`,
    [tableId],
  );
  const reconstructed = !since?.since || period.end > since.since;
  const links = reconstructed
    ? await db.query<{ section_id: string; goal_id: string }>(
        `select distinct h.section_id, h.goal_id from section_goal_history h join sections s on s.id = h.section_id
          where s.table_id = $1 and h.linked_at < $2 and (h.unlinked_at is null or h.unlinked_at >= $2)`,
        [tableId, period.end],
      )
    : await db.query<{ section_id: string; goal_id: string }>(
        `select sg.section_id, sg.goal_id from section_goals sg join sections s on s.id = sg.section_id
          where s.table_id = $1`,
        [tableId],
      );
  const goalIds = new Set(goals.map((g) => g.id));
  const sectionOrder = new Map(sections.map((s, i) => [s.id, i]));
  const goalOrder = new Map(goals.map((g, i) => [g.id, i]));
  return {
    coverage: {
      goals: goals.map((g) => ({ id: g.id, title: g.title })),
      sections: sections.map((s) => ({ id: s.id, title: s.title })),
      links: links
        .filter((l) => goalIds.has(l.goal_id) && sectionOrder.has(l.section_id))
        .sort(
          (a, b) =>
            sectionOrder.get(a.section_id)! - sectionOrder.get(b.section_id)! ||
            goalOrder.get(a.goal_id)! - goalOrder.get(b.goal_id)!,
        )
        .map((l) => ({ sectionId: l.section_id, goalId: l.goal_id })),
      reconstructed,
    },
    limitation: reconstructed
      ? null
      : `De koppelingen tussen secties en doelen worden pas sinds ${formatDateNl(since!.since!)} bijgehouden; de matrix toont de huidige koppelingen.`,
  };
}
