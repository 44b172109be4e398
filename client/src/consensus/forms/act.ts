import type { OpenedRound, SectionConsensus } from '../../../../shared/api.ts';

/**
 * Runs one consensus action: the panel keeps it busy, shows its error or success and reloads what
 * changed. Resolves true on success so that a form can clear itself.
 */
export type Act = <T extends SectionConsensus | OpenedRound>(
  work: () => Promise<T>,
  success: string | ((result: T) => string),
) => Promise<boolean>;

/** What every consensus form gets from the panel. */
export interface ActionProps {
  consensus: SectionConsensus;
  act: Act;
  busy: boolean;
}
