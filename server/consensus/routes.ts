import { Hono, type Context } from 'hono';
import type { EscalationInbox, OpenedRound, SectionHistory, VersionDiff } from '../../shared/api.ts';
import { diffTexts } from '../../shared/diff.ts';
import { can, type Action } from '../../shared/permissions.ts';
import { listSectionAudit } from '../audit/queries.ts';
import { applyEffects } from '../effects.ts';
import { requireAccess, requireTableAction, type TableAccess } from '../http/access.ts';
import type { AppEnv } from '../http/app-env.ts';
import { notFound } from '../http/errors.ts';
import { readId, readJson, readParam, readQuery } from '../http/validate.ts';
import { sectionContent } from '../sections/queries.ts';
import {
  draftRuling,
  endorseRuling,
  escalate,
  openRound,
  proposeCompromise,
  recordMediationStep,
  refer,
  reviseSection,
  statePosition,
  withdrawRound,
  type ConsensusActor,
} from './commands.ts';
import { escalationInbox, listEscalations, listRounds, listRulings, sectionConsensus, sectionOf } from './queries.ts';
import {
  diffQuery,
  escalationBody,
  positionBody,
  proposalBody,
  referralBody,
  rulingBody,
  stepBody,
  versionParam,
} from './schema.ts';
import { findVersion, listVersions } from './versions.ts';
import { outcomeEvents, outcomesOnly } from './visibility.ts';

type Subject = 'section' | 'round' | 'escalation' | 'ruling';

/**
 * The section a consensus route is about (through the section, round, escalation or ruling in its
 * path) and who acts there: 404 for a missing one or a non-member of its table, 403 without the action.
 */
async function actingOn(c: Context<AppEnv>, subject: Subject, action: Action | null) {
  const id = readId(c, 'id', subject);
  const section = await sectionOf(c.var.deps.db, subject, id);
  if (!section) throw notFound(subject);
  const access = await requireAccess(c, section.tableId, action, subject);
  const actor: ConsensusActor = {
    userId: access.user.id,
    name: access.user.name,
    role: access.role,
    organizationId: access.user.organization.id,
    organizationKind: access.user.organization.kind,
    tableId: access.tableId,
    now: c.var.deps.clock.now(),
  };
  return { id, sectionId: section.sectionId, access, actor };
}

