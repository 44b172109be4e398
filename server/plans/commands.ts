import { PLAN_TEMPLATES, type PlanTemplate } from '../../shared/plan-templates.ts';
import { isConsensusUnderWay, type SectionState } from '../../shared/consensus.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Db, Queryable, Transaction } from '../db/db.ts';
import type { Effect } from '../effects.ts';
import { ApiError, invalid, notFound, stateConflict } from '../http/errors.ts';
import { sectionLock } from '../sections/queries.ts';

/**
 * Named business actions on a table's plans and their sections. Each owns its transaction and
 * writes its audit event inside it; archiving and restoring return the locks the sections' rooms
 * must follow after the commit (effects).
 */

async function lockedPlan(tx: Queryable, actor: Actor, planId: string) {
  const rows = await tx.query<{ id: string; title: string; archived_at: Date | null }>(
    'select id, title, archived_at from plans where id = $1 and table_id = $2 for update',
    [planId, actor.tableId],
  );
  const plan = rows[0];
  if (!plan) throw notFound('plan');
  return plan;
}

async function lockedSection(tx: Queryable, actor: Actor, sectionId: string) {
  const rows = await tx.query<{
    id: string;
    plan_id: string;
    title: string;
    state: SectionState;
    archived_at: Date | null;
  }>('select id, plan_id, title, state, archived_at from sections where id = $1 and table_id = $2 for update', [
    sectionId,
    actor.tableId,
  ]);
  const section = rows[0];
  if (!section) throw notFound('section');
  return section;
}

/**
 * A plan with a section whose consensus is under way stays until that ends: the same rule as for
 * archiving one section, refused with 409 and the sections concerned with their states. The sections
 * are locked, so no round can open between this check and the archiving.
 */
async function checkNoConsensusUnderWay(tx: Queryable, planId: string): Promise<void> {
  const sections = await tx.query<{ id: string; title: string; state: SectionState }>(
    'select id, title, state from sections where plan_id = $1 order by position for update',
    [planId],
  );
  const busy = sections.filter((s) => isConsensusUnderWay(s.state));
  if (busy.length === 0) return;
  throw new ApiError(
    409,
    'conflict',
    `archiving the plan is not possible while consensus is under way on ${busy.map((s) => `"${s.title}" (${s.state})`).join(', ')}`,
    { sections: busy.map((s) => ({ id: s.id, title: s.title, state: s.state })) },
  );
}

/** Drafting organizations must be member organizations of the table. */
async function checkDrafters(tx: Queryable, actor: Actor, drafterIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(drafterIds)];
  if (unique.length === 0) return [];
  const rows = await tx.query<{ organization_id: string; name: string }>(
    `select m.organization_id, o.name from table_members m join organizations o on o.id = m.organization_id
      where m.table_id = $1 and m.organization_id in (${unique.map((_, i) => `$${i + 2}`).join(', ')})`,
    [actor.tableId, ...unique],
  );
  const members = new Set(rows.map((r) => r.organization_id));
  const stranger = unique.find((id) => !members.has(id));
  if (stranger) throw invalid('drafterIds', `organization ${stranger} is not a member of this table`, 'not_a_member');
  return rows.map((r) => r.name).sort();
}

async function setDrafters(tx: Transaction, sectionId: string, drafterIds: readonly string[]): Promise<void> {
  await tx.query('delete from section_drafters where section_id = $1', [sectionId]);
  for (const id of new Set(drafterIds)) {
    await tx.query('insert into section_drafters (section_id, organization_id) values ($1, $2)', [sectionId, id]);
  }
}

async function nextPosition(tx: Queryable, planId: string): Promise<number> {
  const rows = await tx.query<{ next: number }>(
    'select coalesce(max(position) + 1, 0)::integer as next from sections where plan_id = $1',
    [planId],
  );
  return rows[0]?.next ?? 0;
}

