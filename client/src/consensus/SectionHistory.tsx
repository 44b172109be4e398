import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import type { RoundView, SectionHistory as History } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { describeEvent } from '../table/AuditTimeline.tsx';
import { formatDeadline } from './deadline.ts';
import { TextParagraphs, VersionDiffPanel } from './DiffView.tsx';
import { EscalationDetails } from './EscalationDetails.tsx';
import { PositionLabel } from './PositionTable.tsx';
import { RulingDetails } from './RulingDetails.tsx';

type Viewer = { kind: 'version'; number: number } | { kind: 'diff'; from: number; to: number } | null;

/** The text of one frozen version, shown as paragraphs of plain text (never as HTML). */
function VersionViewer({ sectionId, number, onClose }: { sectionId: string; number: number; onClose(): void }) {
  const { t, formatDateTime } = useI18n();
  const headingId = useId();
  const { data, error } = useLoad(() => endpoints.version(sectionId, number), [sectionId, number]);
  return (
    <section className="tw-viewer" aria-labelledby={headingId} data-testid="version-viewer">
      <div className="tw-row">
        <Heading level={4} id={headingId}>
          {t('history.versionTitle', { number })}
        </Heading>
        <Button appearance="subtle-button" onClick={onClose}>
          {t('consensus.close')}
        </Button>
      </div>
      <ErrorAlert error={error} />
      {data ? (
        <>
          <Paragraph small className="tw-muted">
            {t(`history.origin.${data.origin}`)} · {data.createdBy.name} · {formatDateTime(data.createdAt)}
          </Paragraph>
          <TextParagraphs text={data.text} testId="version-text" />
        </>
      ) : error ? null : (
        <Paragraph>{t('app.loading')}</Paragraph>
      )}
    </section>
  );
}