/** Where the section stands after the action, as its viewer sees it. */
async function consensusReply(c: Context<AppEnv>, sectionId: string, access: TableAccess, status: 200 | 201 = 200) {
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

function openedReply(
  c: Context<AppEnv>,
  opened: { round: { id: string; deadline: Date }; version: { number: number } },
) {
  const body: OpenedRound = {
    round: { id: opened.round.id, deadline: opened.round.deadline.toISOString() },
    version: { number: opened.version.number },
  };
  return c.json(body, 201);
}

export const sectionConsensusRoutes = new Hono<AppEnv>()
  .get('/:id/consensus', async (c) => {
    const { sectionId, access } = await actingOn(c, 'section', 'section.read');
    return consensusReply(c, sectionId, access);
  })
  .post('/:id/rounds', async (c) => {
    const { sectionId, actor } = await actingOn(c, 'section', 'round.open');
    const opened = await openRound(c.var.deps, actor, sectionId);
    await applyEffects(c.var.deps, opened.effects);
    return openedReply(c, opened);
  })
  .post('/:id/revisions', async (c) => {
    const { sectionId, access, actor } = await actingOn(c, 'section', 'section.edit');
    await applyEffects(c.var.deps, (await reviseSection(c.var.deps, actor, sectionId)).effects);
    return consensusReply(c, sectionId, access);
  })
  .post('/:id/escalations', async (c) => {
    const { sectionId, access, actor } = await actingOn(c, 'section', 'section.escalate');
    const { reason } = await readJson(c, escalationBody);
    await applyEffects(c.var.deps, (await escalate(c.var.deps, actor, sectionId, reason)).effects);
    return consensusReply(c, sectionId, access, 201);
  })
  .post('/:id/rulings', async (c) => {
    const { sectionId, access, actor } = await actingOn(c, 'section', 'ruling.draft');
    const body = await readJson(c, rulingBody);
    await applyEffects(c.var.deps, (await draftRuling(c.var.deps, actor, sectionId, body)).effects);
    return consensusReply(c, sectionId, access, 201);
  })
  .get('/:id/history', async (c) => {
    const { sectionId, access } = await actingOn(c, 'section', 'section.read');
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
    const body: SectionHistory = { versions, ...outcomesOnly(deliberation), events: outcomeEvents(events, openRounds) };
    return c.json(body);
  })
  .get('/:id/versions/:n', async (c) => {
    const { sectionId } = await actingOn(c, 'section', 'section.read');
    const version = await findVersion(c.var.deps.db, sectionId, readParam(c, 'n', versionParam));
    if (!version) throw notFound('version');
    return c.json(version);
  })
  .get('/:id/diff', async (c) => {
    const { sectionId } = await actingOn(c, 'section', 'section.read');
    const query = readQuery(c, diffQuery);
    const from = await findVersion(c.var.deps.db, sectionId, query.from);
    if (!from) throw notFound(`version ${query.from}`);
    let toText: string;
    if (query.to === 'current') {
      toText = (await sectionContent(c.var.deps.db, sectionId))!.text;
    } else {
      const to = await findVersion(c.var.deps.db, sectionId, query.to);
      if (!to) throw notFound(`version ${query.to}`);
      toText = to.text;
    }
    const body: VersionDiff = { from: query.from, to: query.to, parts: diffTexts(from.text, toText) };
    return c.json(body);
  });

export const roundRoutes = new Hono<AppEnv>()
  .post('/:id/positions', async (c) => {
    const { id, sectionId, access, actor } = await actingOn(c, 'round', 'position.state');
    const body = await readJson(c, positionBody);
    const { effects } = await statePosition(c.var.deps, actor, id, { kind: body.kind, text: body.text ?? '' });
    await applyEffects(c.var.deps, effects);
    return consensusReply(c, sectionId, access, 201);
  })
  .post('/:id/withdraw', async (c) => {
    // Who may withdraw depends on who opened the round: the command applies that rule.
    const { id, sectionId, access, actor } = await actingOn(c, 'round', null);
    await applyEffects(c.var.deps, (await withdrawRound(c.var.deps, actor, id)).effects);
    return consensusReply(c, sectionId, access);
  });

export const escalationRoutes = new Hono<AppEnv>()
  .post('/:id/steps', async (c) => {
    const { id, sectionId, access, actor } = await actingOn(c, 'escalation', 'escalation.mediate');
    const body = await readJson(c, stepBody);
    await applyEffects(c.var.deps, (await recordMediationStep(c.var.deps, actor, id, body)).effects);
    return consensusReply(c, sectionId, access, 201);
  })
  .post('/:id/proposal', async (c) => {
    const { id, actor } = await actingOn(c, 'escalation', 'escalation.mediate');
    const { text } = await readJson(c, proposalBody);
    const opened = await proposeCompromise(c.var.deps, actor, id, text);
    await applyEffects(c.var.deps, opened.effects);
    return openedReply(c, opened);
  })
  .post('/:id/referral', async (c) => {
    const { id, sectionId, access, actor } = await actingOn(c, 'escalation', 'escalation.mediate');
    const { report } = await readJson(c, referralBody);
    await applyEffects(c.var.deps, (await refer(c.var.deps, actor, id, report)).effects);
    return consensusReply(c, sectionId, access);
  });

export const rulingRoutes = new Hono<AppEnv>().post('/:id/endorsements', async (c) => {
  const { id, sectionId, access, actor } = await actingOn(c, 'ruling', 'ruling.endorse');
  await applyEffects(c.var.deps, (await endorseRuling(c.var.deps, actor, id)).effects);
  return consensusReply(c, sectionId, access, 201);
});

export const tableEscalationRoutes = new Hono<AppEnv>().get('/:id/escalations', async (c) => {
  const access = await requireTableAction(c, 'escalation.mediate');
  const body: EscalationInbox = await escalationInbox(c.var.deps.db, access.tableId, c.var.deps.clock.now());
  return c.json(body);
});
