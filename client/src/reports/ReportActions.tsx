import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { ReadyMark, ReportDetail } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { BusyStatus } from './BusyStatus.tsx';
import { ReviseForm } from './ReviseForm.tsx';

function ReadyLine({ who, mark, testId }: { who: string; mark: ReadyMark | null; testId: string }) {
  const { t, formatDateTime } = useI18n();
  return (
    <li data-testid={testId} data-ready={mark ? 'true' : 'false'}>
      <span aria-hidden="true">{mark ? '✓ ' : '○ '}</span>
      {mark
        ? t('reports.ready.markedBy', { who, name: mark.by.name, date: formatDateTime(mark.at) })
        : t('reports.ready.notYet', { who })}
    </li>
  );
}

/**
 * Review and publication of a draft (the chair and the secretariat each mark it ready, then the
 * secretariat publishes), and for a published report the PDF and a correction. The status region stays
 * mounted across publishing, so that "gepubliceerd" is still announced when the draft view is gone.
 */
export function ReportActions({
  report,
  manages,
  onChanged,
}: {
  report: ReportDetail;
  /** The viewer manages the table's reports (secretariat): may publish once both marks are in. */
  manages: boolean;
  onChanged(report: ReportDetail): void;
}) {
  const { t } = useI18n();
  const { run, error, status, busy } = useAction();
  const [doing, setDoing] = useState<'ready' | 'publish' | null>(null);
  const bothReady = report.readyByChair !== null && report.readyBySecretariat !== null;
  // can.publish is only true once both marked ready; the secretariat sees the button before, disabled with why.
  const showPublish = report.can.publish || manages;
  const mayPublish = report.can.publish && bothReady;

  async function act(which: 'ready' | 'publish') {
    setDoing(which);
    await run(
      async () => {
        const next =
          which === 'ready' ? await endpoints.markReportReady(report.id) : await endpoints.publishReport(report.id);
        onChanged(next);
      },
      t(which === 'ready' ? 'reports.ready.done' : 'reports.publish.done'),
    );
    setDoing(null);
  }

  return (
    <section aria-labelledby="report-actions-heading" className="tw-panel" data-testid="report-actions">
      <Heading level={2} id="report-actions-heading">
        {report.status === 'draft'
          ? t('reports.review.title')
          : t(report.can.revise ? 'reports.download.title' : 'reports.download.titleRead')}
      </Heading>
      <ErrorAlert error={error} />
      {report.status === 'draft' ? (
        <>
          <Paragraph>{t('reports.review.intro')}</Paragraph>
          <ul className="tw-results">
            <ReadyLine who={t('reports.ready.chair')} mark={report.readyByChair} testId="ready-chair" />
            <ReadyLine
              who={t('reports.ready.secretariat')}
              mark={report.readyBySecretariat}
              testId="ready-secretariat"
            />
          </ul>
          <div className="tw-actions">
            {report.can.markReady ? (
              <Button
                appearance="secondary-action-button"
                disabled={busy}
                onClick={() => void act('ready')}
                data-testid="report-ready"
              >
                {t('reports.ready.button')}
              </Button>
            ) : null}
            {showPublish ? (
              <Button
                appearance="primary-action-button"
                disabled={busy || !mayPublish}
                aria-describedby={mayPublish ? undefined : 'report-publish-why'}
                onClick={() => void act('publish')}
                data-testid="report-publish"
              >
                {t('reports.publish.button')}
              </Button>
            ) : null}
          </div>
          {showPublish && !mayPublish ? (
            <Paragraph small id="report-publish-why" data-testid="report-publish-why">
              {t('reports.publish.notReady')}
            </Paragraph>
          ) : null}
        </>
      ) : (
        <>
          <Paragraph>
            <a href={endpoints.reportPdfUrl(report.id)} download className="utrecht-link" data-testid="report-pdf">
              {t('reports.download.pdf')}
            </a>
          </Paragraph>
          {report.can.revise ? <ReviseForm report={report} /> : null}
        </>
      )}
      <BusyStatus
        busy={busy}
        busyText={t(doing === 'publish' ? 'reports.publish.busy' : 'reports.ready.busy')}
        done={status}
      />
    </section>
  );
}
