import type { EscalationInbox } from '../../shared/api.ts';
import {
  escalationInboxSchema,
  openedRoundSchema,
  proposalResponseSchema,
  sectionConsensusSchema,
} from '../../shared/api-schemas/consensus.ts';
import { applyEffects } from '../effects.ts';
import { route } from '../http/route.ts';
import {
  endorseRuling,
  proposeCompromise,
  recordMediationStep,
  refer,
  statePosition,
  withdrawRound,
} from './commands.ts';
import { startCompromise } from './proposals.ts';
import { escalationInbox } from './queries.ts';
import { remindNow, roundRemindedSchema } from './remind.ts';
import { proposalReply } from './proposal-routes.ts';
import { consensusActor, consensusReply, ESCALATION, NO_COLLAB, openedReply, ROUND, RULING, STATE } from './routes.ts';
import { positionBody, proposalBody, referralBody, stepBody } from '../../shared/api-requests/consensus.ts';

const CONCLUDED = 'the escalation has been concluded';

export const roundRoutes = [
  route(
    {
      method: 'post',
      path: '/rounds/:id/positions',
      operationId: 'statePosition',
      tag: 'Consensus',
      summary: "State or change my organization's position on the round's version",
      permission: 'position.state',
      scope: ROUND,
      body: positionBody,
      reply: sectionConsensusSchema,
      status: 201,
      conflict: 'the round has closed, or its response period has passed',
    },
    async (c, { access, scope, body }) => {
      const { kind, text, anchors } = await body();
      const actor = consensusActor(c, access);
      const { effects } = await statePosition(c.var.deps, actor, scope.id, { kind, text: text ?? '', anchors });
      await applyEffects(c.var.deps, effects);
      return consensusReply(c, scope.sectionId, access, 201);
    },
  ),
  route(
    {
      method: 'post',
      path: '/rounds/:id/withdraw',
      operationId: 'withdrawRound',
      tag: 'Consensus',
      summary: 'Withdraw a running round (its opener, or the chair)',
      // Who may withdraw also depends on who opened the round: the command applies that rule.
      permission: 'round.open',
      scope: ROUND,
      reply: sectionConsensusSchema,
      conflict: 'the round has closed already',
    },
    async (c, { access, scope }) => {
      const { effects } = await withdrawRound(c.var.deps, consensusActor(c, access), scope.id);
      await applyEffects(c.var.deps, effects);
      return consensusReply(c, scope.sectionId, access);
    },
  ),
  route(
    {
      method: 'post',
      path: '/rounds/:id/remind',
      operationId: 'remindRound',
      tag: 'Consensus',
      summary: 'Remind the organizations that have not responded (its opener, or the chair; once a day)',
      // Who may remind also depends on who opened the round: the command applies that rule.
      permission: 'round.open',
      scope: ROUND,
      reply: roundRemindedSchema,
      conflict: 'the round has closed, or a reminder went out less than 24 hours ago',
      errors: [{ status: 403, code: 'forbidden', when: 'the caller neither opened the round nor chairs the table' }],
    },
    async (c, { access, scope }) => {
      const { reminded, effects } = await remindNow(c.var.deps, consensusActor(c, access), scope.id);
      await applyEffects(c.var.deps, effects);
      return c.json(reminded, 200);
    },
  ),
];

export const escalationRoutes = [
  route(
    {
      method: 'post',
      path: '/escalations/:id/steps',
      operationId: 'addMediationStep',
      tag: 'Consensus',
      summary: 'Record a mediation step',
      permission: 'escalation.mediate',
      scope: ESCALATION,
      body: stepBody,
      reply: sectionConsensusSchema,
      status: 201,
      conflict: CONCLUDED,
    },
    async (c, { access, scope, body }) => {
      const input = await body();
      const { effects } = await recordMediationStep(c.var.deps, consensusActor(c, access), scope.id, input);
      await applyEffects(c.var.deps, effects);
      return consensusReply(c, scope.sectionId, access, 201);
    },
  ),
  route(
    {
      method: 'post',
      path: '/escalations/:id/proposal',
      operationId: 'proposeCompromise',
      tag: 'Consensus',
      summary: 'Put a compromise proposal to a new consent round',
      permission: 'escalation.mediate',
      scope: ESCALATION,
      body: proposalBody,
      reply: openedRoundSchema,
      status: 201,
      conflict: `${CONCLUDED}, or the section is not escalated: ${STATE}`,
      errors: [NO_COLLAB],
    },
    async (c, { access, scope, body }) => {
      const opened = await proposeCompromise(c.var.deps, consensusActor(c, access), scope.id, await body());
      await applyEffects(c.var.deps, opened.effects);
      return openedReply(c, opened);
    },
  ),
  route(
    {
      method: 'post',
      path: '/escalations/:id/compromise-document',
      operationId: 'startCompromiseDocument',
      tag: 'Consensus',
      summary: 'Start writing a compromise, from the text under objection (or give the one being written)',
      permission: 'escalation.mediate',
      scope: ESCALATION,
      reply: proposalResponseSchema,
      status: 201,
      conflict: `${CONCLUDED}, or the section is not escalated: ${STATE}`,
    },
    async (c, { access, scope }) => {
      await startCompromise(c.var.deps.db, consensusActor(c, access), scope.id);
      return proposalReply(c, scope.sectionId, access, 201);
    },
  ),
  route(
    {
      method: 'post',
      path: '/escalations/:id/referral',
      operationId: 'referEscalation',
      tag: 'Consensus',
      summary: 'Refer the section to the municipalities, with a reasoned report',
      permission: 'escalation.mediate',
      scope: ESCALATION,
      body: referralBody,
      reply: sectionConsensusSchema,
      conflict: `${CONCLUDED}, or ${STATE}`,
    },
    async (c, { access, scope, body }) => {
      const { report } = await body();
      const { effects } = await refer(c.var.deps, consensusActor(c, access), scope.id, report);
      await applyEffects(c.var.deps, effects);
      return consensusReply(c, scope.sectionId, access);
    },
  ),
];

export const rulingRoutes = [
  route(
    {
      method: 'post',
      path: '/rulings/:id/endorsements',
      operationId: 'endorseRuling',
      tag: 'Consensus',
      summary: "Endorse the ruling for my municipality; it takes effect when the table's ruling rule is met",
      permission: 'ruling.endorse',
      scope: RULING,
      reply: sectionConsensusSchema,
      status: 201,
      conflict: 'my municipality endorsed it already, it has taken effect, or a newer draft replaced it',
      errors: [NO_COLLAB],
    },
    async (c, { access, scope }) => {
      const { effects } = await endorseRuling(c.var.deps, consensusActor(c, access), scope.id);
      await applyEffects(c.var.deps, effects);
      return consensusReply(c, scope.sectionId, access, 201);
    },
  ),
];

export const tableEscalationRoutes = [
  route(
    {
      method: 'get',
      path: '/tables/:id/escalations',
      operationId: 'listTableEscalations',
      tag: 'Consensus',
      summary: "The chair's inbox: open escalations with their age",
      permission: 'escalation.mediate',
      reply: escalationInboxSchema,
    },
    async (c, { access }) => {
      const body: EscalationInbox = await escalationInbox(c.var.deps.db, access.tableId, c.var.deps.clock.now());
      return c.json(body);
    },
  ),
];
