import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { AdoptedText } from '../../../shared/api.ts';
import { PositionLabel } from '../consensus/PositionTable.tsx';
import { TextParagraphs } from '../consensus/DiffView.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { adoptedLine } from './adoptedLine.ts';

/**
 * An adopted text as a reader sees it: when and how it was adopted, the text, and for a ruling the
 * municipalities' rationale and the objections it did not follow. The text is shown as plain
 * paragraphs, as the client shows every frozen version (never the server's HTML).
 */
export function AdoptedTextView({ adopted, level }: { adopted: AdoptedText; level: 3 | 4 }) {
  const { t, formatDate } = useI18n();
  return (
    <div className="tw-adopted-text" data-testid="adopted-text" data-way={adopted.way}>
      <Paragraph small className="tw-muted" data-testid="adopted-line">
        {adoptedLine(t, formatDate, adopted)}
      </Paragraph>
      <TextParagraphs text={adopted.text} testId="adopted-body" />
      {adopted.ruling ? (
        <>
          <Heading level={level}>{t('adopted.rationale')}</Heading>
          <Paragraph className="tw-pre" data-testid="adopted-rationale">
            {adopted.ruling.rationale}
          </Paragraph>
        </>
      ) : null}
      {adopted.minorityPositions.length > 0 ? (
        <section className="tw-minority" aria-label={t('consensus.minority.title')} data-testid="adopted-minority">
          <Heading level={level}>{t('consensus.minority.title')}</Heading>
          <Paragraph small>{t('consensus.minority.intro')}</Paragraph>
          <ul className="tw-minority-list">
            {adopted.minorityPositions.map((position) => (
              <li key={position.organization.id} data-organization={position.organization.name}>
                <strong>{position.organization.name}</strong> <PositionLabel position={position} />
                <blockquote className="tw-objection">
                  <span className="tw-pre">{position.text}</span>
                </blockquote>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
