import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { MeResponse, SectionConsensus } from '../../../shared/api.ts';
import type { SectionState } from '../../../shared/consensus.ts';
import { can } from '../../../shared/permissions.ts';
import type { Role } from '../../../shared/roles.ts';
import { ApiError } from '../api/client.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ActionForms } from './ActionForms.tsx';
import type { Act } from './forms/act.ts';
import { formatDeadline } from './deadline.ts';
import { EscalationDetails } from './EscalationDetails.tsx';
import { PositionForm } from './forms/PositionForm.tsx';
import { RemindButton } from './forms/RemindButton.tsx';
import { PositionTable, RoundTally } from './PositionTable.tsx';
import { ProposalWatch } from './ProposalDocument.tsx';
import { MinorityPositions, RulingDetails } from './RulingDetails.tsx';

const WITH_ESCALATION: readonly SectionState[] = ['escalated', 'mediation_proposal', 'referred', 'ruled'];

interface Props {
  consensus: SectionConsensus;
  me: MeResponse;
  /** The viewer's role at the section's table: the chair may remind the silent organizations. */
  role?: Role;
  /** After an action: the new consensus when the server returned it, otherwise null (reload it). */
  onChanged(next: SectionConsensus | null): Promise<void>;
}

/**
 * Where the section stands in the consensus process and what the viewer can do about it: the state
 * with what happens next, the round with every organization's position, the escalation, the ruling
 * and the minority positions, and a form for exactly the actions the server offers this viewer.
 */
export function ConsensusPanel({ consensus, me, role, onChanged }: Props) {
  const { t, formatDateTime, language } = useI18n();
  const { run, error, status, busy } = useAction();
  const { state, round } = consensus;

  const act: Act = async (work, success) => {
    let conflict = false;
    const ok = await run(async () => {
      try {
        const result = await work();
        await onChanged('sectionId' in result ? result : null);
        return result;
      } catch (cause) {
        conflict = cause instanceof ApiError && cause.status === 409;
        throw cause;
      }
    }, success);
    // The state machine refused: someone else moved the section meanwhile. Show where it is now.
    if (conflict) await onChanged(null);
    return ok;
  };

  const running = round !== null && round.closedAt === null;
  const organization = { id: me.user.organization.id, name: me.user.organization.name };
  const waiting = round
    ? consensus.organizations.filter((o) => !round.positions.some((p) => p.organization.id === o.id))
    : [];
  const mayRemind = running && (role === 'chair' || round.openedBy.id === me.user.id);

  const roundView = round ? (
    <section className="tw-block-section" data-testid="round" aria-labelledby="round-heading">
      <Heading level={3} id="round-heading">
        {t(`consensus.round.${round.kind}`, { version: round.versionNumber })}
      </Heading>
      <Paragraph small className="tw-muted">
        {t('consensus.round.openedBy', {
          name: round.openedBy.name,
          organization: round.openedBy.organizationName,
          date: formatDateTime(round.openedAt),
        })}
      </Paragraph>
      {running ? (
        <Paragraph>
          <strong data-testid="round-deadline">
            {t('consensus.round.deadline', { date: formatDeadline(language, round.deadline) })}
          </strong>{' '}
          <span data-testid="round-responded">
            {t('consensus.round.responded', {
              count: round.positions.length,
              total: consensus.organizations.length,
            })}
          </span>
        </Paragraph>
      ) : round.closedAt && round.outcome ? (
        <Paragraph data-testid="round-outcome" data-outcome={round.outcome}>
          {t('consensus.round.closed', {
            date: formatDateTime(round.closedAt),
            outcome: t(`consensus.outcome.${round.outcome}`),
          })}
        </Paragraph>
      ) : null}
      <RoundTally round={round} total={consensus.organizations.length} running={running} />
      {running && waiting.length > 0 ? (
        <Paragraph small data-testid="round-waiting">
          {t('round.waiting', { organizations: waiting.map((o) => o.name).join(', ') })}
        </Paragraph>
      ) : null}
      {mayRemind ? <RemindButton roundId={round.id} waiting={waiting.length} /> : null}
      {/* The form sits on the round card, beside the text it is about (SectionPage's side column). */}
      {consensus.actions.includes('state_position') && running ? (
        <PositionForm consensus={consensus} act={act} busy={busy} organization={organization} />
      ) : null}
      <PositionTable consensus={consensus} ownOrganizationId={organization.id} />
    </section>
  ) : null;
  const escalationView =
    consensus.escalation && WITH_ESCALATION.includes(state) ? (
      <EscalationDetails escalation={consensus.escalation} />
    ) : null;
  // Once the municipalities speak, their ruling (and the objections it did not follow) comes first.
  const decided = state === 'referred' || state === 'ruled';
  const rulingView = consensus.ruling && decided ? <RulingDetails ruling={consensus.ruling} /> : null;
  const minorityView = <MinorityPositions positions={consensus.minorityPositions} />;
  // The proposal being written, for those at the table who follow the deliberation but do not write it
  // (its writers see it in their form, ActionForms).
  const writes = consensus.actions.includes(state === 'escalated' ? 'propose_compromise' : 'draft_ruling');
  const watchProposal =
    (state === 'escalated' || state === 'referred') &&
    role !== undefined &&
    can(role, 'consensus.readDeliberation') &&
    !writes;

  return (
    <section
      className="tw-panel tw-consensus"
      aria-labelledby="consensus-heading"
      data-testid="consensus-panel"
      data-state={state}
    >
      <Heading level={2} id="consensus-heading">
        {t('consensus.title')}
      </Heading>
      <dl className="tw-facts">
        <dt>{t('consensus.stateLabel')}</dt>
        <dd>
          <span className={`tw-badge tw-state tw-state-${state}`} data-testid="consensus-state">
            {t(`plan.state.${state}`)}
          </span>
        </dd>
        <dt>{t('consensus.version')}</dt>
        <dd data-testid="consensus-version">
          {consensus.currentVersion === null
            ? t('consensus.noVersion')
            : t('consensus.versionValue', { number: consensus.currentVersion })}
        </dd>
      </dl>
      <Paragraph data-testid="consensus-explanation">{t(`plan.state.explain.${state}`)}</Paragraph>

      {decided ? (
        <>
          {rulingView}
          {minorityView}
          {escalationView}
          {roundView}
        </>
      ) : (
        <>
          {escalationView}
          {roundView}
          {minorityView}
        </>
      )}

      {watchProposal ? <ProposalWatch sectionId={consensus.sectionId} me={me} /> : null}
      <ErrorAlert error={error} />
      <StatusMessage text={status} />
      <ActionForms consensus={consensus} act={act} busy={busy} organization={organization} />
    </section>
  );
}
