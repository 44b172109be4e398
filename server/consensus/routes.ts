import type { Context } from 'hono';
import type { SectionHistory, VersionDiff } from '../../shared/api.ts';
import {
  openedRoundSchema,
  sectionConsensusSchema,
  sectionHistorySchema,
  versionDetailSchema,
  versionDiffSchema,
} from '../../shared/api-schemas/consensus.ts';
import type { OpenedRound } from '../../shared/api.ts';
import { can } from '../../shared/permissions.ts';
import { listSectionAudit } from '../audit/queries.ts';
import { applyEffects, requireCollab } from '../effects.ts';
import type { TableAccess } from '../http/access.ts';
import type { AppEnv } from '../http/app-env.ts';
import { notFound } from '../http/errors.ts';
import { route, type ErrorCase, type Scope } from '../http/route.ts';
import { readParam } from '../http/validate.ts';
import { draftRuling, escalate, openRound, reviseSection, type ConsensusActor } from './commands.ts';
import { listEscalations, listRounds, listRulings, sectionConsensus, sectionOf } from './queries.ts';
import { diffQuery, escalationBody, rulingBody, versionParam } from '../../shared/api-requests/consensus.ts';
import { draftDocument, versionDocument } from './documents.ts';
import { findVersion, listVersions } from './versions.ts';
import { outcomeEvents, outcomesOnly } from './visibility.ts';

type Subject = 'section' | 'round' | 'escalation' | 'ruling' | 'proposal';

/**
 * A consensus route is about the section, round, escalation or ruling in its path, at the table of its
 * section: 404 for a missing one or a non-member of that table, 403 without the action.
 */
const about = (subject: Subject): Scope<{ id: string; sectionId: string; tableId: string }> => ({
  what: subject,
  find: async (deps, id) => {
    const found = await sectionOf(deps.db, subject, id);
    return found ? { id, sectionId: found.sectionId, tableId: found.tableId } : null;
  },
});
export const SECTION = about('section');
export const ROUND = about('round');
export const ESCALATION = about('escalation');
export const RULING = about('ruling');
export const PROPOSAL = about('proposal');

/** Who acts, for the commands. */
export function consensusActor(c: Context<AppEnv>, access: TableAccess): ConsensusActor {
  return {
    userId: access.user.id,
    name: access.user.name,
    role: access.role,
    organizationId: access.user.organization.id,
    organizationKind: access.user.organization.kind,
    tableId: access.tableId,
    now: c.var.deps.clock.now(),
  };
}

/** A move the state machine (shared/consensus.ts) does not allow from the section's state. */
export const STATE = "the section's state does not allow it; details.state is where it stands";
export const NO_COLLAB: ErrorCase = {
  status: 503,
  code: 'internal',
  when: 'co-editing is not available in this runtime',
};

/** Where the section stands after the action, as its viewer sees it. */
export async function consensusReply(
  c: Context<AppEnv>,
  sectionId: string,
  access: TableAccess,
  status: 200 | 201 = 200,
) {
  const section = await sectionOf(c.var.deps.db, 'section', sectionId);
  if (!section) throw notFound('section');
  const body = await sectionConsensus(
    c.var.deps.db,
    { id: sectionId, tableId: section.tableId, state: section.state },
    { userId: access.user.id, role: access.role, organizationId: access.user.organization.id },
    c.var.deps.clock.now(),
  );
  return c.json(body, status);
}

export function openedReply(
  c: Context<AppEnv>,
  opened: { round: { id: string; deadline: Date }; version: { number: number } },
) {
  const body: OpenedRound = {
    round: { id: opened.round.id, deadline: opened.round.deadline.toISOString() },
    version: { number: opened.version.number },
  };
  return c.json(body, 201);
}

