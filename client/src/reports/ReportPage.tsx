import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { can } from '../../../shared/permissions.ts';
import { ApiError } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { useSession } from '../session.tsx';
import { BusyStatus } from './BusyStatus.tsx';
import { NarrativePart } from './NarrativePart.tsx';
import { ReportActions } from './ReportActions.tsx';
import { ReportContents } from './ReportContents.tsx';
import { ReportCoverage } from './ReportCoverage.tsx';
import { ReportEscalations } from './ReportEscalations.tsx';
import { ReportGoals } from './ReportGoals.tsx';
import { ReportHeader } from './ReportHeader.tsx';
import { ReportQuestions } from './ReportQuestions.tsx';
import { ReportRevisions } from './ReportRevisions.tsx';
import { ReportSections } from './ReportSections.tsx';
import { useReportRefresh } from './useReportRefresh.ts';

/** Deep links (`#question-<id>`, `#part-<key>`) point into a page that renders after its data arrives. */
function useScrollToHash(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView({ block: 'start' });
  }, [ready, hash]);
}

/**
 * One report (revision): what it covers and reflects, the generated parts as of the period's end, the
 * narrative parts (co-written live while a draft), review and publication, revisions and council questions.
 */
export function ReportPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { me } = useSession();
  const { data: report, setData, error, reload } = useLoad(() => endpoints.report(id), [id]);
  useScrollToHash(report !== undefined);
  useReportRefresh(report, reload);
  usePageTitle(error ? undefined : report?.title, report?.tableName);

  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error) return <ErrorAlert error={error} />;
  // A draft is generated on every read, which can take seconds: a progress bar, not a blank page.
  if (!report || !me) return <BusyStatus busy busyText={t('reports.loading')} done={null} />;

  const role = me.tables.find((table) => table.id === report.tableId)?.role;
  const readsDrafts = role !== undefined && can(role, 'report.read_draft');
  const narrative = (key: string) => report.narrative.find((part) => part.key === key);
  const summary = narrative('summary');
  const outlook = narrative('outlook');
  const latest = report.revisions.filter((revision) => revision.status === 'published' && !revision.superseded).at(-1);

  return (
    <article data-testid="report" data-status={report.status} data-revision={report.revision}>
      <ReportHeader report={report} />
      <ReportContents report={report} questions={report.status === 'published' || report.questions.length > 0} />
      {report.superseded && latest ? (
        <Alert type="warning">
          <Paragraph data-testid="report-superseded">
            {t('reports.supersededNotice')}{' '}
            <Link to={`/reports/${latest.id}`} className="utrecht-link">
              {t('reports.revisions.item', { revision: latest.revision })}
            </Link>
          </Paragraph>
        </Alert>
      ) : null}
      {report.generated.limitations.length > 0 ? (
        <Alert type="info">
          <Paragraph>
            <strong>{t('reports.limitations')}</strong>
          </Paragraph>
          <ul data-testid="report-limitations">
            {report.generated.limitations.map((limitation) => (
              <li key={limitation}>{limitation}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <ReportActions report={report} manages={role !== undefined && can(role, 'report.manage')} onChanged={setData} />
      {summary ? <NarrativePart report={report} part={summary} me={me} title={t('reports.part.summary')} /> : null}
      <ReportGoals report={report} me={me} />
      <ReportSections report={report} />
      <ReportEscalations report={report} />
      <ReportCoverage report={report} />
      {outlook ? <NarrativePart report={report} part={outlook} me={me} title={t('reports.part.outlook')} /> : null}
      <ReportRevisions report={report} readsDrafts={readsDrafts} />
      <ReportQuestions report={report} onChanged={setData} />
    </article>
  );
}
