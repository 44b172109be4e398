import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { EscalationView } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** An escalation: why, by whom, how long with the chair, the mediation steps and the referral report. */
export function EscalationDetails({ escalation, level = 3 }: { escalation: EscalationView; level?: 3 | 4 }) {
  const { t, formatDate, formatDateTime } = useI18n();
  return (
    <section className="tw-block-section" data-testid="escalation" aria-label={t('consensus.escalation.title')}>
      <Heading level={level}>{t('consensus.escalation.title')}</Heading>
      <Paragraph small className="tw-muted">
        {t('consensus.escalation.by', {
          name: escalation.escalatedBy.name,
          organization: escalation.escalatedBy.organizationName,
          date: formatDateTime(escalation.escalatedAt),
        })}{' '}
        <span className="tw-badge" data-testid="escalation-age">
          {t('consensus.escalation.age', { days: escalation.ageDays })}
        </span>
      </Paragraph>
      <dl className="tw-facts tw-facts-stacked">
        {/* Reason, notes and report are left out for those who may not read the deliberation. */}
        {escalation.reason !== undefined ? (
          <>
            <dt>{t('consensus.escalation.reason')}</dt>
            <dd className="tw-pre" data-testid="escalation-reason">
              {escalation.reason}
            </dd>
          </>
        ) : null}
        <dt>{t('consensus.escalation.steps')}</dt>
        <dd>
          {escalation.steps.length === 0 ? (
            <span className="tw-muted">{t('consensus.escalation.noSteps')}</span>
          ) : (
            <ol className="tw-steps" data-testid="mediation-steps">
              {escalation.steps.map((step) => (
                <li key={step.id} data-testid="mediation-step">
                  <span className="tw-muted tw-small tw-block">
                    {t('consensus.escalation.step', {
                      date: formatDate(`${step.occurredOn}T12:00:00`),
                      kind: t(`mediation.kind.${step.kind}`),
                      name: step.recordedBy.name,
                    })}
                  </span>
                  {step.note !== undefined ? <span className="tw-pre">{step.note}</span> : null}
                </li>
              ))}
            </ol>
          )}
        </dd>
        {escalation.referredAt ? (
          <>
            <dt>{t('consensus.escalation.report')}</dt>
            <dd data-testid="referral-report-text">
              <span className="tw-muted tw-small tw-block">
                {t('consensus.escalation.referred', { date: formatDateTime(escalation.referredAt) })}
              </span>
              {escalation.referralReport ? <span className="tw-pre">{escalation.referralReport}</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
