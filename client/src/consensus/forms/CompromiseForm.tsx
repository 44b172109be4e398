import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';
import { formatDeadline } from '../deadline.ts';
import { ProposalDocument, useProposal } from '../ProposalDocument.tsx';
import type { ActionProps } from './act.ts';

/**
 * The chair writes a compromise in its own live document, starting from the text under objection, and
 * puts it to a new round: it then replaces the section's text structure for structure.
 */
export function CompromiseForm({ consensus, act, busy }: ActionProps) {
  const { t, language } = useI18n();
  const { me } = useSession();
  const escalation = consensus.escalation!;
  const { proposal, reload } = useProposal(consensus.sectionId);
  const [startError, setStartError] = useState<unknown>(null);
  const compromise = proposal?.kind === 'compromise' ? proposal : null;
  async function start() {
    try {
      await endpoints.startCompromise(escalation.id);
      setStartError(null);
      await reload();
    } catch (cause) {
      setStartError(cause);
    }
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!compromise) return;
    await act(
      () => endpoints.proposeCompromise(escalation.id, { proposalId: compromise.id }),
      (opened) =>
        'round' in opened
          ? t('consensus.propose.done', {
              version: opened.version.number,
              date: formatDeadline(language, opened.round.deadline),
            })
          : '',
    );
  }
  return (
    <form noValidate className="tw-panel" onSubmit={submit} data-testid="compromise-form">
      <Heading level={4}>{t('consensus.propose.title')}</Heading>
      <Paragraph>{t('consensus.propose.intro')}</Paragraph>
      <ErrorAlert error={startError} />
      {compromise && me ? (
        <>
          <ProposalDocument proposal={compromise} me={me} onWithdrawn={reload} />
          <div>
            <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="compromise-submit">
              {t('consensus.propose.submit')}
            </Button>
          </div>
        </>
      ) : (
        <div>
          <Button
            appearance="secondary-action-button"
            onClick={() => void start()}
            disabled={busy}
            data-testid="compromise-start"
          >
            {t('consensus.propose.start')}
          </Button>
        </div>
      )}
    </form>
  );
}
