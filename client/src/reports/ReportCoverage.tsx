import { Alert, Heading, Paragraph } from '@utrecht/component-library-react';
import type { ReportDetail } from '../../../shared/api.ts';
import { GapFlag } from '../components/GapFlag.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { day } from './period.ts';

/** The coverage matrix (goals × sections) as of the period's end, with its gaps flagged in words. */
export function ReportCoverage({ report }: { report: ReportDetail }) {
  const { t, formatDate } = useI18n();
  const { coverage } = report.generated;
  const linked = new Set(coverage.links.map((link) => `${link.goalId}:${link.sectionId}`));
  const coveredGoals = new Set(coverage.links.map((link) => link.goalId));
  const linkedSections = new Set(coverage.links.map((link) => link.sectionId));
  const end = formatDate(day(report.generated.periodEnd));
  return (
    <section id="part-coverage" aria-labelledby="report-coverage-heading" className="tw-panel">
      <Heading level={2} id="report-coverage-heading">
        {t('reports.coverage.title')}
      </Heading>
      {coverage.reconstructed ? null : (
        <Alert type="info">
          <Paragraph data-testid="report-coverage-current">{t('reports.coverage.notReconstructed')}</Paragraph>
        </Alert>
      )}
      {coverage.goals.length === 0 || coverage.sections.length === 0 ? (
        <Paragraph>{coverage.goals.length === 0 ? t('coverage.noGoals') : t('coverage.noSections')}</Paragraph>
      ) : (
        <div className="tw-scroll" role="region" aria-labelledby="report-coverage-caption" tabIndex={0}>
          <table className="tw-matrix" data-testid="report-coverage">
            <caption id="report-coverage-caption">{t('reports.coverage.caption', { date: end })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coverage.goalHeader')}</th>
                {coverage.sections.map((section) => (
                  <th key={section.id} scope="col" className={linkedSections.has(section.id) ? undefined : 'tw-gap'}>
                    {section.title}
                    {linkedSections.has(section.id) ? null : <GapFlag text={t('coverage.noGoal')} />}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {coverage.goals.map((goal) => (
                <tr key={goal.id}>
                  <th scope="row" className={coveredGoals.has(goal.id) ? undefined : 'tw-gap'}>
                    {goal.title}
                    {coveredGoals.has(goal.id) ? null : <GapFlag text={t('coverage.noSection')} />}
                  </th>
                  {coverage.sections.map((section) =>
                    linked.has(`${goal.id}:${section.id}`) ? (
                      <td key={section.id} className="tw-mark">
                        <span aria-hidden="true">●</span>
                        <span className="tw-visually-hidden">{t('coverage.linked')}</span>
                      </td>
                    ) : (
                      <td key={section.id}>
                        <span className="tw-visually-hidden">{t('coverage.notLinked')}</span>
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
