import type { AppDeps } from '../deps.ts';
import { sendMail } from '../mail/send.ts';
import { isSectionLocked } from '../collab/authorize.ts';
import { textToBlocks } from '../collab/render.ts';
import type { Effects } from './context.ts';
import { runDueRounds } from './rounds.ts';
import { carriedRulingsPending, makeRulingEffective } from './rulings.ts';

/** Sends what a command left for after its commit; a failing mail never undoes the action. */
export async function deliver(deps: AppDeps, effects: Effects): Promise<void> {
  for (const mail of effects.mails) {
    try {
      await sendMail(deps, mail);
    } catch (error) {
      deps.log?.('error', 'notification mail failed', { to: mail.to, error: String(error) });
    }
  }
}

/**
 * The scheduler's work: close rounds past their deadline, send reminders two working days before,
 * and let a ruling take effect whose last endorsement was recorded but not yet applied.
 */
export async function runDueWork(deps: AppDeps): Promise<{ closed: number; reminded: number; ruled: number }> {
  const effects: Effects = { mails: [] };
  const now = deps.clock.now();
  const { closedSections, reminded } = await runDueRounds(deps.db, effects, now);
  const ruledSections: string[] = [];
  if (deps.collab) {
    for (const ruling of await carriedRulingsPending(deps.db)) {
      const snapshot = await deps.collab.replaceContent(`section:${ruling.section_id}`, textToBlocks(ruling.text));
      if (await makeRulingEffective(deps.db, effects, ruling.id, snapshot, { userId: ruling.drafted_by, now })) {
        ruledSections.push(ruling.section_id);
      }
    }
    // The rooms of the sections that changed state follow their lock in the database.
    for (const id of [...closedSections, ...ruledSections]) {
      await deps.collab.setLocked(`section:${id}`, await isSectionLocked(deps.db, `section:${id}`));
    }
  }
  await deliver(deps, effects);
  return { closed: closedSections.length, reminded, ruled: ruledSections.length };
}