function Versions({ sectionId, history }: { sectionId: string; history: History }) {
  const { t, formatDateTime } = useI18n();
  const [viewer, setViewer] = useState<Viewer>(null);
  if (history.versions.length === 0) return <Paragraph>{t('history.noVersions')}</Paragraph>;
  return (
    <>
      <div className="tw-scroll" role="region" aria-label={t('history.versions.caption')} tabIndex={0}>
        <table className="tw-table" data-testid="history-versions">
          <caption className="tw-caption">{t('history.versions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.version.number')}</th>
              <th scope="col">{t('history.version.origin')}</th>
              <th scope="col">{t('history.version.by')}</th>
              <th scope="col">{t('history.version.when')}</th>
              <th scope="col">{t('history.version.hash')}</th>
              <th scope="col">{t('history.version.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {history.versions.map((version, index) => {
              const previous = history.versions[index - 1];
              return (
                <tr key={version.number} data-testid="history-version" data-version={version.number}>
                  <th scope="row">{version.number}</th>
                  <td>{t(`history.origin.${version.origin}`)}</td>
                  <td>
                    {version.createdBy.name} ({version.createdBy.organizationName})
                  </td>
                  <td>{formatDateTime(version.createdAt)}</td>
                  <td>
                    <code title={version.contentHash}>{version.contentHash.slice(0, 12)}</code>
                  </td>
                  <td>
                    <div className="tw-actions">
                      <Button
                        appearance="subtle-button"
                        className="tw-link-button"
                        aria-label={t('history.viewLabel', { number: version.number })}
                        onClick={() => setViewer({ kind: 'version', number: version.number })}
                        data-testid="history-view"
                      >
                        {t('history.view')}
                      </Button>
                      {previous ? (
                        <Button
                          appearance="subtle-button"
                          className="tw-link-button"
                          aria-label={t('history.diffLabel', { from: previous.number, to: version.number })}
                          onClick={() => setViewer({ kind: 'diff', from: previous.number, to: version.number })}
                          data-testid="history-diff"
                        >
                          {t('history.diff')}
                        </Button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {viewer?.kind === 'version' ? (
        <VersionViewer sectionId={sectionId} number={viewer.number} onClose={() => setViewer(null)} />
      ) : null}
      {viewer?.kind === 'diff' ? (
        <VersionDiffPanel sectionId={sectionId} from={viewer.from} to={viewer.to} onClose={() => setViewer(null)} />
      ) : null}
    </>
  );
}

function RoundHistory({ round }: { round: RoundView }) {
  const { t, formatDateTime, language } = useI18n();
  return (
    <article className="tw-history-item" data-testid="history-round">
      <Heading level={4}>{t(`consensus.round.${round.kind}`, { version: round.versionNumber })}</Heading>
      <Paragraph small className="tw-muted">
        {t('consensus.round.openedBy', {
          name: round.openedBy.name,
          organization: round.openedBy.organizationName,
          date: formatDateTime(round.openedAt),
        })}{' '}
        {round.closedAt && round.outcome
          ? t('consensus.round.closed', {
              date: formatDateTime(round.closedAt),
              outcome: t(`consensus.outcome.${round.outcome}`),
            })
          : t('consensus.round.deadline', { date: formatDeadline(language, round.deadline) })}
      </Paragraph>
      <Paragraph small>{t('history.statements')}</Paragraph>
      <ol className="tw-statements">
        {round.statements.map((statement) => (
          <li
            key={statement.id}
            data-testid="history-statement"
            data-superseded={statement.superseded ? 'true' : 'false'}
            className={statement.superseded ? 'tw-superseded' : undefined}
          >
            <strong>{statement.organization.name}</strong> <PositionLabel position={statement} />
            {statement.superseded ? <span className="tw-badge tw-badge-stale">{t('history.superseded')}</span> : null}
            <span className="tw-muted tw-small">
              {' '}
              — {statement.statedBy.name}, {formatDateTime(statement.statedAt)}
            </span>
            {statement.text ? <span className="tw-pre tw-block">{statement.text}</span> : null}
          </li>
        ))}
      </ol>
    </article>
  );
}

function HistoryContent({ sectionId, refreshKey }: { sectionId: string; refreshKey: string }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { data, error } = useLoad(() => endpoints.sectionHistory(sectionId), [sectionId, refreshKey]);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Paragraph>{t('app.loading')}</Paragraph>;
  return (
    <div className="tw-history">
      <section aria-labelledby="history-versions-heading">
        <Heading level={3} id="history-versions-heading">
          {t('history.versions')}
        </Heading>
        <Versions sectionId={sectionId} history={data} />
      </section>
      <section aria-labelledby="history-rounds-heading">
        <Heading level={3} id="history-rounds-heading">
          {t('history.rounds')}
        </Heading>
        {data.rounds.length === 0 ? <Paragraph>{t('history.noRounds')}</Paragraph> : null}
        {data.rounds.map((round) => (
          <RoundHistory key={round.id} round={round} />
        ))}
      </section>
      <section aria-labelledby="history-escalations-heading">
        <Heading level={3} id="history-escalations-heading">
          {t('history.escalations')}
        </Heading>
        {data.escalations.length === 0 ? <Paragraph>{t('history.noEscalations')}</Paragraph> : null}
        {data.escalations.map((escalation) => (
          <EscalationDetails key={escalation.id} escalation={escalation} level={4} />
        ))}
      </section>
      <section aria-labelledby="history-rulings-heading">
        <Heading level={3} id="history-rulings-heading">
          {t('history.rulings')}
        </Heading>
        {data.rulings.length === 0 ? <Paragraph>{t('history.noRulings')}</Paragraph> : null}
        {data.rulings.map((ruling) => (
          <div key={ruling.id} className={ruling.superseded ? 'tw-superseded' : undefined}>
            {ruling.superseded ? (
              <span className="tw-badge tw-badge-stale">{t('history.rulingSuperseded')}</span>
            ) : null}
            <RulingDetails ruling={ruling} level={4} />
          </div>
        ))}
      </section>
      <section aria-labelledby="history-events-heading">
        <Heading level={3} id="history-events-heading">
          {t('history.events')}
        </Heading>
        {data.events.length === 0 ? <Paragraph>{t('history.noEvents')}</Paragraph> : null}
        <ol className="tw-timeline" data-testid="history-events">
          {data.events.map((event) => (
            <li key={event.id} data-testid="history-event">
              <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
              <span>{describeEvent(t, event, formatDate)}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/**
 * The section's history, folded away until asked for: frozen versions (view one, or the diff with the
 * one before), every round with all statements (replaced ones too), escalations, rulings and events.
 */
export function SectionHistory({ sectionId, refreshKey }: { sectionId: string; refreshKey: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details
      className="tw-panel tw-details"
      data-testid="section-history"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary data-testid="section-history-toggle">
        <Heading level={2} className="tw-summary-heading">
          {t('history.title')}
        </Heading>
      </summary>
      {open ? <HistoryContent sectionId={sectionId} refreshKey={refreshKey} /> : null}
    </details>
  );
}
