import { Hono, type Context } from 'hono';
import type {
  EscalationInbox,
  NotificationsResponse,
  OpenedRound,
  SectionConsensus,
  SectionHistory,
  VersionDiff,
} from '../../shared/api.ts';
import { diffTexts } from '../../shared/diff.ts';
import { can, type Action } from '../../shared/permissions.ts';
import { listSectionAudit } from '../audit/queries.ts';
import { isSectionLocked } from '../collab/authorize.ts';
import { textToBlocks } from '../collab/render.ts';
import type { CollabControl } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { requireUser } from '../http/middleware.ts';
import { readId, readJson, readParam, readQuery } from '../http/validate.ts';
import { sectionDocName } from '../sections/queries.ts';
import { requireTableAction } from '../tables/access.ts';
import { roleAt } from '../tables/queries.ts';
import type { ConsensusActor, Effects } from './context.ts';
import { stateConflict } from './context.ts';
import { deliver } from './due.ts';
import {
  addMediationStep,
  checkCanPropose,
  escalate,
  findEscalation,
  proposeCompromise,
  refer,
} from './escalations.ts';
import {
  escalationInbox,
  findVersion,
  listEscalations,
  listRounds,
  listRulings,
  listVersions,
  sectionConsensus,
} from './queries.ts';
import { openRound, reviseSection, statePosition, withdrawRound } from './rounds.ts';
import { outcomeEvents, outcomesOnly } from './visibility.ts';
import { draftRuling, endorseRuling, findRuling, makeRulingEffective } from './rulings.ts';
import {
  diffQuery,
  escalationBody,
  positionBody,
  proposalBody,
  referralBody,
  rulingBody,
  readBody,
  stepBody,
  versionParam,
} from './schema.ts';

function collab(c: Context<AppEnv>): CollabControl {
  const control = c.var.deps.collab;
  if (!control) throw new ApiError(503, 'internal', 'co-editing is not available in this runtime');
  return control;
}

/** The person acting at a section's table, with their role; 404 for non-members, 403 without the action. */
async function actorAt(c: Context<AppEnv>, tableId: string, action: Action | null, what: string) {
  const user = requireUser(c);
  const role = await roleAt(c.var.deps.db, tableId, user.id);
  if (!role) throw notFound(what);
  if (action && !can(role, action)) throw forbidden();
  const actor: ConsensusActor = {
    userId: user.id,
    name: user.name,
    role,
    organizationId: user.organization.id,
    organizationKind: user.organization.kind,
    tableId,
    now: c.var.deps.clock.now(),
  };
  return actor;
}

async function sectionRow(c: Context<AppEnv>, id: string) {
  const [section] = await c.var.deps.db.query<{ id: string; table_id: string; state: SectionConsensus['state'] }>(
    'select id, table_id, state from sections where id = $1',
    [id],
  );
  if (!section) throw notFound('section');
  return section;
}

const sectionAt = (c: Context<AppEnv>) => sectionRow(c, readId(c, 'id', 'section'));

/** After a commit: the room of the section follows the lock in the database. */
async function syncLock(c: Context<AppEnv>, sectionId: string): Promise<void> {
  const name = sectionDocName(sectionId);
  await c.var.deps.collab?.setLocked(name, await isSectionLocked(c.var.deps.db, name));
}

async function consensusReply(c: Context<AppEnv>, sectionId: string, status: 200 | 201 = 200) {
  const user = requireUser(c);
  const section = await sectionRow(c, sectionId);
  const role = await roleAt(c.var.deps.db, section.table_id, user.id);
  const body = await sectionConsensus(
    c.var.deps.db,
    { id: section.id, tableId: section.table_id, state: section.state },
    { userId: user.id, role: role!, organizationId: user.organization.id },
    c.var.deps.clock.now(),
  );
  return c.json(body, status);
}

