import { Button, Paragraph } from '@utrecht/component-library-react';
import { Fragment, useEffect, useRef, useState } from 'react';
import type { PositionView, RoundView, SectionConsensus } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { VersionDiffPanel } from './DiffView.tsx';

/**
 * A position's kind in words, with a sign so that it never rests on colour alone. `earlier`: given on
 * an older version, so it is neither a green tick nor a warning, just neutral.
 */
export function PositionLabel({
  position,
  earlier = false,
}: {
  position: Pick<PositionView, 'kind'> | null;
  earlier?: boolean;
}) {
  const { t } = useI18n();
  const kind = position?.kind ?? 'none';
  const sign = earlier ? '○' : { consent: '✓', consent_with_remarks: '✓', object: '✗', abstain: '–', none: '…' }[kind];
  return (
    <span className={`tw-position tw-position-${earlier ? 'earlier' : kind}`} data-testid="position-kind">
      <span aria-hidden="true">{sign} </span>
      {t(`position.kind.${kind}`)}
    </span>
  );
}

/** How the round stands, counted on its own version: "7 instemming · 1 bezwaar · 2 nog niet". */
export function RoundTally({ round, total, running }: { round: RoundView; total: number; running: boolean }) {
  const { t } = useI18n();
  const count = (kinds: string[]) => round.positions.filter((p) => kinds.includes(p.kind)).length;
  const remarks = count(['consent_with_remarks']);
  const abstained = count(['abstain']);
  const parts = [
    t('round.tally.consent', { count: count(['consent', 'consent_with_remarks']) }) +
      (remarks > 0 ? ` ${t('round.tally.remarks', { count: remarks })}` : ''),
    t('round.tally.object', { count: count(['object']) }),
    ...(abstained > 0 ? [t('round.tally.abstain', { count: abstained })] : []),
    // A closed round has no "not yet": whoever was silent stayed silent.
    ...(running ? [t('round.tally.waiting', { count: Math.max(0, total - round.positions.length) })] : []),
  ];
  return (
    <Paragraph className="tw-tally" data-testid="round-tally">
      {parts.join(' · ')}
    </Paragraph>
  );
}

interface Props {
  consensus: SectionConsensus;
  ownOrganizationId: string;
}

/**
 * Every member organization with its latest position: municipalities first, then providers. A position
 * on an older version than the round's reads "op versie n", neutral, with the changes since opened in
 * place, right under it. A closed round's positions are history: no warnings about newer text.
 */
export function PositionTable({ consensus, ownOrganizationId }: Props) {
  const { t, formatDateTime } = useI18n();
  const [diffOf, setDiffOf] = useState<string | null>(null);
  const diffRef = useRef<HTMLDivElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const round = consensus.round;
  const running = round !== null && round.closedAt === null;
  const latest = consensus.currentVersion ?? round?.versionNumber ?? null;
  const organizations = [...consensus.organizations].sort(
    (a, b) =>
      Number(b.kind === 'municipality') - Number(a.kind === 'municipality') || a.name.localeCompare(b.name, 'nl'),
  );
  // Whoever asked for the diff gets it read out: focus moves into it as soon as it is there.
  useEffect(() => {
    if (diffOf) diffRef.current?.focus();
  }, [diffOf]);
  const closeDiff = () => {
    const button = diffOf ? buttons.current.get(diffOf) : undefined;
    setDiffOf(null);
    button?.focus();
  };
  return (
    <div className="tw-scroll" role="region" aria-label={t('consensus.positions.caption')} tabIndex={0}>
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
            // Only a running round asks for a position on its own version; earlier ones are context.
            const earlier = running && position !== null && position.versionNumber < round.versionNumber;
            const hasNewer = position !== null && latest !== null && position.versionNumber < latest;
            const open = diffOf === organization.id && position !== null && latest !== null && hasNewer;
            return (
              <Fragment key={organization.id}>
                <tr
                  data-testid="position-row"
                  data-organization={organization.name}
                  data-kind={position?.kind ?? 'none'}
                  data-stale={position?.stale ? 'true' : 'false'}
                  data-earlier={earlier ? 'true' : 'false'}
                >
                  <th scope="row">
                    {organization.name}
                    {organization.id === ownOrganizationId ? (
                      <span className="tw-muted tw-small tw-block">{t('consensus.positions.yours')}</span>
                    ) : null}
                  </th>
                  <td>
                    <PositionLabel position={position} earlier={earlier} />
                    {position ? (
                      <div className="tw-stale tw-small">
                        {earlier ? (
                          <span className="tw-badge tw-badge-earlier" data-testid="position-earlier">
                            {t('round.onVersion', { version: position.versionNumber })}
                          </span>
                        ) : (
                          <span className="tw-muted" data-testid="position-version">
                            {t('consensus.positions.version', { version: position.versionNumber })}
                          </span>
                        )}
                        {hasNewer ? (
                          <Button
                            appearance="subtle-button"
                            className="tw-link-button"
                            aria-expanded={open}
                            aria-label={t('consensus.showDiffLabel', {
                              version: position.versionNumber,
                              organization: organization.name,
                            })}
                            ref={(button: HTMLButtonElement | null) => {
                              if (button) buttons.current.set(organization.id, button);
                              else buttons.current.delete(organization.id);
                            }}
                            onClick={() => (open ? closeDiff() : setDiffOf(organization.id))}
                            data-testid="position-diff"
                          >
                            {t('consensus.showDiff', { version: position.versionNumber })}
                          </Button>
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
                {open ? (
                  <tr className="tw-position-diff-row">
                    <td colSpan={4}>
                      <div ref={diffRef} tabIndex={-1} className="tw-inline-diff">
                        <VersionDiffPanel
                          sectionId={consensus.sectionId}
                          from={position.versionNumber}
                          to={latest}
                          onClose={closeDiff}
                        />
                      </div>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
