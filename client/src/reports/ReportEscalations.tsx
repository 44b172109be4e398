import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { ReportDetail, ReportEscalation } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { day } from './period.ts';

function Steps({ escalation }: { escalation: ReportEscalation }) {
  const { t, formatDate } = useI18n();
  if (escalation.mediationSteps.length === 0) return <>{t('reports.escalations.noSteps')}</>;
  return (
    <ul>
      {escalation.mediationSteps.map((step, index) => (
        <li key={index}>
          {formatDate(day(step.occurredOn))} · {t(`mediation.kind.${step.kind}`)}
        </li>
      ))}
    </ul>
  );
}

/** Escalations in the period, with their mediation steps, referral, ruling and how long they took. */
export function ReportEscalations({ report }: { report: ReportDetail }) {
  const { t, formatDate } = useI18n();
  const { escalations } = report.generated;
  const date = (iso: string | null) => (iso ? formatDate(iso) : '—');
  return (
    <section id="part-escalations" aria-labelledby="report-escalations-heading" className="tw-panel">
      <Heading level={2} id="report-escalations-heading">
        {t('reports.escalations.title')}
      </Heading>
      {escalations.length === 0 ? (
        <Paragraph data-testid="report-escalations-none">{t('reports.escalations.none')}</Paragraph>
      ) : (
        <div className="tw-scroll" role="region" aria-label={t('reports.escalations.caption')} tabIndex={0}>
          <table className="tw-table" data-testid="report-escalations">
            <caption className="tw-caption">{t('reports.escalations.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.sections.section')}</th>
                <th scope="col">{t('reports.escalations.escalated')}</th>
                <th scope="col">{t('reports.escalations.steps')}</th>
                <th scope="col">{t('reports.escalations.referred')}</th>
                <th scope="col">{t('reports.escalations.ruling')}</th>
                <th scope="col">{t('reports.escalations.closed')}</th>
                <th scope="col">{t('reports.escalations.duration')}</th>
              </tr>
            </thead>
            <tbody>
              {escalations.map((escalation) => (
                <tr key={escalation.id} data-testid="report-escalation">
                  <th scope="row">{escalation.sectionTitle}</th>
                  <td>{date(escalation.escalatedAt)}</td>
                  <td>
                    <Steps escalation={escalation} />
                  </td>
                  <td>{date(escalation.referredAt)}</td>
                  <td>
                    {escalation.ruling
                      ? escalation.ruling.versionNumber === null
                        ? date(escalation.ruling.effectiveAt)
                        : t('reports.escalations.rulingValue', {
                            date: date(escalation.ruling.effectiveAt),
                            version: escalation.ruling.versionNumber,
                          })
                      : '—'}
                  </td>
                  <td>{escalation.closedAt ? date(escalation.closedAt) : t('reports.escalations.stillOpen')}</td>
                  <td>{t('reports.escalations.days', { days: escalation.durationDays })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
