import { Button, Heading, Paragraph, Textarea } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { ReportDetail } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { BusyStatus } from './BusyStatus.tsx';

/**
 * "Correctie maken": a published report is never changed; a correction is a new draft revision that says
 * what changed and why, and is reviewed and published like the first. This one stays readable.
 */
export function ReviseForm({ report }: { report: ReportDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const { run, error, busy } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!reason.trim());
    if (!reason.trim()) return;
    await run(async () => {
      const revision = await endpoints.reviseReport(report.id, reason.trim());
      navigate(`/reports/${revision.id}`);
    });
  }

  return (
    <details className="tw-details" data-testid="revise">
      <summary data-testid="revise-toggle">
        <Heading level={3} className="tw-summary-heading">
          {t('reports.revise.title')}
        </Heading>
      </summary>
      <form onSubmit={submit} noValidate data-testid="revise-form">
        <Paragraph>{t('reports.revise.intro')}</Paragraph>
        <ErrorAlert error={error} />
        <Field
          id="revise-reason"
          label={t('reports.revise.reason')}
          error={missing ? t('reports.revise.reasonRequired') : undefined}
        >
          <Textarea
            required
            rows={4}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="revise-reason"
          />
        </Field>
        <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="revise-submit">
          {t('reports.revise.submit')}
        </Button>
        <BusyStatus busy={busy} busyText={t('reports.revise.busy')} done={null} />
      </form>
    </details>
  );
}
