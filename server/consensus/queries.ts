import type {
  EscalationView,
  PersonRef,
  PositionView,
  RoundView,
  RulingView,
  SectionConsensus,
} from '../../shared/api.ts';
import { consensusActions, type PositionKind, type RoundOutcome, type SectionState } from '../../shared/consensus.ts';
import { can } from '../../shared/permissions.ts';
import type { OrganizationKind, Role } from '../../shared/roles.ts';
import type { Queryable } from '../db/db.ts';
import { iso, isoOrNull } from '../db/rows.ts';
import { latestVersion } from './versions.ts';
import { outcomesOnly } from './visibility.ts';

export const PERSON = (alias: string) =>
  `${alias}.id as ${alias}_id, ${alias}.name as ${alias}_name, ${alias}o.name as ${alias}_org`;
export const JOIN_PERSON = (alias: string, column: string) =>
  `join users ${alias} on ${alias}.id = ${column} join organizations ${alias}o on ${alias}o.id = ${alias}.organization_id`;

export function person(row: Record<string, unknown>, alias: string): PersonRef {
  return {
    id: row[`${alias}_id`] as string,
    name: row[`${alias}_name`] as string,
    organizationName: row[`${alias}_org`] as string,
  };
}

export async function listRounds(db: Queryable, sectionId: string, current: number | null): Promise<RoundView[]> {
  const [rounds, positions] = await Promise.all([
    db.query(
      `select r.id, r.kind, v.number as version_number, r.opened_at, r.deadline, r.closed_at, r.outcome, ${PERSON('u')}
         from rounds r join section_versions v on v.id = r.version_id ${JOIN_PERSON('u', 'r.opened_by')}
        where r.section_id = $1 order by r.opened_at, v.number`,
      [sectionId],
    ),
    db.query(
      `select p.id, p.round_id, p.kind, p.text, p.stated_at, p.superseded_at, o.id as org_id, o.name as org_name,
              v.number as version_number, ${PERSON('u')}
         from positions p join rounds r on r.id = p.round_id join section_versions v on v.id = r.version_id
         join organizations o on o.id = p.organization_id ${JOIN_PERSON('u', 'p.stated_by')}
        where r.section_id = $1 order by p.stated_at, p.id`,
      [sectionId],
    ),
  ]);
  const views: PositionView[] = positions.map((p) => ({
    id: p.id as string,
    organization: { id: p.org_id as string, name: p.org_name as string },
    kind: p.kind as PositionKind,
    text: p.text as string,
    statedBy: person(p, 'u'),
    statedAt: iso(p.stated_at),
    superseded: p.superseded_at !== null,
    versionNumber: p.version_number as number,
    stale: current !== null && (p.version_number as number) < current,
  }));
  const roundOf = new Map(positions.map((p, i) => [views[i]!.id, p.round_id as string]));
  return rounds.map((r) => {
    const statements = views.filter((v) => roundOf.get(v.id) === r.id);
    return {
      id: r.id as string,
      kind: r.kind as RoundView['kind'],
      versionNumber: r.version_number as number,
      openedBy: person(r, 'u'),
      openedAt: iso(r.opened_at),
      deadline: iso(r.deadline),
      closedAt: isoOrNull(r.closed_at),
      outcome: r.outcome as RoundOutcome | 'withdrawn' | null,
      positions: statements
        .filter((s) => !s.superseded)
        .sort((a, b) => a.organization.name.localeCompare(b.organization.name)),
      statements,
    };
  });
}

