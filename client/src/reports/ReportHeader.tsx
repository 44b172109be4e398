import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { ReportDetail } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { day } from './period.ts';
import { ReportStatusBadge } from './ReportStatusBadge.tsx';

/**
 * What every report page states (as its PDF does): the period, the revision and why it was made, when and
 * by whom it was published, and the plan versions it reflects.
 */
export function ReportHeader({ report }: { report: ReportDetail }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { generated } = report;
  return (
    <header>
      <Paragraph small>
        <Link to={`/tables/${report.tableId}/reports`} className="utrecht-link" data-testid="report-table-link">
          {report.tableName}
        </Link>
      </Paragraph>
      <Heading level={1} data-testid="report-title">
        {report.title}
      </Heading>
      <Paragraph>
        <ReportStatusBadge report={report} />
      </Paragraph>
      <dl className="tw-facts" data-testid="report-facts">
        <dt>{t('reports.list.kind')}</dt>
        <dd>{t(`reports.kind.${report.kind}`)}</dd>
        <dt>{t('reports.period')}</dt>
        <dd data-testid="report-period">
          {t('reports.periodValue', {
            period: report.period,
            from: formatDate(day(generated.periodStart)),
            to: formatDate(day(generated.periodEnd)),
          })}
        </dd>
        <dt>{t('reports.revision')}</dt>
        <dd data-testid="report-revision">
          {report.revision}
          {report.reason ? (
            <span className="tw-block" data-testid="report-reason">
              {t('reports.reason', { reason: report.reason })}
            </span>
          ) : null}
        </dd>
        <dt>{t('reports.published')}</dt>
        <dd data-testid="report-published">
          {report.publishedAt && report.publishedBy
            ? t('reports.publishedBy', {
                date: formatDate(report.publishedAt),
                name: report.publishedBy.name,
                organization: report.publishedBy.organizationName,
              })
            : t('reports.notPublished')}
        </dd>
        <dt>{t('reports.generatedAt')}</dt>
        <dd>{formatDateTime(generated.generatedAt)}</dd>
        <dt>{t('reports.planVersions')}</dt>
        <dd>
          <ul data-testid="report-plan-versions">
            {generated.planVersions.map((version) => (
              <li key={version.sectionId}>
                {version.versionNumber === null
                  ? t('reports.planVersion.none', { title: version.title })
                  : t('reports.planVersion', { title: version.title, version: version.versionNumber })}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
    </header>
  );
}
