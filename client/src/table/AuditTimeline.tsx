import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { AuditEventView } from '../../../shared/api.ts';
import { POSITION_KINDS, type PositionKind } from '../../../shared/consensus.ts';
import { ROLES, type Role } from '../../../shared/roles.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';

const str = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));

const list = (value: unknown) => (Array.isArray(value) && value.length ? value.map(str).join(', ') : '—');

function roleName(t: Translate, role: unknown): string {
  return (ROLES as readonly unknown[]).includes(role) ? t(`role.${role as Role}`) : str(role);
}

function rulesChanges(t: Translate, data: Record<string, unknown>): string {
  const before = (data.before ?? {}) as Record<string, unknown>;
  const after = (data.after ?? {}) as Record<string, unknown>;
  const yesNo = (v: unknown) => (v ? t('yes') : t('no'));
  const changes: string[] = [];
  if (before.responsePeriodDays !== after.responsePeriodDays) {
    changes.push(
      t('audit.change.responsePeriod', { from: str(before.responsePeriodDays), to: str(after.responsePeriodDays) }),
    );
  }
  if (before.silenceIsConsent !== after.silenceIsConsent) {
    changes.push(
      t('audit.change.silence', { from: yesNo(before.silenceIsConsent), to: yesNo(after.silenceIsConsent) }),
    );
  }
  if (before.rulingRule !== after.rulingRule) changes.push(t('audit.change.ruling'));
  return changes.join('; ') || '—';
}

function positionName(t: Translate, kind: unknown): string {
  return (POSITION_KINDS as readonly unknown[]).includes(kind) ? t(`position.kind.${kind as PositionKind}`) : str(kind);
}

const OUTCOMES = ['agreed', 'objected', 'not_all_responded', 'withdrawn'] as const;
const STEP_KINDS = ['meeting', 'call', 'written'] as const;

/** What happened in the consensus process of a section, as a sentence. */
function describeConsensusEvent(
  t: Translate,
  event: AuditEventView,
  params: Record<string, string>,
  formatDate: (iso: string) => string,
): string | null {
  const d = event.data;
  const version = str(d.versionNumber);
  switch (event.kind) {
    case 'round.opened':
    case 'round.withdrawn':
    case 'mediation.proposal':
    case 'ruling.effective':
      return t(`audit.${event.kind}`, { ...params, version });
    case 'round.closed': {
      const outcome = (OUTCOMES as readonly unknown[]).includes(d.outcome)
        ? t(`consensus.outcome.${d.outcome as (typeof OUTCOMES)[number]}`)
        : str(d.outcome);
      return t('audit.round.closed', { ...params, version, outcome });
    }
    case 'position.stated': {
      const text = str(d.text);
      return t(text ? 'audit.position.statedWithText' : 'audit.position.stated', {
        ...params,
        version,
        position: positionName(t, d.kind),
        text,
      });
    }
    case 'section.escalated':
      return t('audit.section.escalated', { ...params, reason: str(d.reason) });
    case 'mediation.step': {
      const kind = (STEP_KINDS as readonly unknown[]).includes(d.kind)
        ? t(`mediation.kind.${d.kind as (typeof STEP_KINDS)[number]}`)
        : str(d.kind);
      const date = typeof d.occurredOn === 'string' && d.occurredOn ? formatDate(`${d.occurredOn}T12:00:00`) : '';
      return t('audit.mediation.step', { ...params, kind, date, note: str(d.note) });
    }
    case 'section.referred':
    case 'section.revision_opened':
    case 'ruling.drafted':
    case 'ruling.endorsed':
    case 'comment.thread_started':
    case 'comment.replied':
    case 'comment.resolved':
    case 'comment.reopened':
      return t(`audit.${event.kind}`, { ...params, quote: str(d.quote) });
    case 'proposal.started':
    case 'proposal.withdrawn':
      return t(`audit.${event.kind}.${d.proposalKind === 'ruling' ? 'ruling' : 'compromise'}`, params);
    case 'section.draft_restored': {
      const at = typeof d.entryAt === 'string' ? formatDate(d.entryAt) : '';
      return typeof d.versionNumber === 'number'
        ? t('audit.section.draft_restored.version', { ...params, version: String(d.versionNumber) })
        : t('audit.section.draft_restored.snapshot', { ...params, date: at });
    }
    default:
      return null;
  }
}

