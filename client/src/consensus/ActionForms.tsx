import { Heading } from '@utrecht/component-library-react';
import type { SectionConsensus } from '../../../shared/api.ts';
import type { ConsensusAction } from '../../../shared/consensus.ts';
import { endpoints } from '../api/endpoints.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDeadline } from './deadline.ts';
import type { Act } from './forms/act.ts';
import { CompromiseForm } from './forms/CompromiseForm.tsx';
import { ConfirmAction } from './forms/ConfirmAction.tsx';
import { EscalateForm } from './forms/EscalateForm.tsx';
import { MediationStepForm } from './forms/MediationStepForm.tsx';
import { ReferralForm } from './forms/ReferralForm.tsx';
import { RulingForm } from './forms/RulingForm.tsx';

interface Props {
  consensus: SectionConsensus;
  act: Act;
  busy: boolean;
  /** The viewer's organization, on whose behalf positions are stated and rulings endorsed. */
  organization: { id: string; name: string };
}

/** Exactly the consensus actions the server offers this viewer: confirm buttons first, then the forms. */
export function ActionForms({ consensus, act, busy, organization }: Props) {
  const { t, language } = useI18n();
  const { round, actions } = consensus;
  const may = (action: ConsensusAction) => actions.includes(action);
  const openRoundDone = (opened: { version: { number: number }; round: { deadline: string } }) =>
    t('consensus.open.done', { version: opened.version.number, date: formatDeadline(language, opened.round.deadline) });

  // The position form lives on the round card (ConsensusPanel); the rest of the actions come here.
  if (actions.every((action) => action === 'state_position')) return null;
  return (
    <section className="tw-block-section" aria-labelledby="consensus-actions-heading" data-testid="consensus-actions">
      <Heading level={3} id="consensus-actions-heading">
        {t('consensus.actions')}
      </Heading>
      <div className="tw-actions">
        {may('open_round') ? (
          <ConfirmAction
            label={t('consensus.open.button')}
            question={t('consensus.open.confirm')}
            yes={t('consensus.open.yes')}
            busy={busy}
            testId="open-round"
            onConfirm={() => act(() => endpoints.openRound(consensus.sectionId), openRoundDone)}
          />
        ) : null}
        {may('withdraw_round') && round ? (
          <ConfirmAction
            label={t('consensus.withdraw.button')}
            question={t('consensus.withdraw.confirm')}
            yes={t('consensus.withdraw.yes')}
            busy={busy}
            testId="withdraw-round"
            onConfirm={() => act(() => endpoints.withdrawRound(round.id), t('consensus.withdraw.done'))}
          />
        ) : null}
        {may('revise') ? (
          <ConfirmAction
            label={t('consensus.revise.button')}
            question={t('consensus.revise.confirm')}
            yes={t('consensus.revise.yes')}
            busy={busy}
            testId="revise"
            onConfirm={() => act(() => endpoints.revise(consensus.sectionId), t('consensus.revise.done'))}
          />
        ) : null}
        {may('endorse_ruling') && consensus.ruling ? (
          <ConfirmAction
            label={t('consensus.endorse.button', { organization: organization.name })}
            question={t('consensus.endorse.confirm', { organization: organization.name })}
            yes={t('consensus.endorse.yes')}
            busy={busy}
            testId="endorse-ruling"
            onConfirm={() => act(() => endpoints.endorseRuling(consensus.ruling!.id), t('consensus.endorse.done'))}
          />
        ) : null}
      </div>
      {may('escalate') ? <EscalateForm consensus={consensus} act={act} busy={busy} /> : null}
      {may('mediate') && consensus.escalation ? (
        <MediationStepForm consensus={consensus} act={act} busy={busy} />
      ) : null}
      {may('propose_compromise') && consensus.escalation ? (
        <CompromiseForm consensus={consensus} act={act} busy={busy} />
      ) : null}
      {may('refer') && consensus.escalation ? <ReferralForm consensus={consensus} act={act} busy={busy} /> : null}
      {may('draft_ruling') ? (
        <RulingForm key={consensus.ruling?.id ?? 'new'} consensus={consensus} act={act} busy={busy} />
      ) : null}
    </section>
  );
}
