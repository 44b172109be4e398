import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useNavigate } from 'react-router';
import type { TableDetail } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ReportList } from './ReportList.tsx';
import { StartReportForm } from './StartReportForm.tsx';

/** The table's reports: every report and revision the viewer may read, and for the secretariat a new one. */
export function ReportsTab({ table }: { table: TableDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data, error } = useLoad(() => endpoints.reports(table.id), [table.id]);
  // The server leaves drafts out for council members and observers; the client never offers one either.
  const readsDrafts = table.allowedActions.includes('report.read_draft');
  const reports = data?.reports.filter((report) => readsDrafts || report.status === 'published') ?? null;
  return (
    <section aria-labelledby="reports-heading" data-testid="reports-tab">
      <Heading level={2} id="reports-heading">
        {t('reports.title')}
      </Heading>
      <Paragraph>{readsDrafts ? t('reports.intro') : t('reports.introPublished')}</Paragraph>
      <ErrorAlert error={error} />
      {reports === null ? error ? null : <Paragraph>{t('app.loading')}</Paragraph> : <ReportList reports={reports} />}
      {data?.canStart ? (
        <StartReportForm tableId={table.id} onStarted={(report) => navigate(`/reports/${report.id}`)} />
      ) : null}
    </section>
  );
}