/** One audit event as a Dutch sentence; kinds the client does not know yet get a generic line. */
export function describeEvent(
  t: Translate,
  event: AuditEventView,
  formatDate: (iso: string) => string = (iso) => iso,
): string {
  const d = event.data;
  const after = (d.after ?? {}) as Record<string, unknown>;
  const params = {
    actor: event.actor?.name ?? t('audit.system'),
    organization: str(d.organizationName),
    user: str(d.userName),
    email: str(d.email),
    role: roleName(t, d.role),
    previousRole: roleName(t, d.previousRole),
    phase: str(d.phaseName || d.to),
    kind: event.kind,
    title: str(d.title ?? after.title),
    from: str(d.from),
    to: str(d.to),
    indicator: str(d.indicator ?? after.indicator),
    period: str(d.period),
    value: str(d.value),
    goal: str(d.goalTitle),
    added: list(d.added),
    removed: list(d.removed),
  };
  switch (event.kind) {
    case 'member.added':
    case 'member.removed':
    case 'role.assigned':
    case 'role.changed':
    case 'role.revoked':
    case 'invitation.sent':
    case 'invitation.revoked':
    case 'invitation.accepted':
    case 'phase.changed':
    case 'table.created':
      return t(`audit.${event.kind}`, params);
    case 'plan.created':
    case 'plan.updated':
    case 'plan.archived':
    case 'plan.restored':
    case 'plan.sections_reordered':
    case 'section.created':
    case 'section.renamed':
    case 'section.drafters_set':
    case 'section.archived':
    case 'section.restored':
    case 'section.goals_linked':
    case 'principle.created':
    case 'principle.updated':
    case 'principle.deleted':
    case 'goal.created':
    case 'goal.updated':
    case 'goal.deleted':
    case 'kpi.created':
    case 'kpi.updated':
    case 'kpi.deleted':
    case 'kpi.measurement_recorded':
    case 'kpi.measurement_corrected':
      return t(`audit.${event.kind}`, params);
    case 'rules.updated':
      return t('audit.rules.updated', { ...params, changes: rulesChanges(t, d) });
    default:
      return describeConsensusEvent(t, event, params, formatDate) ?? t('audit.unknown', params);
  }
}

export function AuditTimeline({ tableId }: { tableId: string }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { data, setData, error } = useLoad(() => endpoints.audit(tableId), [tableId]);
  const [moreError, setMoreError] = useState<unknown>(null);
  async function loadMore() {
    if (!data?.nextBefore) return;
    try {
      const page = await endpoints.audit(tableId, data.nextBefore);
      setData({ events: [...data.events, ...page.events], nextBefore: page.nextBefore });
    } catch (cause) {
      setMoreError(cause);
    }
  }
  return (
    <section aria-labelledby="audit-heading">
      <Heading level={2} id="audit-heading">
        {t('audit.title')}
      </Heading>
      <Paragraph>{t('audit.intro')}</Paragraph>
      <ErrorAlert error={error ?? moreError} />
      {data && data.events.length === 0 ? <Paragraph>{t('audit.none')}</Paragraph> : null}
      <ol className="tw-timeline">
        {data?.events.map((event) => (
          <li key={event.id} data-testid="audit-event">
            <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
            <span>{describeEvent(t, event, formatDate)}</span>
          </li>
        ))}
      </ol>
      {data?.nextBefore ? (
        <Button appearance="secondary-action-button" onClick={loadMore}>
          {t('audit.more')}
        </Button>
      ) : null}
    </section>
  );
}
