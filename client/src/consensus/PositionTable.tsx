import { Button, Paragraph } from '@utrecht/component-library-react/css-module';
import type { PositionView, SectionConsensus } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** A position's kind in words, with a sign so that it never rests on colour alone. */
export function PositionLabel({ position }: { position: Pick<PositionView, 'kind'> | null }) {
  const { t } = useI18n();
  const kind = position?.kind ?? 'none';
  const sign = { consent: '✓', consent_with_remarks: '✓', object: '✗', abstain: '–', none: '…' }[kind];
  return (
    <span className={`tw-position tw-position-${kind}`} data-testid="position-kind">
      <span aria-hidden="true">{sign} </span>
      {t(`position.kind.${kind}`)}
    </span>
  );
}

interface Props {
  consensus: SectionConsensus;
  ownOrganizationId: string;
  /** Shows the changes between the version a stale position refers to and the current one. */
  onShowDiff(position: PositionView): void;
}

/**
 * Every member organization with its latest position: municipalities first, then providers. A position
 * on an older version is marked stale ("verouderd"), with the changes since a click away.
 */
export function PositionTable({ consensus, ownOrganizationId, onShowDiff }: Props) {
  const { t, formatDateTime } = useI18n();
  const organizations = [...consensus.organizations].sort(
    (a, b) =>
      Number(b.kind === 'municipality') - Number(a.kind === 'municipality') || a.name.localeCompare(b.name, 'nl'),
  );
  return (
    <div className="tw-scroll">
      <table className="tw-table tw-positions" data-testid="position-table">
        <caption className="tw-caption">{t('consensus.positions.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('consensus.positions.organization')}</th>
            <th scope="col">{t('consensus.positions.position')}</th>
            <th scope="col">{t('consensus.positions.text')}</th>
            <th scope="col">{t('consensus.positions.statedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {organizations.map((organization) => {
            const position = organization.position;
            return (
              <tr
                key={organization.id}
                data-testid="position-row"
                data-organization={organization.name}
                data-kind={position?.kind ?? 'none'}
                data-stale={position?.stale ? 'true' : 'false'}
              >
                <th scope="row">
                  {organization.name}
                  {organization.id === ownOrganizationId ? (
                    <span className="tw-muted tw-small tw-block">{t('consensus.positions.yours')}</span>
                  ) : null}
                </th>
                <td>
                  <PositionLabel position={position} />
                  {position ? (
                    <div className="tw-stale tw-small">
                      <span className="tw-muted">
                        {t('consensus.positions.version', { version: position.versionNumber })}
                      </span>
                      {position.stale ? (
                        <>
                          <span
                            className="tw-badge tw-badge-stale"
                            data-testid="position-stale"
                            title={t('consensus.staleHelp', { version: position.versionNumber })}
                          >
                            {t('consensus.stale')}
                          </span>
                          <Button
                            appearance="subtle-button"
                            className="tw-link-button"
                            aria-label={t('consensus.showDiffLabel', {
                              version: position.versionNumber,
                              organization: organization.name,
                            })}
                            onClick={() => onShowDiff(position)}
                            data-testid="position-diff"
                          >
                            {t('consensus.showDiff', { version: position.versionNumber })}
                          </Button>
                        </>
                      ) : null}
                    </div>
                  ) : null}
                </td>
                <td data-testid="position-remark">
                  {position?.text ? <span className="tw-pre">{position.text}</span> : null}
                </td>
                <td>
                  {position ? (
                    <Paragraph small className="tw-cell-text">
                      {t('consensus.positions.statedByValue', {
                        name: position.statedBy.name,
                        date: formatDateTime(position.statedAt),
                      })}
                    </Paragraph>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
