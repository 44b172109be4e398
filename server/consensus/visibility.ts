import type {
  AuditEventView,
  AuditResponse,
  EscalationView,
  PositionView,
  RoundView,
  RulingView,
} from '../../shared/api.ts';
import type { Queryable } from '../db/db.ts';

/**
 * What a viewer without `consensus.readDeliberation` (council members, observers) may see of a
 * section's consensus: the adopted text and the outcomes, not the deliberation in progress.
 *
 * - A round that is still open shows no positions (not even their kinds).
 * - A closed round shows who consented and who objected; the texts of those positions (remarks,
 *   objection reasons) only once the matter is decided, i.e. when the round closed no later than the
 *   section's last adoption (an agreed round or a ruling taking effect). So the objections beside a
 *   ruling show as minority positions, while those of a dispute still running do not.
 * - Escalations show who escalated and when, referral and closing dates and when mediation steps took
 *   place; never the reason, the mediation notes or the referral report (the chair's working papers).
 * - Only rulings that took effect: a draft the municipalities have not ratified is left out.
 * - Audit events lose the same texts; the statements of an open round and comment events are left out.
 */
export interface Deliberation {
  rounds: RoundView[];
  escalations: EscalationView[];
  rulings: RulingView[];
}

/** When the section was last decided (an agreed round closed or a ruling took effect), or null. */
function decidedAt(rounds: readonly RoundView[], rulings: readonly RulingView[]): string | null {
  const moments = [
    ...rounds.filter((r) => r.outcome === 'agreed' && r.closedAt).map((r) => r.closedAt!),
    ...rulings.filter((r) => r.effectiveAt).map((r) => r.effectiveAt!),
  ];
  // ISO timestamps from toISOString() compare correctly as strings.
  return moments.reduce<string | null>((latest, at) => (latest === null || at > latest ? at : latest), null);
}

function withoutText({ text: _text, ...position }: PositionView): PositionView {
  return position;
}

function outcomeRound(round: RoundView, decided: string | null): RoundView {
  if (round.closedAt === null) return { ...round, positions: [], statements: [] };
  if (decided !== null && round.closedAt <= decided) return round;
  return { ...round, positions: round.positions.map(withoutText), statements: round.statements.map(withoutText) };
}

function outcomeEscalation({
  reason: _reason,
  referralReport: _report,
  ...escalation
}: EscalationView): EscalationView {
  return { ...escalation, steps: escalation.steps.map(({ note: _note, ...step }) => step) };
}

/** The rounds, escalations and rulings as a viewer without deliberation rights sees them. */
export function outcomesOnly(deliberation: Deliberation): Deliberation {
  const decided = decidedAt(deliberation.rounds, deliberation.rulings);
  return {
    rounds: deliberation.rounds.map((round) => outcomeRound(round, decided)),
    escalations: deliberation.escalations.map(outcomeEscalation),
    rulings: deliberation.rulings.filter((ruling) => ruling.effectiveAt !== null),
  };
}

/** Event fields that carry deliberation text: position texts, reasons, notes, reports, draft rationales. */
const DELIBERATION_FIELDS = ['text', 'reason', 'note', 'report', 'rationale'];

/** Audit events without deliberation texts, and without the statements of rounds still open. */
export function outcomeEvents(events: readonly AuditEventView[], openRoundIds: ReadonlySet<string>): AuditEventView[] {
  return events
    .filter((event) => !(event.kind === 'position.stated' && openRoundIds.has(String(event.data.roundId))))
    // Comment threads are the deliberation itself: who said what about which passage.
    .filter((event) => !event.kind.startsWith('comment.'))
    .map((event) => ({
      ...event,
      data: Object.fromEntries(Object.entries(event.data).filter(([key]) => !DELIBERATION_FIELDS.includes(key))),
    }));
}

/** A page of the table's audit trail without deliberation texts (for observers, who may read the trail). */
export async function outcomeAudit(db: Queryable, tableId: string, page: AuditResponse): Promise<AuditResponse> {
  const open = await db.query<{ id: string }>(
    'select r.id from rounds r join sections s on s.id = r.section_id where s.table_id = $1 and r.closed_at is null',
    [tableId],
  );
  return { ...page, events: outcomeEvents(page.events, new Set(open.map((r) => r.id))) };
}
