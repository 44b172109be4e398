import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { DraftHistoryEntry } from '../../../shared/api.ts';
import { can } from '../../../shared/permissions.ts';
import type { Role } from '../../../shared/roles.ts';
import { endpoints } from '../api/endpoints.ts';
import { ConfirmAction } from '../consensus/forms/ConfirmAction.tsx';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { useAction } from '../components/useAction.ts';
import { useLoad } from '../components/useLoad.ts';
import { RichDiffView } from '../diff/RichDiffView.tsx';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import '../comments/comments.css';

/** What an entry is, in words: a frozen version and why it was made, or a snapshot of the draft. */
export function entryLabel(t: Translate, entry: DraftHistoryEntry): string {
  if (entry.kind === 'version' || entry.versionNumber !== null) {
    const number = entry.versionNumber ?? 0;
    if (entry.reason === 'mediation_proposal') return t('draftHistory.version.mediation_proposal', { number });
    if (entry.reason === 'ruling') return t('draftHistory.version.ruling', { number });
    return t('draftHistory.version.round', { number });
  }
  return entry.reason === 'before_restore' ? t('draftHistory.beforeRestore') : t('draftHistory.snapshot');
}

interface EntryProps {
  sectionId: string;
  entry: DraftHistoryEntry;
  canRestore: boolean;
  busy: boolean;
  onRestore(): Promise<boolean>;
  onClose(): void;
}

/** An entry against the live draft (the rich diff), opened in place with the focus on it. */
function EntryDiff({ sectionId, entry, canRestore, busy, onRestore, onClose }: EntryProps) {
  const { t } = useI18n();
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  const { data, error } = useLoad(() => endpoints.draftHistoryEntry(sectionId, entry.id), [sectionId, entry.id]);
  useEffect(() => ref.current?.focus(), []);
  const label = entryLabel(t, entry);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className="tw-viewer tw-draft-history-diff"
      aria-labelledby={headingId}
      data-testid="draft-history-diff"
    >
      <div className="tw-row">
        <Heading level={4} id={headingId}>
          {t('draftHistory.diffTitle', { entry: label })}
        </Heading>
        <Button appearance="subtle-button" onClick={onClose}>
          {t('consensus.close')}
        </Button>
      </div>
      <ErrorAlert error={error} />
      {data ? (
        <RichDiffView
          from={{ version: entry.versionNumber ?? 0, doc: data.doc }}
          to={{ version: 'current', doc: data.current }}
          label={t('draftHistory.diffLabel', { entry: label })}
        />
      ) : error ? null : (
        <Paragraph>{t('app.loading')}</Paragraph>
      )}
      {canRestore ? (
        <ConfirmAction
          label={t('draftHistory.restore')}
          question={t('draftHistory.restoreConfirm', { entry: label })}
          yes={t('draftHistory.restoreYes')}
          busy={busy}
          testId="draft-history-restore"
          onConfirm={onRestore}
        />
      ) : null}
    </section>
  );
}

function DraftHistoryContent({ sectionId, refreshKey }: { sectionId: string; refreshKey: string }) {
  const { t, formatDateTime } = useI18n();
  const { data, error, setData } = useLoad(() => endpoints.draftHistory(sectionId), [sectionId, refreshKey]);
  const [openId, setOpenId] = useState<string | null>(null);
  const { run, error: restoreError, status, busy } = useAction();
  const top = useRef<HTMLDivElement>(null);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Paragraph>{t('app.loading')}</Paragraph>;

  const restore = async (entry: DraftHistoryEntry) => {
    const done = await run(
      async () => {
        setData(await endpoints.restoreDraftEntry(sectionId, entry.id));
      },
      t('draftHistory.restored', { entry: entryLabel(t, entry), date: formatDateTime(entry.at) }),
    );
    if (done) {
      // The diff closes with its button: the focus goes to the announcement above the list.
      setOpenId(null);
      top.current?.focus();
    }
    return done;
  };

  return (
    <div ref={top} tabIndex={-1} className="tw-draft-history">
      <Paragraph>{t('draftHistory.intro')}</Paragraph>
      <StatusMessage text={status} />
      <ErrorAlert error={restoreError} />
      {data.entries.length === 0 ? <Paragraph>{t('draftHistory.none')}</Paragraph> : null}
      <ol className="tw-draft-history-entries" data-testid="draft-history-entries">
        {data.entries.map((entry) => (
          <li key={entry.id} data-testid="draft-history-entry" data-kind={entry.kind} data-reason={entry.reason}>
            <Button
              appearance="subtle-button"
              className="tw-link-button"
              aria-expanded={openId === entry.id}
              onClick={() => setOpenId(openId === entry.id ? null : entry.id)}
              data-testid="draft-history-open"
            >
              {entryLabel(t, entry)}
            </Button>{' '}
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
            {entry.editors.length ? (
              <Paragraph small className="tw-muted" data-testid="draft-history-editors">
                {t('draftHistory.editedBy', {
                  people: entry.editors.map((p) => `${p.name} (${p.organizationName})`).join(', '),
                })}
              </Paragraph>
            ) : null}
            {openId === entry.id ? (
              <EntryDiff
                sectionId={sectionId}
                entry={entry}
                canRestore={data.canRestore}
                busy={busy}
                onRestore={() => restore(entry)}
                onClose={() => setOpenId(null)}
              />
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * The draft's history, folded away until asked for: snapshots taken while people edit (with who
 * edited), frozen versions, and the text as it was before a restore. Each opens as a rich diff against
 * the live draft, and a delegate may put it back ("terugzetten": a new edit everyone sees at once).
 */
export function DraftHistory({ sectionId, role, refreshKey }: { sectionId: string; role?: Role; refreshKey: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  // Who edited when is part of the deliberation: council members and observers do not read it.
  if (!role || !can(role, 'consensus.readDeliberation')) return null;
  return (
    <details
      className="tw-panel tw-details"
      data-testid="draft-history"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary data-testid="draft-history-toggle">
        <Heading level={2} className="tw-summary-heading">
          {t('draftHistory.title')}
        </Heading>
      </summary>
      {open ? <DraftHistoryContent sectionId={sectionId} refreshKey={refreshKey} /> : null}
    </details>
  );
}