export const sectionConsensusRoutes = new Hono<AppEnv>()
  .get('/:id/consensus', async (c) => {
    const section = await sectionAt(c);
    await actorAt(c, section.table_id, 'section.read', 'section');
    return consensusReply(c, section.id);
  })
  .post('/:id/rounds', async (c) => {
    const section = await sectionAt(c);
    const actor = await actorAt(c, section.table_id, 'round.open', 'section');
    if (section.state !== 'draft') throw stateConflict(section, 'a consent round');
    const name = sectionDocName(section.id);
    // Lock first, then freeze: an edit can no longer slip in between the snapshot and the lock.
    await collab(c).setLocked(name, true);
    const effects: Effects = { mails: [] };
    try {
      const snapshot = await collab(c).snapshot(name);
      const opened = await openRound(c.var.deps.db, effects, actor, section.id, snapshot);
      await deliver(c.var.deps, effects);
      const body: OpenedRound = {
        round: { id: opened.round.id, deadline: opened.round.deadline.toISOString() },
        version: { number: opened.version.number },
      };
      return c.json(body, 201);
    } finally {
      await syncLock(c, section.id);
    }
  })
  .post('/:id/revisions', async (c) => {
    const section = await sectionAt(c);
    const actor = await actorAt(c, section.table_id, 'section.edit', 'section');
    await reviseSection(c.var.deps.db, actor, section.id);
    await syncLock(c, section.id);
    return consensusReply(c, section.id);
  })
  .post('/:id/escalations', async (c) => {
    const section = await sectionAt(c);
    const actor = await actorAt(c, section.table_id, 'section.escalate', 'section');
    const { reason } = await readJson(c, escalationBody);
    const effects: Effects = { mails: [] };
    await escalate(c.var.deps.db, effects, actor, section.id, reason);
    await deliver(c.var.deps, effects);
    return consensusReply(c, section.id, 201);
  })
  .post('/:id/rulings', async (c) => {
    const section = await sectionAt(c);
    const actor = await actorAt(c, section.table_id, 'ruling.draft', 'section');
    const body = await readJson(c, rulingBody);
    const effects: Effects = { mails: [] };
    await draftRuling(c.var.deps.db, effects, actor, section.id, body);
    await deliver(c.var.deps, effects);
    return consensusReply(c, section.id, 201);
  })
  .get('/:id/history', async (c) => {
    const section = await sectionAt(c);
    const actor = await actorAt(c, section.table_id, 'section.read', 'section');
    const { db } = c.var.deps;
    const versions = await listVersions(db, section.id);
    const deliberation = {
      rounds: await listRounds(db, section.id, versions.at(-1)?.number ?? null),
      escalations: await listEscalations(db, section.id, c.var.deps.clock.now()),
      rulings: await listRulings(db, section.id, section.table_id),
    };
    const events = await listSectionAudit(db, section.id);
    if (can(actor.role, 'consensus.readDeliberation')) {
      return c.json({ versions, ...deliberation, events } satisfies SectionHistory);
    }
    const openRounds = new Set(deliberation.rounds.filter((r) => r.closedAt === null).map((r) => r.id));
    const body: SectionHistory = { versions, ...outcomesOnly(deliberation), events: outcomeEvents(events, openRounds) };
    return c.json(body);
  })
  .get('/:id/versions/:n', async (c) => {
    const section = await sectionAt(c);
    await actorAt(c, section.table_id, 'section.read', 'section');
    const version = await findVersion(c.var.deps.db, section.id, readParam(c, 'n', versionParam));
    if (!version) throw notFound('version');
    return c.json(version);
  })
  .get('/:id/diff', async (c) => {
    const section = await sectionAt(c);
    await actorAt(c, section.table_id, 'section.read', 'section');
    const query = readQuery(c, diffQuery);
    const from = await findVersion(c.var.deps.db, section.id, query.from);
    if (!from) throw notFound(`version ${query.from}`);
    let toText: string;
    if (query.to === 'current') {
      const [row] = await c.var.deps.db.query<{ content_text: string }>(
        'select content_text from sections where id = $1',
        [section.id],
      );
      toText = row!.content_text;
    } else {
      const to = await findVersion(c.var.deps.db, section.id, query.to);
      if (!to) throw notFound(`version ${query.to}`);
      toText = to.text;
    }
    const body: VersionDiff = { from: query.from, to: query.to, parts: diffTexts(from.text, toText) };
    return c.json(body);
  });

async function roundTable(c: Context<AppEnv>) {
  const roundId = readId(c, 'id', 'round');
  const [row] = await c.var.deps.db.query<{ section_id: string; table_id: string }>(
    'select r.section_id, s.table_id from rounds r join sections s on s.id = r.section_id where r.id = $1',
    [roundId],
  );
  if (!row) throw notFound('round');
  return { roundId, ...row };
}

export const roundRoutes = new Hono<AppEnv>()
  .post('/:id/positions', async (c) => {
    const round = await roundTable(c);
    const actor = await actorAt(c, round.table_id, 'position.state', 'round');
    const body = await readJson(c, positionBody);
    const effects: Effects = { mails: [] };
    await statePosition(c.var.deps.db, effects, actor, round.roundId, { kind: body.kind, text: body.text ?? '' });
    await syncLock(c, round.section_id);
    await deliver(c.var.deps, effects);
    return consensusReply(c, round.section_id, 201);
  })
  .post('/:id/withdraw', async (c) => {
    const round = await roundTable(c);
    const actor = await actorAt(c, round.table_id, null, 'round');
    if (!can(actor.role, 'round.open') && !can(actor.role, 'round.withdraw_any')) throw forbidden();
    const effects: Effects = { mails: [] };
    await withdrawRound(
      c.var.deps.db,
      effects,
      { ...actor, mayWithdrawAny: can(actor.role, 'round.withdraw_any') },
      round.roundId,
    );
    await syncLock(c, round.section_id);
    await deliver(c.var.deps, effects);
    return consensusReply(c, round.section_id);
  });

