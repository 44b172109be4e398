import { Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { ReadyMark, ReportSummary } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ReportStatusBadge } from './ReportStatusBadge.tsx';

function Mark({ who, mark }: { who: string; mark: ReadyMark | null }) {
  const { t, formatDate } = useI18n();
  return (
    <span className="tw-block">
      {mark
        ? t('reports.list.readyBy', { who, name: mark.by.name, date: formatDate(mark.at) })
        : t('reports.list.notReady', { who })}
    </span>
  );
}

/** Every report of the table with its period, revision, where it stands and who published it. */
export function ReportList({ reports }: { reports: readonly ReportSummary[] }) {
  const { t, formatDate } = useI18n();
  if (reports.length === 0) return <Paragraph data-testid="reports-none">{t('reports.none')}</Paragraph>;
  return (
    <div className="tw-scroll" role="region" aria-label={t('reports.list.caption')} tabIndex={0}>
      <table className="tw-table" data-testid="report-list">
        <caption className="tw-caption">{t('reports.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.list.report')}</th>
            <th scope="col">{t('reports.period')}</th>
            <th scope="col">{t('reports.revision')}</th>
            <th scope="col">{t('reports.status')}</th>
            <th scope="col">{t('reports.list.ready')}</th>
            <th scope="col">{t('reports.published')}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr key={report.id} data-testid="report-row" data-status={report.status} data-period={report.period}>
              <th scope="row">
                {/* On the table's own page its name is noise; the revision keeps the links of one report apart. */}
                <Link to={`/reports/${report.id}`} className="utrecht-link" data-testid="report-link">
                  {t(`reports.kind.${report.kind}`)} {report.period}
                  <span className="tw-visually-hidden">
                    , {t('reports.revisions.item', { revision: report.revision })}
                  </span>
                </Link>
              </th>
              <td>{report.period}</td>
              <td>{report.revision}</td>
              <td>
                <ReportStatusBadge report={report} />
              </td>
              <td>
                <Mark who={t('reports.ready.chair')} mark={report.readyByChair} />
                <Mark who={t('reports.ready.secretariat')} mark={report.readyBySecretariat} />
              </td>
              <td>
                {report.publishedAt && report.publishedBy
                  ? t('reports.publishedOn', { date: formatDate(report.publishedAt), name: report.publishedBy.name })
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
