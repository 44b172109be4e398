import type { NationalGoal } from '../../../shared/goals.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The national transformation goal (Jeugdwet, A-E) a regional goal serves. */
export function NationalGoalTag({ goal }: { goal: NationalGoal | null }) {
  const { t } = useI18n();
  if (!goal) return null;
  return (
    <span className="tw-badge tw-badge-national" data-testid="national-goal">
      {t('goal.national', { letter: goal, name: t(`nationalGoal.${goal}`) })}
    </span>
  );
}
