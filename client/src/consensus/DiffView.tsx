import { Button, Heading, Paragraph } from '@utrecht/component-library-react/css-module';
import { useId } from 'react';
import type { DiffPart } from '../../../shared/diff.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A readable diff: added text in <ins>, removed text in <del>, as plain text (never HTML). The words
 * "toegevoegd"/"verwijderd" are announced to screen readers through CSS, so the text itself stays clean.
 */
export function DiffView({ parts }: { parts: readonly DiffPart[] }) {
  const { t } = useI18n();
  if (!parts.some((part) => part.op !== 'same')) return <Paragraph data-testid="diff-none">{t('diff.none')}</Paragraph>;
  return (
    <div className="tw-diff" data-testid="diff">
      <Paragraph small className="tw-muted">
        {t('diff.legend')}
      </Paragraph>
      <div className="tw-diff-text">
        {parts.map((part, index) =>
          part.op === 'added' ? (
            <ins key={index} data-label={t('diff.added')}>
              {part.text}
            </ins>
          ) : part.op === 'removed' ? (
            <del key={index} data-label={t('diff.removed')}>
              {part.text}
            </del>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
      </div>
    </div>
  );
}

/** Loads and shows the differences between two versions of a section, with a close button. */
export function VersionDiffPanel(props: { sectionId: string; from: number; to: number; onClose(): void }) {
  const { sectionId, from, to, onClose } = props;
  const { t } = useI18n();
  const headingId = useId();
  const { data, error } = useLoad(() => endpoints.diff(sectionId, from, to), [sectionId, from, to]);
  return (
    <section className="tw-viewer" aria-labelledby={headingId} data-testid="diff-panel">
      <div className="tw-row">
        <Heading level={4} id={headingId}>
          {t('consensus.diffTitle', { from, to })}
        </Heading>
        <Button appearance="subtle-button" onClick={onClose}>
          {t('consensus.close')}
        </Button>
      </div>
      <ErrorAlert error={error} />
      {data ? <DiffView parts={data.parts} /> : error ? null : <Paragraph>{t('app.loading')}</Paragraph>}
    </section>
  );
}

/** Plain text as paragraphs (one per line), so that a version reads like the section without rendering HTML. */
export function TextParagraphs({ text, testId }: { text: string; testId?: string }) {
  const paragraphs = text.split(/\n+/).filter((line) => line.trim() !== '');
  return (
    <div className="tw-quoted" data-testid={testId}>
      {paragraphs.map((paragraph, index) => (
        <Paragraph key={index}>{paragraph}</Paragraph>
      ))}
    </div>
  );
}
