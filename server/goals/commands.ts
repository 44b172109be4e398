import { audit, type Actor } from '../audit/audit.ts';
import type { Db, Queryable, SqlParam, Transaction } from '../db/db.ts';
import { conflict, invalid, notFound } from '../http/errors.ts';

/**
 * Named business actions on a table's principles and goals (KPIs: kpi-commands.ts). Each owns its
 * transaction and writes its audit event inside it.
 */

async function nextPosition(tx: Queryable, table: 'principles' | 'goals', tableId: string): Promise<number> {
  const rows = await tx.query<{ next: number }>(
    `select coalesce(max(position) + 1, 0)::integer as next from ${table} where table_id = $1`,
    [tableId],
  );
  return rows[0]?.next ?? 0;
}

export async function row<T extends Record<string, unknown>>(
  tx: Queryable,
  sql: string,
  params: readonly SqlParam[],
  what: string,
): Promise<T> {
  const rows = await tx.query<T>(sql, params);
  if (!rows[0]) throw notFound(what);
  return rows[0];
}

// --- principles ---------------------------------------------------------------------------------

export async function createPrinciple(
  db: Db,
  actor: Actor,
  input: { title: string; description?: string | undefined },
) {
  return db.transaction(async (tx) => {
    const [created] = await tx.query<{ id: string }>(
      `insert into principles (table_id, position, title, description, created_at) values ($1, $2, $3, $4, $5)
       returning id`,
      [
        actor.tableId,
        await nextPosition(tx, 'principles', actor.tableId),
        input.title,
        input.description ?? '',
        actor.now,
      ],
    );
    await audit(tx, actor, 'principle.created', { type: 'principle', id: created!.id }, { title: input.title });
    return created!.id;
  });
}

export async function updatePrinciple(
  db: Db,
  actor: Actor,
  id: string,
  input: { title?: string | undefined; description?: string | undefined },
) {
  await db.transaction(async (tx) => {
    const before = await row<{ title: string; description: string }>(
      tx,
      'select title, description from principles where id = $1 and table_id = $2 for update',
      [id, actor.tableId],
      'principle',
    );
    const after = { title: input.title ?? before.title, description: input.description ?? before.description };
    await tx.query('update principles set title = $2, description = $3 where id = $1', [
      id,
      after.title,
      after.description,
    ]);
    await audit(tx, actor, 'principle.updated', { type: 'principle', id }, { before, after });
  });
}

export async function deletePrinciple(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const before = await row<{ title: string }>(
      tx,
      'select title from principles where id = $1 and table_id = $2 for update',
      [id, actor.tableId],
      'principle',
    );
    // Goals that served it simply no longer list it; the audit event keeps the record.
    await tx.query('delete from principles where id = $1', [id]);
    await audit(tx, actor, 'principle.deleted', { type: 'principle', id }, { title: before.title });
  });
}

// --- goals --------------------------------------------------------------------------------------

async function setGoalPrinciples(tx: Transaction, actor: Actor, goalId: string, principleIds: readonly string[]) {
  const unique = [...new Set(principleIds)];
  if (unique.length > 0) {
    const found = await tx.query<{ id: string }>(
      `select id from principles where table_id = $1 and id in (${unique.map((_, i) => `$${i + 2}`).join(', ')})`,
      [actor.tableId, ...unique],
    );
    const missing = unique.find((id) => !found.some((p) => p.id === id));
    if (missing)
      throw invalid('principleIds', `principle ${missing} is not a principle of this table`, 'unknown_principle');
  }
  await tx.query('delete from goal_principles where goal_id = $1', [goalId]);
  for (const id of unique) {
    await tx.query('insert into goal_principles (goal_id, principle_id) values ($1, $2)', [goalId, id]);
  }
}

interface GoalInput {
  title?: string | undefined;
  description?: string | undefined;
  nationalGoal?: string | null | undefined;
  principleIds?: readonly string[] | undefined;
}

export async function createGoal(db: Db, actor: Actor, input: GoalInput & { title: string }) {
  return db.transaction(async (tx) => {
    const [created] = await tx.query<{ id: string }>(
      `insert into goals (table_id, position, title, description, national_goal, created_at)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [
        actor.tableId,
        await nextPosition(tx, 'goals', actor.tableId),
        input.title,
        input.description ?? '',
        input.nationalGoal ?? null,
        actor.now,
      ],
    );
    await setGoalPrinciples(tx, actor, created!.id, input.principleIds ?? []);
    await audit(
      tx,
      actor,
      'goal.created',
      { type: 'goal', id: created!.id },
      {
        title: input.title,
        nationalGoal: input.nationalGoal ?? null,
      },
    );
    return created!.id;
  });
}

export async function updateGoal(db: Db, actor: Actor, id: string, input: GoalInput) {
  await db.transaction(async (tx) => {
    const before = await row<{ title: string; description: string; national_goal: string | null }>(
      tx,
      'select title, description, national_goal from goals where id = $1 and table_id = $2 for update',
      [id, actor.tableId],
      'goal',
    );
    const after = {
      title: input.title ?? before.title,
      description: input.description ?? before.description,
      national_goal: input.nationalGoal === undefined ? before.national_goal : input.nationalGoal,
    };
    await tx.query('update goals set title = $2, description = $3, national_goal = $4 where id = $1', [
      id,
      after.title,
      after.description,
      after.national_goal,
    ]);
    if (input.principleIds) await setGoalPrinciples(tx, actor, id, input.principleIds);
    await audit(
      tx,
      actor,
      'goal.updated',
      { type: 'goal', id },
      {
        before,
        after,
        ...(input.principleIds ? { principleIds: input.principleIds } : {}),
      },
    );
  });
}

export async function deleteGoal(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const goal = await row<{ title: string }>(
      tx,
      'select title from goals where id = $1 and table_id = $2 for update',
      [id, actor.tableId],
      'goal',
    );
    const [uses] = await tx.query<{ kpis: number; sections: number }>(
      `select (select count(*) from kpis where goal_id = $1)::integer as kpis,
              (select count(*) from section_goals where goal_id = $1)::integer as sections`,
      [id],
    );
    if (uses!.kpis > 0 || uses!.sections > 0) {
      throw conflict(`${goal.title} still has KPIs or sections that serve it; remove those first`, uses);
    }
    await tx.query('delete from goals where id = $1', [id]);
    await audit(tx, actor, 'goal.deleted', { type: 'goal', id }, { title: goal.title });
  });
}
