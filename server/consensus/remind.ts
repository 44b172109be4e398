import { z } from 'zod';
import { replySchema, timestamp } from '../../shared/api-schemas/registry.ts';
import { audit } from '../audit/audit.ts';
import type { Effect } from '../effects.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { DELEGATES, notify, recipients } from '../notifications/commands.ts';
import type { ConsensusDeps } from './commands.ts';
import { lockRound } from './rounds.ts';
import { memberOrganizations, type ConsensusActor } from './state.ts';

/**
 * "Herinner nu": the round's opener or the chair reminds the organizations that have not responded yet,
 * at most once a day per round. The audit log is the memory of when it last happened (`round.reminded`),
 * so the automatic deadline reminder (rounds.ts, `rounds.reminded_at`) keeps its own once-per-round rule.
 */

/** POST /api/rounds/:id/remind: how many organizations were reminded, and when. */
export interface RoundReminded {
  notified: number;
  remindedAt: string;
}

export const roundRemindedSchema = replySchema<RoundReminded>()(
  'RoundReminded',
  z.object({ notified: z.int().min(0), remindedAt: timestamp }),
);

/** Once a day: a reminder every hour would teach people to ignore them. */
export const REMIND_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** The reason in a 409's details, for the client to word ("vandaag al herinnerd"), with when it may again. */
export const REMINDED_RECENTLY = 'reminded_recently';

export async function remindNow(
  deps: ConsensusDeps,
  actor: ConsensusActor,
  roundId: string,
): Promise<{ reminded: RoundReminded; effects: Effect[] }> {
  return deps.db.transaction(async (tx) => {
    const effects: Effect[] = [];
    // Locked: two clicks at once cannot both pass the once-a-day check.
    const round = await lockRound(tx, roundId);
    if (round.table_id !== actor.tableId) throw notFound('round');
    if (actor.role !== 'chair' && round.opened_by !== actor.userId) {
      throw forbidden('only whoever opened the round, or the chair, can send a reminder');
    }
    if (round.closed_at) throw conflict('this round has already closed');
    const [last] = await tx.query<{ occurred_at: Date }>(
      `select occurred_at from audit_events
        where kind = 'round.reminded' and subject_type = 'round' and subject_id = $1
        order by occurred_at desc limit 1`,
      [round.id],
    );
    if (last && actor.now.getTime() - new Date(last.occurred_at).getTime() < REMIND_INTERVAL_MS) {
      const nextAt = new Date(new Date(last.occurred_at).getTime() + REMIND_INTERVAL_MS);
      throw conflict('a reminder for this round was sent less than 24 hours ago', {
        reason: REMINDED_RECENTLY,
        nextAt: nextAt.toISOString(),
      });
    }
    const responded = await tx.query<{ organization_id: string }>(
      'select organization_id from positions where round_id = $1 and superseded_at is null',
      [round.id],
    );
    const silent = (await memberOrganizations(tx, round.table_id))
      .map((o) => o.id)
      .filter((id) => !responded.some((r) => r.organization_id === id));
    if (silent.length > 0) {
      await notify(tx, effects, await recipients(tx, round.table_id, DELEGATES, silent), {
        tableId: round.table_id,
        target: { sectionId: round.section_id },
        notice: { kind: 'round_reminder', section: round.title, deadline: round.deadline },
        now: actor.now,
      });
    }
    await audit(
      tx,
      actor,
      'round.reminded',
      { type: 'round', id: round.id },
      { title: round.title, version: round.version_number, organizations: silent },
    );
    return { reminded: { notified: silent.length, remindedAt: actor.now.toISOString() }, effects };
  });
}