export async function listEscalations(db: Queryable, sectionId: string, now: Date): Promise<EscalationView[]> {
  const [escalations, steps] = await Promise.all([
    db.query(
      `select e.id, e.reason, e.escalated_at, e.referred_at, e.referral_report, e.closed_at, ${PERSON('u')}
         from escalations e ${JOIN_PERSON('u', 'e.escalated_by')} where e.section_id = $1 order by e.escalated_at`,
      [sectionId],
    ),
    db.query(
      `select m.id, m.escalation_id, m.occurred_on::text as occurred_on, m.kind, m.note, ${PERSON('u')}
         from mediation_steps m join escalations e on e.id = m.escalation_id ${JOIN_PERSON('u', 'm.recorded_by')}
        where e.section_id = $1 order by m.occurred_on, m.recorded_at`,
      [sectionId],
    ),
  ]);
  return escalations.map((e) => {
    const end = (e.closed_at as Date | null) ?? (e.referred_at as Date | null) ?? now;
    return {
      id: e.id as string,
      reason: e.reason as string,
      escalatedBy: person(e, 'u'),
      escalatedAt: iso(e.escalated_at),
      ageDays: Math.max(0, Math.floor((end.getTime() - (e.escalated_at as Date).getTime()) / 86_400_000)),
      steps: steps
        .filter((s) => s.escalation_id === e.id)
        .map((s) => ({
          id: s.id as string,
          occurredOn: s.occurred_on as string,
          kind: s.kind as 'meeting' | 'call' | 'written',
          note: s.note as string,
          recordedBy: person(s, 'u'),
        })),
      referredAt: isoOrNull(e.referred_at),
      referralReport: (e.referral_report as string | null) ?? null,
      closedAt: isoOrNull(e.closed_at),
    };
  });
}

export async function listRulings(db: Queryable, sectionId: string, tableId: string): Promise<RulingView[]> {
  const [rulings, endorsements, municipalities] = await Promise.all([
    db.query(
      `select r.id, r.text, r.rationale, r.drafted_at, r.effective_at, r.superseded_at, v.number as version_number,
              ${PERSON('u')}
         from rulings r left join section_versions v on v.id = r.version_id ${JOIN_PERSON('u', 'r.drafted_by')}
        where r.section_id = $1 order by r.drafted_at`,
      [sectionId],
    ),
    db.query(
      `select e.ruling_id, e.endorsed_at, o.id as org_id, o.name as org_name, ${PERSON('u')}
         from ruling_endorsements e join rulings r on r.id = e.ruling_id join organizations o on o.id = e.organization_id
         ${JOIN_PERSON('u', 'e.endorsed_by')} where r.section_id = $1 order by e.endorsed_at`,
      [sectionId],
    ),
    db.query<{ id: string; name: string }>(
      `select o.id, o.name from table_members m join organizations o on o.id = m.organization_id
        where m.table_id = $1 and o.kind = 'municipality' order by o.name`,
      [tableId],
    ),
  ]);
  return rulings.map((r): RulingView => {
    const mine = endorsements.filter((e) => e.ruling_id === r.id);
    return {
      id: r.id as string,
      text: r.text as string,
      rationale: r.rationale as string,
      draftedBy: person(r, 'u'),
      draftedAt: iso(r.drafted_at),
      effectiveAt: isoOrNull(r.effective_at),
      versionNumber: (r.version_number as number | null) ?? null,
      superseded: r.superseded_at !== null,
      endorsements: mine.map((e) => ({
        organization: { id: e.org_id as string, name: e.org_name as string },
        endorsedBy: person(e, 'u'),
        endorsedAt: iso(e.endorsed_at),
      })),
      awaiting: municipalities.filter((m) => !mine.some((e) => e.org_id === m.id)),
    };
  });
}

