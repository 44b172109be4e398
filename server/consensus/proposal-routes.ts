import type { Context } from 'hono';
import type { ProposalResponse } from '../../shared/api.ts';
import { proposalResponseSchema } from '../../shared/api-schemas/consensus.ts';
import type { TableAccess } from '../http/access.ts';
import type { AppEnv } from '../http/app-env.ts';
import { route } from '../http/route.ts';
import { applyEffects } from '../effects.ts';
import { currentProposal, referredEscalation, startProposal, withdrawProposal } from './proposals.ts';
import { consensusActor, PROPOSAL, SECTION, STATE } from './routes.ts';

/**
 * The proposal being written on a section (a compromise, a draft ruling) and how a municipal delegate
 * starts a ruling's; the chair starts a compromise on its escalation (deliberation-routes.ts).
 */

/** The section's proposal as its viewer sees it, with both documents of the live diff. */
export async function proposalReply(
  c: Context<AppEnv>,
  sectionId: string,
  access: TableAccess,
  status: 200 | 201 = 200,
) {
  const body: ProposalResponse = {
    proposal: await currentProposal(c.var.deps.db, c.var.deps.collab, sectionId, { role: access.role }),
  };
  return c.json(body, status);
}

export const proposalRoutes = [
  route(
    {
      method: 'get',
      path: '/sections/:id/proposal',
      operationId: 'getSectionProposal',
      tag: 'Consensus',
      summary: 'The compromise or draft ruling being written on the section, with the text under objection',
      permission: 'consensus.readDeliberation',
      scope: SECTION,
      reply: proposalResponseSchema,
    },
    (c, { access, scope }) => proposalReply(c, scope.sectionId, access),
  ),
  route(
    {
      method: 'post',
      path: '/sections/:id/ruling-document',
      operationId: 'startRulingDocument',
      tag: 'Consensus',
      summary: 'Start writing the ruling, from the text under objection (or give the one being written)',
      permission: 'ruling.draft',
      scope: SECTION,
      reply: proposalResponseSchema,
      status: 201,
      conflict: `the section is not referred: ${STATE}`,
    },
    async (c, { access, scope }) => {
      const actor = consensusActor(c, access);
      const escalationId = await referredEscalation(c.var.deps.db, actor, scope.sectionId);
      await c.var.deps.db.transaction((tx) => startProposal(tx, actor, 'ruling', escalationId));
      return proposalReply(c, scope.sectionId, access, 201);
    },
  ),
  route(
    {
      method: 'post',
      path: '/proposals/:id/withdraw',
      operationId: 'withdrawProposal',
      tag: 'Consensus',
      summary: 'Withdraw the compromise (the chair) or draft ruling (a municipal delegate) being written',
      // Which action it takes depends on the proposal's kind: the command applies that rule.
      permission: 'consensus.readDeliberation',
      scope: PROPOSAL,
      reply: proposalResponseSchema,
      conflict: 'the proposal has been applied or withdrawn already',
      errors: [
        {
          status: 403,
          code: 'forbidden',
          when: 'a compromise is withdrawn by the chair, a draft ruling by a municipal delegate',
        },
      ],
    },
    async (c, { access, scope }) => {
      const { effects } = await withdrawProposal(c.var.deps.db, consensusActor(c, access), scope.id);
      await applyEffects(c.var.deps, effects);
      return proposalReply(c, scope.sectionId, access);
    },
  ),
];