/** Consent rounds opened on a section, escalation and rulings from it, and the record of a section. */
export const sectionConsensusRoutes = [
  route(
    {
      method: 'get',
      path: '/sections/:id/consensus',
      operationId: 'getSectionConsensus',
      tag: 'Consensus',
      summary:
        'Where the section stands: state, version, positions per organization, escalation, ruling, and what I may do',
      permission: 'section.read',
      scope: SECTION,
      reply: sectionConsensusSchema,
    },
    (c, { access, scope }) => consensusReply(c, scope.sectionId, access),
  ),
  route(
    {
      method: 'post',
      path: '/sections/:id/rounds',
      operationId: 'openRound',
      tag: 'Consensus',
      summary: 'Open a consent round: the text becomes version n+1 and locks; the deadline counts Dutch working days',
      permission: 'round.open',
      scope: SECTION,
      reply: openedRoundSchema,
      status: 201,
      conflict: `the section is not a draft: ${STATE}`,
      errors: [NO_COLLAB],
    },
    async (c, { access, scope }) => {
      const opened = await openRound(c.var.deps, consensusActor(c, access), scope.sectionId);
      await applyEffects(c.var.deps, opened.effects);
      return openedReply(c, opened);
    },
  ),
  route(
    {
      method: 'post',
      path: '/sections/:id/revisions',
      operationId: 'reviseSection',
      tag: 'Consensus',
      summary: 'Back to draft: answer an objection by revising, or reopen an adopted text',
      permission: 'section.edit',
      scope: SECTION,
      reply: sectionConsensusSchema,
      conflict: STATE,
    },
    async (c, { access, scope }) => {
      const { effects } = await reviseSection(c.var.deps, consensusActor(c, access), scope.sectionId);
      await applyEffects(c.var.deps, effects);
      return consensusReply(c, scope.sectionId, access);
    },
  ),
  route(
    {
      method: 'post',
      path: '/sections/:id/escalations',
      operationId: 'escalateSection',
      tag: 'Consensus',
      summary: 'Escalate an objected section to the chair',
      permission: 'section.escalate',
      scope: SECTION,
      body: escalationBody,
      reply: sectionConsensusSchema,
      status: 201,
      conflict: `the section is not objected: ${STATE}`,
    },
    async (c, { access, scope, body }) => {
      const { reason } = await body();
      const { effects } = await escalate(c.var.deps, consensusActor(c, access), scope.sectionId, reason);
      await applyEffects(c.var.deps, effects);
      return consensusReply(c, scope.sectionId, access, 201);
    },
  ),
  route(
    {
      method: 'post',
      path: '/sections/:id/rulings',
      operationId: 'draftRuling',
      tag: 'Consensus',
      summary: 'Draft the ruling of the municipalities (text and rationale)',
      permission: 'ruling.draft',
      scope: SECTION,
      body: rulingBody,
      reply: sectionConsensusSchema,
      status: 201,
      conflict: `the section is not referred: ${STATE}`,
    },
    async (c, { access, scope, body }) => {
      const input = await body();
      const { effects } = await draftRuling(c.var.deps, consensusActor(c, access), scope.sectionId, input);
      await applyEffects(c.var.deps, effects);
      return consensusReply(c, scope.sectionId, access, 201);
    },
  ),
  route(
    {
      method: 'get',
      path: '/sections/:id/history',
      operationId: 'getSectionHistory',
      tag: 'Consensus',
      summary: 'Versions, rounds with every statement, escalations, rulings and audit events of a section',
      permission: 'section.read',
      scope: SECTION,
      reply: sectionHistorySchema,
    },
    async (c, { access, scope: { sectionId } }) => {
      const { db } = c.var.deps;
      const versions = await listVersions(db, sectionId);
      const deliberation = {
        rounds: await listRounds(db, sectionId, versions.at(-1)?.number ?? null),
        escalations: await listEscalations(db, sectionId, c.var.deps.clock.now()),
        rulings: await listRulings(db, sectionId, access.tableId),
      };
      const events = await listSectionAudit(db, sectionId);
      if (can(access.role, 'consensus.readDeliberation')) {
        return c.json({ versions, ...deliberation, events } satisfies SectionHistory);
      }
      const openRounds = new Set(deliberation.rounds.filter((r) => r.closedAt === null).map((r) => r.id));
      const body: SectionHistory = {
        versions,
        ...outcomesOnly(deliberation),
        events: outcomeEvents(events, openRounds),
      };
      return c.json(body);
    },
  ),
  route(
    {
      method: 'get',
      path: '/sections/:id/versions/:n',
      operationId: 'getSectionVersion',
      tag: 'Consensus',
      summary: 'One frozen version',
      permission: 'section.read',
      scope: SECTION,
      reply: versionDetailSchema,
      errors: [{ status: 400, code: 'validation_failed', when: 'n is not a version number (1 or more)' }],
    },
    async (c, { scope }) => {
      const version = await findVersion(c.var.deps.db, scope.sectionId, readParam(c, 'n', versionParam));
      if (!version) throw notFound('version');
      return c.json(version);
    },
  ),
  route(
    {
      method: 'get',
      path: '/sections/:id/diff',
      operationId: 'diffSectionVersions',
      tag: 'Consensus',
      summary: 'Both documents of a diff between two versions (to may be "current", the live draft)',
      permission: 'section.read',
      scope: SECTION,
      query: diffQuery,
      reply: versionDiffSchema,
      errors: [NO_COLLAB],
    },
    async (c, { scope: { sectionId }, query }) => {
      const { db } = c.var.deps;
      const from = await versionDocument(db, sectionId, query.from);
      if (!from) throw notFound(`version ${query.from}`);
      // The changes themselves are computed in the browser, with the schema the editor renders with.
      const to =
        query.to === 'current'
          ? await draftDocument(requireCollab(c.var.deps), sectionId)
          : await versionDocument(db, sectionId, query.to);
      if (!to) throw notFound(`version ${query.to}`);
      const body: VersionDiff = { from: { version: query.from, doc: from }, to: { version: query.to, doc: to } };
      return c.json(body);
    },
  ),
];
