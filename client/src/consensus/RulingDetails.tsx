import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { PositionView, RulingView } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { TextParagraphs } from './DiffView.tsx';
import { PositionLabel } from './PositionTable.tsx';

/** The municipalities' ruling: draft or in effect, its text and rationale, who endorsed and who is awaited. */
export function RulingDetails({ ruling, level = 3 }: { ruling: RulingView; level?: 3 | 4 }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section
      className="tw-block-section tw-ruling"
      data-testid="ruling"
      data-effective={ruling.effectiveAt ? 'true' : 'false'}
      aria-label={t('consensus.ruling.title')}
    >
      <Heading level={level}>{t('consensus.ruling.title')}</Heading>
      <Paragraph small className="tw-muted" data-testid="ruling-status">
        {ruling.effectiveAt
          ? t('consensus.ruling.effective', {
              date: formatDateTime(ruling.effectiveAt),
              version: ruling.versionNumber ?? '—',
            })
          : t('consensus.ruling.draft', {
              name: ruling.draftedBy.name,
              organization: ruling.draftedBy.organizationName,
              date: formatDateTime(ruling.draftedAt),
            })}
      </Paragraph>
      <dl className="tw-facts tw-facts-stacked">
        <dt>{t('consensus.ruling.text')}</dt>
        <dd>
          <TextParagraphs text={ruling.text} testId="ruling-text-view" />
        </dd>
        <dt>{t('consensus.ruling.rationale')}</dt>
        <dd className="tw-pre" data-testid="ruling-rationale-view">
          {ruling.rationale}
        </dd>
        <dt>{t('consensus.ruling.endorsed')}</dt>
        <dd data-testid="ruling-endorsements">
          {ruling.endorsements.length === 0 ? (
            <span className="tw-muted">{t('consensus.ruling.noEndorsements')}</span>
          ) : (
            <ul className="tw-members">
              {ruling.endorsements.map((endorsement) => (
                <li key={endorsement.organization.id} data-testid="ruling-endorsement">
                  <span aria-hidden="true">✓ </span>
                  {t('consensus.ruling.endorsement', {
                    organization: endorsement.organization.name,
                    name: endorsement.endorsedBy.name,
                    date: formatDateTime(endorsement.endorsedAt),
                  })}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {ruling.awaiting.length > 0 && !ruling.effectiveAt ? (
          <>
            <dt>{t('consensus.ruling.awaiting')}</dt>
            <dd data-testid="ruling-awaiting">
              <ul className="tw-inline-list">
                {ruling.awaiting.map((organization) => (
                  <li key={organization.id}>{organization.name}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** Objections that a ruling did not follow: they stay on record, visibly, beside it. */
export function MinorityPositions({ positions }: { positions: readonly PositionView[] }) {
  const { t, formatDateTime } = useI18n();
  if (positions.length === 0) return null;
  return (
    <section
      className="tw-block-section tw-minority"
      data-testid="minority-positions"
      aria-label={t('consensus.minority.title')}
    >
      <Heading level={3}>{t('consensus.minority.title')}</Heading>
      <Paragraph>{t('consensus.minority.intro')}</Paragraph>
      <ul className="tw-minority-list">
        {positions.map((position) => (
          <li key={position.id} data-testid="minority-position" data-organization={position.organization.name}>
            <strong>{position.organization.name}</strong> <PositionLabel position={position} />
            {position.text !== undefined ? (
              <blockquote className="tw-objection">
                <span className="tw-pre">{position.text}</span>
              </blockquote>
            ) : null}
            <Paragraph small className="tw-muted">
              {t('consensus.minority.by', {
                name: position.statedBy.name,
                date: formatDateTime(position.statedAt),
                version: position.versionNumber,
              })}
            </Paragraph>
          </li>
        ))}
      </ul>
    </section>
  );
}
