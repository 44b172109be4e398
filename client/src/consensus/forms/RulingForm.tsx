import { Button, Heading, Paragraph, Textarea } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';
import { ProposalDocument, useProposal } from '../ProposalDocument.tsx';
import type { ActionProps } from './act.ts';

/**
 * The municipal delegates write the ruling in its own live document, starting from the text under
 * objection; one of them records it as the draft (or replaces the current draft, whose endorsements then
 * lapse). The rationale is plain text.
 */
export function RulingForm({ consensus, act, busy }: ActionProps) {
  const { t } = useI18n();
  const { me } = useSession();
  const draft = consensus.ruling && consensus.ruling.effectiveAt === null ? consensus.ruling : null;
  const { proposal, reload } = useProposal(consensus.sectionId);
  const [rationale, setRationale] = useState(draft?.rationale ?? '');
  const [startError, setStartError] = useState<unknown>(null);
  const ruling = proposal?.kind === 'ruling' ? proposal : null;
  async function start() {
    try {
      await endpoints.startRuling(consensus.sectionId);
      setStartError(null);
      await reload();
    } catch (cause) {
      setStartError(cause);
    }
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ruling) return;
    await act(
      () => endpoints.draftRuling(consensus.sectionId, { proposalId: ruling.id, rationale: rationale.trim() }),
      t('consensus.draftRuling.done'),
    );
  }
  return (
    <form noValidate className="tw-panel" onSubmit={submit} data-testid="ruling-form">
      <Heading level={4}>{t('consensus.draftRuling.title')}</Heading>
      {draft ? <Paragraph>{t('consensus.draftRuling.redraft')}</Paragraph> : null}
      <ErrorAlert error={startError} />
      {ruling && me ? (
        <>
          <ProposalDocument proposal={ruling} me={me} onWithdrawn={reload} />
          <Field label={t('consensus.draftRuling.rationale')}>
            <Textarea
              required
              rows={4}
              value={rationale}
              onChange={(e) => setRationale(e.target.value)}
              data-testid="ruling-rationale"
            />
          </Field>
          <div>
            <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="ruling-submit">
              {t('consensus.draftRuling.submit')}
            </Button>
          </div>
        </>
      ) : (
        <div>
          <Button
            appearance="secondary-action-button"
            onClick={() => void start()}
            disabled={busy}
            data-testid="ruling-start"
          >
            {t('consensus.draftRuling.start')}
          </Button>
        </div>
      )}
    </form>
  );
}
