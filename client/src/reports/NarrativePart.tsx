import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import type { MeResponse, ReportDetail, ReportPart } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Presence } from '../section/Presence.tsx';
import { SectionEditor } from '../section/SectionEditor.tsx';
import { useCollab, type CollabStatus } from '../section/useCollab.ts';

const STATUS_KEY = {
  connecting: 'section.status.connecting',
  connected: 'section.status.connected',
  saving: 'section.status.saving',
  offline: 'section.status.offline',
  refused: 'reports.narrative.refused',
} as const satisfies Record<CollabStatus, string>;

/** A narrative part's live document, co-written like a plan section: presence, carets, connection state. */
export function LiveNarrative({ part, me, label }: { part: ReportPart; me: MeResponse; label: string }) {
  const { t } = useI18n();
  const collab = useCollab(part.docName);
  const status = collab?.status ?? 'connecting';
  return (
    <div className="tw-narrative" data-testid="narrative-live">
      <div className="tw-section-bar">
        <span className={`tw-connection tw-connection-${status}`} role="status" data-testid="connection-status">
          {t(STATUS_KEY[status])}
        </span>
      </div>
      {collab ? <Presence provider={collab.provider} label={t('reports.narrative.presence')} /> : null}
      {collab ? <SectionEditor collab={collab} me={me} editable={status !== 'refused'} label={label} /> : null}
    </div>
  );
}

/**
 * A part's text as it stands: frozen in a published report, or as of loading for a reader of a draft who
 * does not write it. Plain paragraphs, as the client shows every stored text (never the server's HTML).
 */
export function NarrativeText({ part }: { part: ReportPart }) {
  const { t } = useI18n();
  if (!part.text.trim()) {
    return (
      <Paragraph className="tw-muted" data-testid="narrative-text">
        {t('reports.narrative.empty')}
      </Paragraph>
    );
  }
  return (
    <div data-testid="narrative-text">
      {part.text
        .split(/\n+/)
        .filter((line) => line.trim() !== '')
        .map((line, index) => (
          <Paragraph key={index}>{line}</Paragraph>
        ))}
    </div>
  );
}

/** Who may type into a part now: only while the report is a draft, and only those who co-write it. */
export const writesNarrative = (report: ReportDetail): boolean =>
  report.status === 'draft' && report.can.writeNarrative;

/** The summary or the outlook: a part of its own with a heading and an anchor for questions about it. */
export function NarrativePart({
  report,
  part,
  me,
  title,
}: {
  report: ReportDetail;
  part: ReportPart;
  me: MeResponse;
  title: string;
}) {
  const headingId = useId();
  return (
    <section
      id={`part-${part.key}`}
      aria-labelledby={headingId}
      className="tw-panel"
      data-testid="narrative-part"
      data-part={part.key}
    >
      <Heading level={2} id={headingId}>
        {title}
      </Heading>
      {writesNarrative(report) ? <LiveNarrative part={part} me={me} label={title} /> : <NarrativeText part={part} />}
    </section>
  );
}
