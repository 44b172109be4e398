import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import type { VersionDiff } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { RichDiffView } from '../diff/RichDiffView.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The differences between two documents of a section (rich: formatting and structure), as the diff
 * route sends them. The changes are computed and drawn by diff/RichDiffView.tsx.
 */
export function DiffView({ diff }: { diff: VersionDiff }) {
  return <RichDiffView from={diff.from} to={diff.to} />;
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
      {data ? <DiffView diff={data} /> : error ? null : <Paragraph>{t('app.loading')}</Paragraph>}
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
