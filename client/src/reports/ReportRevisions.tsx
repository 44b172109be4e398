import { Heading } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { ReportDetail } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * Every revision of this report, oldest first, each readable. Readers who do not see drafts (council
 * members, observers) are never offered a draft revision, whatever the server sent.
 */
export function ReportRevisions({ report, readsDrafts }: { report: ReportDetail; readsDrafts: boolean }) {
  const { t, formatDate } = useI18n();
  const revisions = report.revisions.filter((revision) => readsDrafts || revision.status === 'published');
  if (revisions.length < 2) return null;
  return (
    <section aria-labelledby="report-revisions-heading" className="tw-panel" data-testid="report-revisions">
      <Heading level={2} id="report-revisions-heading">
        {t('reports.revisions.title')}
      </Heading>
      <ol className="tw-members">
        {revisions.map((revision) => {
          const label = t('reports.revisions.item', { revision: revision.revision });
          const state = revision.superseded
            ? t('reports.revisions.superseded')
            : revision.status === 'draft'
              ? t('reports.revisions.draft')
              : t('reports.revisions.current');
          return (
            <li key={revision.id} data-testid="report-revision-item" data-revision={revision.revision}>
              {revision.id === report.id ? (
                <strong aria-current="page">
                  {label} ({state}) — {t('reports.revisions.this')}
                </strong>
              ) : (
                <Link to={`/reports/${revision.id}`} className="utrecht-link">
                  {label} ({state})
                </Link>
              )}
              {revision.publishedAt ? (
                <span className="tw-muted">
                  {' '}
                  · {t('reports.revisions.publishedOn', { date: formatDate(revision.publishedAt) })}
                </span>
              ) : null}
              {revision.reason ? (
                <span className="tw-block tw-small">{t('reports.reason', { reason: revision.reason })}</span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
