import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useId } from 'react';
import type { MeResponse, ProposalView } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Presence } from '../section/Presence.tsx';
import { SectionEditor } from '../section/SectionEditor.tsx';
import { useCollab } from '../section/useCollab.ts';
import { DiffView } from './DiffView.tsx';
import { ConfirmAction } from './forms/ConfirmAction.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useAction } from '../components/useAction.ts';

/**
 * A compromise or a draft ruling being written (proposals are documents): the live editor with everyone's
 * carets for those who may write, read-only and live for the rest of the table, and the rich diff against
 * the text under objection it started from.
 */

/** How often the diff is fetched again while the proposal is being written. */
const REFRESH_MS = 3_000;

/** The proposal being written on a section, fetched again every few seconds; null when there is none. */
export function useProposal(sectionId: string) {
  const { data, error, reload } = useLoad(() => endpoints.proposal(sectionId), [sectionId]);
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return { proposal: data?.proposal ?? null, error, reload };
}

export function ProposalDocument({
  proposal,
  me,
  onWithdrawn,
}: {
  proposal: ProposalView;
  me: MeResponse;
  /** Offered to whoever writes the proposal: withdrawing it freezes its document (a new one can be started). */
  onWithdrawn?: () => Promise<unknown>;
}) {
  const { t, formatDateTime } = useI18n();
  const withdraw = useAction();
  const diffId = useId();
  const collab = useCollab(proposal.docName);
  const label = t(`consensus.proposal.${proposal.kind}`);
  return (
    <div className="tw-proposal" data-testid={`proposal-${proposal.kind}`} data-proposal-id={proposal.id}>
      <Heading level={4}>{label}</Heading>
      <Paragraph small className="tw-muted">
        {t('consensus.proposal.startedBy', {
          name: proposal.createdBy.name,
          organization: proposal.createdBy.organizationName,
          date: formatDateTime(proposal.createdAt),
        })}
      </Paragraph>
      {collab ? <Presence provider={collab.provider} label={label} /> : null}
      {collab ? <SectionEditor collab={collab} me={me} editable={proposal.canWrite} label={label} /> : null}
      {proposal.canWrite && onWithdrawn ? (
        <div className="tw-actions">
          <ConfirmAction
            label={t(`consensus.proposal.withdraw.${proposal.kind}`)}
            question={t(`consensus.proposal.withdraw.question.${proposal.kind}`)}
            yes={t(`consensus.proposal.withdraw.${proposal.kind}`)}
            busy={withdraw.busy}
            testId="proposal-withdraw"
            onConfirm={() =>
              withdraw.run(async () => {
                await endpoints.withdrawProposal(proposal.id);
                await onWithdrawn();
              })
            }
          />
          <ErrorAlert error={withdraw.error} />
        </div>
      ) : null}
      <section className="tw-viewer" aria-labelledby={diffId} data-testid="proposal-diff">
        <Heading level={4} id={diffId}>
          {t('consensus.proposal.diffTitle', { version: proposal.basedOnVersion })}
        </Heading>
        <DiffView
          diff={{
            from: { version: proposal.basedOnVersion, doc: proposal.base },
            to: { version: 'current', doc: proposal.current },
          }}
        />
      </section>
    </div>
  );
}

/** For those at the table who do not write the proposal: it, live and read-only, with its diff. */
export function ProposalWatch({ sectionId, me }: { sectionId: string; me: MeResponse }) {
  const { proposal } = useProposal(sectionId);
  return proposal ? <ProposalDocument proposal={proposal} me={me} /> : null;
}
