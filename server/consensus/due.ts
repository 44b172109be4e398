import type { AppDeps } from '../deps.ts';
import { applyEffects, type Effect } from '../effects.ts';
import { closeOverdueRound, makeRulingEffective, remindRound } from './commands.ts';
import { carriedRulingsPending, overdueRounds, roundsToRemind } from './queries.ts';

/**
 * The scheduler's work (run periodically, and by the dev clock): close rounds past their deadline,
 * remind the silent two working days before, and let a ruling take effect whose last endorsement was
 * recorded but not yet applied. Each is the same command a route would call; the effects of all of
 * them are carried out at the end.
 */
export async function runDueWork(deps: AppDeps): Promise<{ closed: number; reminded: number; ruled: number }> {
  const now = deps.clock.now();
  const effects: Effect[] = [];
  let closed = 0;
  let reminded = 0;
  let ruled = 0;
  for (const roundId of await overdueRounds(deps.db, now)) {
    const outcome = await closeOverdueRound(deps, roundId, now);
    effects.push(...outcome.effects);
    if (outcome.closed) closed++;
  }
  // After the closing: a round that just closed needs no reminder.
  for (const roundId of await roundsToRemind(deps.db, now)) {
    const outcome = await remindRound(deps, roundId, now);
    effects.push(...outcome.effects);
    if (outcome.reminded) reminded++;
  }
  // Taking effect replaces the section's live document: only where the co-editing rooms run.
  if (deps.collab) {
    for (const ruling of await carriedRulingsPending(deps.db)) {
      const outcome = await makeRulingEffective(deps, ruling.id, { userId: ruling.draftedBy, now });
      effects.push(...outcome.effects);
      if (outcome.done) ruled++;
    }
  }
  await applyEffects(deps, effects);
  return { closed, reminded, ruled };
}
