import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { ReportDetail, ReportRound } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { day } from './period.ts';

/** A round in words: which version, when it opened and closed, and how it ended (or that it still ran). */
function RoundLine({ round }: { round: ReportRound }) {
  const { t, formatDate } = useI18n();
  return (
    <li data-testid="report-round" data-outcome={round.outcome ?? 'open'}>
      {t(`consensus.round.${round.kind}`, { version: round.versionNumber })}
      {': '}
      {round.closedAt && round.outcome
        ? t('reports.sections.roundClosed', {
            opened: formatDate(round.openedAt),
            closed: formatDate(round.closedAt),
            outcome: t(`consensus.outcome.${round.outcome}`),
          })
        : t('reports.sections.roundOpen', { opened: formatDate(round.openedAt) })}
    </li>
  );
}

/** Every plan section as it stood at the period's end, its adopted version, and the rounds held in the period. */
export function ReportSections({ report }: { report: ReportDetail }) {
  const { t, formatDate } = useI18n();
  const end = formatDate(day(report.generated.periodEnd));
  return (
    <section id="part-sections" aria-labelledby="report-sections-heading" className="tw-panel">
      <Heading level={2} id="report-sections-heading">
        {t('reports.sections.title')}
      </Heading>
      {report.generated.sections.length === 0 ? (
        <Paragraph>{t('plan.none')}</Paragraph>
      ) : (
        <div className="tw-scroll" role="region" aria-label={t('reports.sections.caption', { date: end })} tabIndex={0}>
          <table className="tw-table" data-testid="report-sections">
            <caption className="tw-caption">{t('reports.sections.caption', { date: end })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.sections.section')}</th>
                <th scope="col">{t('reports.sections.state', { date: end })}</th>
                <th scope="col">{t('reports.sections.adopted')}</th>
                <th scope="col">{t('reports.sections.rounds')}</th>
              </tr>
            </thead>
            <tbody>
              {report.generated.sections.map((section) => (
                <tr key={section.id} data-testid="report-section" data-state={section.state}>
                  <th scope="row">{section.title}</th>
                  <td>
                    <span className={`tw-badge tw-state tw-state-${section.state}`}>
                      {t(`plan.state.${section.state}`)}
                    </span>
                  </td>
                  <td>
                    {section.adoptedVersion
                      ? t('reports.sections.adoptedValue', {
                          version: section.adoptedVersion.number,
                          date: formatDate(section.adoptedVersion.at),
                          way: t(`reports.way.${section.adoptedVersion.way}`),
                        })
                      : t('reports.sections.notAdopted')}
                  </td>
                  <td>
                    {section.rounds.length === 0 ? (
                      t('reports.sections.noRounds')
                    ) : (
                      <ul>
                        {section.rounds.map((round) => (
                          <RoundLine key={round.id} round={round} />
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