/** Where a section stands, for one viewer (their actions depend on role and organization). */
export async function sectionConsensus(
  db: Queryable,
  section: { id: string; tableId: string; state: SectionState },
  viewer: { userId: string; role: Role; organizationId: string },
  now: Date,
): Promise<SectionConsensus> {
  const current = await latestVersion(db, section.id);
  const [allRounds, allEscalations, allRulings, organizations] = await Promise.all([
    listRounds(db, section.id, current),
    listEscalations(db, section.id, now),
    listRulings(db, section.id, section.tableId),
    db.query<{ id: string; name: string; kind: OrganizationKind }>(
      `select o.id, o.name, o.kind from table_members m join organizations o on o.id = m.organization_id
        where m.table_id = $1 order by (o.kind = 'municipality') desc, o.name`,
      [section.tableId],
    ),
  ]);
  // Everything below derives from what this viewer may see (council members and observers: outcomes only).
  const deliberation = { rounds: allRounds, escalations: allEscalations, rulings: allRulings };
  const { rounds, escalations, rulings } = can(viewer.role, 'consensus.readDeliberation')
    ? deliberation
    : outcomesOnly(deliberation);
  const round = rounds.at(-1) ?? null;
  const ruling =
    [...rulings].reverse().find((r) => !('superseded' in r && (r as { superseded: boolean }).superseded)) ?? null;
  const member = organizations.find((o) => o.id === viewer.organizationId);
  const openRound = round && round.closedAt === null ? round : null;
  // The objections of the last closed round before a referral stay on record beside the ruling.
  const decided = [...rounds].reverse().find((r) => r.outcome && r.outcome !== 'withdrawn' && r.outcome !== 'agreed');
  const latestPosition = (orgId: string) =>
    [...rounds]
      .reverse()
      .flatMap((r) => r.positions)
      .find((p) => p.organization.id === orgId) ?? null;
  return {
    sectionId: section.id,
    state: section.state,
    currentVersion: current,
    organizations: organizations.map((o) => ({ ...o, position: latestPosition(o.id) })),
    round,
    escalation: escalations.at(-1) ?? null,
    ruling,
    minorityPositions:
      section.state === 'referred' || section.state === 'ruled'
        ? (decided?.positions.filter((p) => p.kind === 'object') ?? [])
        : [],
    actions: consensusActions(section.state, viewer.role, {
      memberOrganization: member !== undefined,
      memberMunicipality: member?.kind === 'municipality',
      openedRound: openRound?.openedBy.id === viewer.userId,
      rulingToEndorse:
        ruling !== null && ruling.effectiveAt === null && ruling.awaiting.some((o) => o.id === viewer.organizationId),
    }),
  };
}

/** The chair's inbox of open escalations, oldest first. */
export async function escalationInbox(db: Queryable, tableId: string, now: Date) {
  const sections = await db.query<{ id: string; title: string; state: SectionState }>(
    `select distinct s.id, s.title, s.state from escalations e join sections s on s.id = e.section_id
      where s.table_id = $1 and e.closed_at is null`,
    [tableId],
  );
  const all = [];
  for (const section of sections) {
    for (const escalation of await listEscalations(db, section.id, now)) {
      if (!escalation.closedAt) all.push({ ...escalation, section });
    }
  }
  return { escalations: all.sort((a, b) => a.escalatedAt.localeCompare(b.escalatedAt)) };
}

/** Open rounds past their deadline, oldest deadline first: the scheduler closes them. */
export async function overdueRounds(db: Queryable, now: Date): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'select id from rounds where closed_at is null and deadline < $1 order by deadline',
    [now],
  );
  return rows.map((r) => r.id);
}

/** Open rounds whose reminder is due and not yet sent. */
export async function roundsToRemind(db: Queryable, now: Date): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'select id from rounds where closed_at is null and reminded_at is null and remind_at <= $1',
    [now],
  );
  return rows.map((r) => r.id);
}

export { carriedRulingsPending } from './rulings.ts';

const SECTION_OF = {
  section: 'select s.id as section_id, s.table_id, s.state from sections s where s.id = $1',
  round:
    'select s.id as section_id, s.table_id, s.state from rounds r join sections s on s.id = r.section_id where r.id = $1',
  escalation:
    'select s.id as section_id, s.table_id, s.state from escalations e join sections s on s.id = e.section_id where e.id = $1',
  ruling:
    'select s.id as section_id, s.table_id, s.state from rulings r join sections s on s.id = r.section_id where r.id = $1',
  proposal:
    'select s.id as section_id, s.table_id, s.state from proposals p join sections s on s.id = p.section_id where p.id = $1',
} as const;

/** The section (with its table and state) a section, round, escalation or ruling id belongs to; null if none. */
export async function sectionOf(
  db: Queryable,
  kind: keyof typeof SECTION_OF,
  id: string,
): Promise<{ sectionId: string; tableId: string; state: SectionState } | null> {
  const [row] = await db.query<{ section_id: string; table_id: string; state: SectionState }>(SECTION_OF[kind], [id]);
  return row ? { sectionId: row.section_id, tableId: row.table_id, state: row.state } : null;
}

/** A section's text as ProseMirror JSON, for the rich diffs of other capabilities (the draft history). */
export { draftDocument, stateToPmJson } from './documents.ts';

/** The audit trail as those who may not read the deliberation see it (the rule lives in visibility.ts). */
export { outcomeAudit } from './visibility.ts';