async function insertSection(tx: Transaction, actor: Actor, planId: string, title: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into sections (plan_id, table_id, title, position, created_at) values ($1, $2, $3, $4, $5) returning id`,
    [planId, actor.tableId, title, await nextPosition(tx, planId), actor.now],
  );
  return row!.id;
}

export async function createPlan(
  db: Db,
  actor: Actor,
  input: { title: string; periodStart: number; periodEnd: number; template: string },
): Promise<string> {
  const titles = PLAN_TEMPLATES[input.template as PlanTemplate];
  if (!titles) throw invalid('template', `unknown template ${input.template}`, 'unknown_template');
  return db.transaction(async (tx) => {
    const [plan] = await tx.query<{ id: string }>(
      `insert into plans (table_id, title, period_start, period_end, created_at) values ($1, $2, $3, $4, $5) returning id`,
      [actor.tableId, input.title, input.periodStart, input.periodEnd, actor.now],
    );
    for (const title of titles) await insertSection(tx, actor, plan!.id, title);
    await audit(
      tx,
      actor,
      'plan.created',
      { type: 'plan', id: plan!.id },
      {
        title: input.title,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        template: input.template,
      },
    );
    return plan!.id;
  });
}

export async function updatePlan(
  db: Db,
  actor: Actor,
  planId: string,
  input: {
    title?: string | undefined;
    periodStart?: number | undefined;
    periodEnd?: number | undefined;
    archived?: boolean | undefined;
  },
): Promise<{ effects: Effect[] }> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ title: string; period_start: number; period_end: number; archived_at: Date | null }>(
      'select title, period_start, period_end, archived_at from plans where id = $1 and table_id = $2 for update',
      [planId, actor.tableId],
    );
    const plan = rows[0];
    if (!plan) throw notFound('plan');
    const next = {
      title: input.title ?? plan.title,
      periodStart: input.periodStart ?? plan.period_start,
      periodEnd: input.periodEnd ?? plan.period_end,
      archived: input.archived ?? plan.archived_at !== null,
    };
    if (next.periodEnd < next.periodStart)
      throw invalid('periodEnd', 'the period cannot end before it starts', 'end_before_start');
    const archivedChanged = next.archived !== (plan.archived_at !== null);
    if (archivedChanged && next.archived) await checkNoConsensusUnderWay(tx, planId);
    await tx.query(
      `update plans set title = $2, period_start = $3, period_end = $4,
              archived_at = case when $5 then coalesce(archived_at, $6) else null end
        where id = $1`,
      [planId, next.title, next.periodStart, next.periodEnd, next.archived, actor.now],
    );
    await audit(
      tx,
      actor,
      archivedChanged ? (next.archived ? 'plan.archived' : 'plan.restored') : 'plan.updated',
      { type: 'plan', id: planId },
      {
        before: { title: plan.title, periodStart: plan.period_start, periodEnd: plan.period_end },
        after: { title: next.title, periodStart: next.periodStart, periodEnd: next.periodEnd },
      },
    );
    if (!archivedChanged) return { effects: [] };
    // The plan's sections are history now (or live again): their rooms follow.
    const sections = await tx.query<{ id: string }>('select id from sections where plan_id = $1', [planId]);
    const effects: Effect[] = [];
    for (const section of sections) effects.push(await sectionLock(tx, section.id));
    return { effects };
  });
}

export async function createSection(
  db: Db,
  actor: Actor,
  planId: string,
  input: { title: string; drafterIds?: readonly string[] | undefined },
): Promise<string> {
  return db.transaction(async (tx) => {
    const plan = await lockedPlan(tx, actor, planId);
    if (plan.archived_at) throw invalid('planId', 'this plan is archived', 'plan_archived');
    const drafters = await checkDrafters(tx, actor, input.drafterIds ?? []);
    const id = await insertSection(tx, actor, planId, input.title);
    await setDrafters(tx, id, input.drafterIds ?? []);
    await audit(
      tx,
      actor,
      'section.created',
      { type: 'section', id },
      { title: input.title, planTitle: plan.title, drafters },
    );
    return id;
  });
}

export async function updateSection(
  db: Db,
  actor: Actor,
  sectionId: string,
  input: { title?: string | undefined; drafterIds?: readonly string[] | undefined; archived?: boolean | undefined },
): Promise<{ effects: Effect[] }> {
  return db.transaction(async (tx) => {
    const section = await lockedSection(tx, actor, sectionId);
    const record = (kind: string, data: Record<string, unknown>) =>
      audit(tx, actor, kind, { type: 'section', id: sectionId }, { title: input.title ?? section.title, ...data });
    if (input.title !== undefined && input.title !== section.title) {
      await tx.query('update sections set title = $2 where id = $1', [sectionId, input.title]);
      await record('section.renamed', { from: section.title, to: input.title });
    }
    if (input.drafterIds !== undefined) {
      const drafters = await checkDrafters(tx, actor, input.drafterIds);
      await setDrafters(tx, sectionId, input.drafterIds);
      await record('section.drafters_set', { drafters });
    }
    const archivedChanged = input.archived !== undefined && input.archived !== (section.archived_at !== null);
    // A section whose consensus is under way (a round, an escalation, a referral) stays until that ends.
    if (archivedChanged && input.archived && isConsensusUnderWay(section.state)) {
      throw stateConflict(section, 'archiving');
    }
    if (archivedChanged && input.archived) {
      await tx.query('update sections set archived_at = $2 where id = $1', [sectionId, actor.now]);
      await record('section.archived', {});
    } else if (archivedChanged) {
      // A restored section goes to the end of its plan.
      await tx.query('update sections set archived_at = null, position = $2 where id = $1', [
        sectionId,
        await nextPosition(tx, section.plan_id),
      ]);
      await record('section.restored', {});
    }
    return { effects: archivedChanged ? [await sectionLock(tx, sectionId)] : [] };
  });
}

/** Puts the plan's live sections in the given order; archived ones keep their relative order after them. */
export async function reorderSections(
  db: Db,
  actor: Actor,
  planId: string,
  sectionIds: readonly string[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockedPlan(tx, actor, planId);
    const rows = await tx.query<{ id: string; archived: boolean }>(
      'select id, archived_at is not null as archived from sections where plan_id = $1 order by position',
      [planId],
    );
    const live = rows.filter((r) => !r.archived).map((r) => r.id);
    const given = new Set(sectionIds);
    if (given.size !== sectionIds.length || live.length !== sectionIds.length || live.some((id) => !given.has(id))) {
      throw invalid('sectionIds', 'give every live section of this plan exactly once', 'order_mismatch');
    }
    const order = [...sectionIds, ...rows.filter((r) => r.archived).map((r) => r.id)];
    for (const [position, id] of order.entries()) {
      await tx.query('update sections set position = $2 where id = $1', [id, position]);
    }
    await audit(tx, actor, 'plan.sections_reordered', { type: 'plan', id: planId }, { sectionIds });
  });
}

/** Replaces the goals a section serves; records what was added and removed (nothing when unchanged). */
export async function setSectionGoals(
  db: Db,
  actor: Actor,
  sectionId: string,
  goalIds: readonly string[],
): Promise<void> {
  await db.transaction(async (tx) => {
    const section = await lockedSection(tx, actor, sectionId);
    const unique = [...new Set(goalIds)];
    const goals = unique.length
      ? await tx.query<{ id: string; title: string }>(
          `select id, title from goals where table_id = $1 and id in (${unique.map((_, i) => `$${i + 2}`).join(', ')})`,
          [actor.tableId, ...unique],
        )
      : [];
    const unknown = unique.find((id) => !goals.some((g) => g.id === id));
    if (unknown) throw invalid('goalIds', `goal ${unknown} is not a goal of this table`, 'unknown_goal');
    const current = await tx.query<{ goal_id: string; title: string }>(
      'select sg.goal_id, g.title from section_goals sg join goals g on g.id = sg.goal_id where sg.section_id = $1',
      [sectionId],
    );
    const added = goals.filter((g) => !current.some((c) => c.goal_id === g.id));
    const removed = current.filter((c) => !unique.includes(c.goal_id));
    if (added.length === 0 && removed.length === 0) return;
    for (const goal of removed) {
      await tx.query('delete from section_goals where section_id = $1 and goal_id = $2', [sectionId, goal.goal_id]);
      // The history of links (migration 0008) lets a report show the coverage matrix as of its period's end.
      await tx.query(
        `update section_goal_history set unlinked_at = $3
          where section_id = $1 and goal_id = $2 and unlinked_at is null`,
        [sectionId, goal.goal_id, actor.now],
      );
    }
    for (const goal of added) {
      await tx.query('insert into section_goals (section_id, goal_id) values ($1, $2)', [sectionId, goal.id]);
      await tx.query('insert into section_goal_history (section_id, goal_id, linked_at) values ($1, $2, $3)', [
        sectionId,
        goal.id,
        actor.now,
      ]);
    }
    await audit(
      tx,
      actor,
      'section.goals_linked',
      { type: 'section', id: sectionId },
      { title: section.title, added: added.map((g) => g.title), removed: removed.map((g) => g.title) },
    );
  });
}
