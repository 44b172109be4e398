import {
  Alert,
  Button,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ReportDetail, ReportKind } from '../../../shared/api.ts';
import { REPORT_KINDS } from '../../../shared/api-reports.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { BusyStatus } from './BusyStatus.tsx';
import { periodProblem } from './period.ts';
import { startRefusal } from './startErrors.ts';

/**
 * The secretariat starts a report: a progress report over a half year or an evaluation over a year. The
 * period's form is checked here; the server judges the rest (a period that has not ended, a duplicate).
 * Generating takes seconds, so a progress bar says so meanwhile.
 */
export function StartReportForm({ tableId, onStarted }: { tableId: string; onStarted(report: ReportDetail): void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<ReportKind>('progress');
  const [period, setPeriod] = useState('');
  const [problem, setProblem] = useState<ReturnType<typeof periodProblem>>(null);
  const { run, error, busy } = useAction();
  const refusal = startRefusal(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = periodProblem(kind, period);
    setProblem(found);
    if (found) return;
    await run(async () => onStarted(await endpoints.startReport(tableId, { kind, period: period.trim() })));
  }

  return (
    <form className="tw-panel" onSubmit={submit} noValidate data-testid="start-report-form">
      <Heading level={3}>{t('reports.start.title')}</Heading>
      {refusal ? (
        <Alert type="error" role="alert">
          <Paragraph data-testid="start-report-refused">
            {t(refusal.kind === 'exists' ? 'reports.start.exists' : 'reports.start.notStarted')}{' '}
            {refusal.kind === 'exists' && refusal.reportId ? (
              <Link to={`/reports/${refusal.reportId}`} className="utrecht-link">
                {t('reports.start.openExisting')}
              </Link>
            ) : null}
          </Paragraph>
        </Alert>
      ) : (
        <ErrorAlert error={error} />
      )}
      <div className="tw-inline-fields">
        <Field id="report-kind" label={t('reports.start.kind')}>
          <Select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ReportKind);
              setProblem(null);
            }}
            data-testid="start-report-kind"
          >
            {REPORT_KINDS.map((option) => (
              <SelectOption key={option} value={option}>
                {t(`reports.kind.${option}`)}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <Field
          id="report-period"
          label={t('reports.period')}
          hint={t(`reports.start.periodHelp.${kind}`)}
          error={problem ? t(problem) : undefined}
        >
          <Textbox
            required
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            data-testid="start-report-period"
          />
        </Field>
      </div>
      <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="start-report-submit">
        {t('reports.start.submit')}
      </Button>
      <BusyStatus busy={busy} busyText={t('reports.start.busy')} done={null} />
    </form>
  );
}
