import { Select, SelectOption } from '@utrecht/component-library-react';
import type { PlanView } from '../../../shared/api.ts';
import { Field } from '../components/Field.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The table's plans in the switcher's order: the current one first (a live plan whose period holds this
 * year, else the newest live plan), then the other live plans, newest first, then the archived ones,
 * which stay readable as they were.
 */
export function orderPlans<P extends PlanView>(plans: readonly P[], year: number): P[] {
  const newestFirst = (a: P, b: P) => b.createdAt.localeCompare(a.createdAt);
  const live = plans.filter((plan) => !plan.archived).sort(newestFirst);
  const archived = plans.filter((plan) => plan.archived).sort(newestFirst);
  const current = live.find((plan) => plan.periodStart <= year && year <= plan.periodEnd) ?? live[0];
  return [...(current ? [current] : []), ...live.filter((plan) => plan !== current), ...archived];
}

interface Props {
  plans: readonly PlanView[];
  selected: string;
  onSelect(planId: string): void;
}

/** Which of the table's plans the plan tab shows; only there when the table has more than one. */
export function PlanSwitcher({ plans, selected, onSelect }: Props) {
  const { t } = useI18n();
  if (plans.length < 2) return null;
  return (
    <Field id="plan-switcher" label={t('plan.switcher')} hint={t('plan.switcherHint')}>
      <Select value={selected} onChange={(e) => onSelect(e.target.value)} data-testid="plan-switcher">
        {plans.map((plan) => (
          <SelectOption key={plan.id} value={plan.id}>
            {t(plan.archived ? 'plan.optionArchived' : 'plan.option', {
              title: plan.title,
              start: plan.periodStart,
              end: plan.periodEnd,
            })}
          </SelectOption>
        ))}
      </Select>
    </Field>
  );
}