async function escalationAt(c: Context<AppEnv>) {
  const escalation = await findEscalation(c.var.deps.db, readId(c, 'id', 'escalation'));
  const actor = await actorAt(c, escalation.table_id, 'escalation.mediate', 'escalation');
  return { escalation, actor };
}

export const escalationRoutes = new Hono<AppEnv>()
  .post('/:id/steps', async (c) => {
    const { escalation, actor } = await escalationAt(c);
    const body = await readJson(c, stepBody);
    await addMediationStep(c.var.deps.db, actor, escalation.id, body);
    return consensusReply(c, escalation.section_id, 201);
  })
  .post('/:id/proposal', async (c) => {
    const { escalation, actor } = await escalationAt(c);
    const { text } = await readJson(c, proposalBody);
    await checkCanPropose(c.var.deps.db, escalation.id);
    const snapshot = await collab(c).replaceContent(sectionDocName(escalation.section_id), textToBlocks(text));
    const effects: Effects = { mails: [] };
    const opened = await proposeCompromise(c.var.deps.db, effects, actor, escalation.id, snapshot);
    await syncLock(c, escalation.section_id);
    await deliver(c.var.deps, effects);
    const body: OpenedRound = {
      round: { id: opened.round.id, deadline: opened.round.deadline.toISOString() },
      version: { number: opened.version.number },
    };
    return c.json(body, 201);
  })
  .post('/:id/referral', async (c) => {
    const { escalation, actor } = await escalationAt(c);
    const { report } = await readJson(c, referralBody);
    const effects: Effects = { mails: [] };
    await refer(c.var.deps.db, effects, actor, escalation.id, report);
    await deliver(c.var.deps, effects);
    return consensusReply(c, escalation.section_id);
  });

export const rulingRoutes = new Hono<AppEnv>().post('/:id/endorsements', async (c) => {
  const ruling = await findRuling(c.var.deps.db, readId(c, 'id', 'ruling'));
  const actor = await actorAt(c, ruling.table_id, 'ruling.endorse', 'ruling');
  const { carried, text, sectionId } = await endorseRuling(c.var.deps.db, actor, ruling.id);
  if (carried) {
    const effects: Effects = { mails: [] };
    const snapshot = await collab(c).replaceContent(sectionDocName(sectionId), textToBlocks(text));
    await makeRulingEffective(c.var.deps.db, effects, ruling.id, snapshot, { userId: actor.userId, now: actor.now });
    await syncLock(c, sectionId);
    await deliver(c.var.deps, effects);
  }
  return consensusReply(c, sectionId, 201);
});

export const tableEscalationRoutes = new Hono<AppEnv>().get('/:id/escalations', async (c) => {
  const access = await requireTableAction(c, 'escalation.mediate');
  const body: EscalationInbox = await escalationInbox(c.var.deps.db, access.tableId, c.var.deps.clock.now());
  return c.json(body);
});

export const notificationRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = requireUser(c);
    const rows = await c.var.deps.db.query<{
      id: number;
      kind: string;
      message: string;
      table_id: string | null;
      section_id: string | null;
      created_at: Date;
      read_at: Date | null;
    }>(
      `select id, kind, message, table_id, section_id, created_at, read_at from notifications
        where user_id = $1 order by id desc limit 50`,
      [user.id],
    );
    const [unread] = await c.var.deps.db.query<{ n: number }>(
      'select count(*)::integer as n from notifications where user_id = $1 and read_at is null',
      [user.id],
    );
    const body: NotificationsResponse = {
      unread: unread?.n ?? 0,
      notifications: rows.map((r) => ({
        id: Number(r.id),
        kind: r.kind,
        message: r.message,
        tableId: r.table_id,
        sectionId: r.section_id,
        createdAt: r.created_at.toISOString(),
        read: r.read_at !== null,
      })),
    };
    return c.json(body);
  })
  .post('/read', async (c) => {
    const user = requireUser(c);
    const body = await readJson(c, readBody);
    const now = c.var.deps.clock.now();
    if ('all' in body) {
      await c.var.deps.db.query('update notifications set read_at = $2 where user_id = $1 and read_at is null', [
        user.id,
        now,
      ]);
    } else {
      await c.var.deps.db.query(
        `update notifications set read_at = $2 where user_id = $1 and read_at is null
            and id in (${body.ids.map((_, i) => `$${i + 3}`).join(', ')})`,
        [user.id, now, ...body.ids],
      );
    }
    return c.json({ ok: true });
  });
