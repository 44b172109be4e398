import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react/css-module';
import { useState, type FormEvent } from 'react';
import type { GoalView } from '../../../shared/api.ts';
import { KPI_DIRECTIONS, KPI_UNITS, type KpiDirection, type KpiUnit } from '../../../shared/goals.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { useAction } from '../components/useAction.ts';
import { YearField } from '../components/YearField.tsx';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  tableId: string;
  goals: GoalView[];
  planPeriod: { start: number; end: number } | null;
  onAdded(): void;
}

const toNumber = (text: string) => Number(text.trim().replace(',', '.'));

/** A new KPI for a goal: indicator, unit, direction, baseline and a target per year of the plan period. */
export function KpiForm({ tableId, goals, planPeriod, onAdded }: Props) {
  const { t } = useI18n();
  const [goalId, setGoalId] = useState('');
  const [indicator, setIndicator] = useState('');
  const [unit, setUnit] = useState<KpiUnit>('percent');
  const [direction, setDirection] = useState<KpiDirection>('lower_is_better');
  const [baselineYear, setBaselineYear] = useState(String((planPeriod?.start ?? 2023) - 1));
  const [baselineValue, setBaselineValue] = useState('');
  const [targets, setTargets] = useState<Record<number, string>>({});
  const { run, error, status, busy } = useAction();
  const years = planPeriod
    ? Array.from({ length: planPeriod.end - planPeriod.start + 1 }, (_, i) => planPeriod.start + i)
    : [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await run(
      () =>
        endpoints.addKpi(tableId, goalId, {
          indicator,
          unit,
          direction,
          baseline: { year: Number(baselineYear), value: toNumber(baselineValue) },
          targets: years
            .filter((year) => (targets[year] ?? '').trim() !== '')
            .map((year) => ({ year, value: toNumber(targets[year] ?? '') })),
        }),
      t('goals.kpi.added', { indicator }),
    );
    if (ok) {
      setIndicator('');
      setBaselineValue('');
      setTargets({});
      onAdded();
    }
  }

  if (goals.length === 0) return null;
  return (
    <form className="tw-panel" onSubmit={submit} data-testid="kpi-form">
      <Heading level={3}>{t('goals.kpi.add')}</Heading>
      <ErrorAlert error={error} />
      <FormField>
        <FormLabel htmlFor="kpi-goal">{t('goals.kpi.goal')}</FormLabel>
        <Select id="kpi-goal" required value={goalId} onChange={(e) => setGoalId(e.target.value)}>
          <SelectOption value="">{t('goals.kpi.chooseGoal')}</SelectOption>
          {goals.map((goal) => (
            <SelectOption key={goal.id} value={goal.id}>
              {goal.title}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <FormField>
        <FormLabel htmlFor="kpi-indicator">{t('kpi.indicator')}</FormLabel>
        <Textbox id="kpi-indicator" required value={indicator} onChange={(e) => setIndicator(e.target.value)} />
      </FormField>
      <div className="tw-inline-fields">
        <FormField>
          <FormLabel htmlFor="kpi-unit">{t('kpi.unit')}</FormLabel>
          <Select id="kpi-unit" value={unit} onChange={(e) => setUnit(e.target.value as KpiUnit)}>
            {KPI_UNITS.map((u) => (
              <SelectOption key={u} value={u}>
                {t(`kpi.unit.${u}`)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField>
          <FormLabel htmlFor="kpi-direction">{t('kpi.direction')}</FormLabel>
          <Select id="kpi-direction" value={direction} onChange={(e) => setDirection(e.target.value as KpiDirection)}>
            {KPI_DIRECTIONS.map((d) => (
              <SelectOption key={d} value={d}>
                {t(`kpi.direction.${d}`)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      </div>
      <div className="tw-inline-fields">
        <YearField
          id="kpi-baseline-year"
          label={t('goals.kpi.baselineYear')}
          value={baselineYear}
          onChange={setBaselineYear}
        />
        <FormField>
          <FormLabel htmlFor="kpi-baseline-value">{t('goals.kpi.baselineValue')}</FormLabel>
          <Textbox
            id="kpi-baseline-value"
            required
            inputMode="decimal"
            value={baselineValue}
            onChange={(e) => setBaselineValue(e.target.value)}
          />
        </FormField>
      </div>
      <Fieldset>
        <FieldsetLegend>{t('kpi.targets')}</FieldsetLegend>
        {planPeriod ? (
          <>
            <FormFieldDescription>
              {t('goals.kpi.targetsHelp', { start: planPeriod.start, end: planPeriod.end })}
            </FormFieldDescription>
            <div className="tw-inline-fields">
              {years.map((year) => (
                <FormField key={year}>
                  <FormLabel htmlFor={`kpi-target-${year}`}>{year}</FormLabel>
                  <Textbox
                    id={`kpi-target-${year}`}
                    inputMode="decimal"
                    className="tw-short"
                    value={targets[year] ?? ''}
                    onChange={(e) => setTargets({ ...targets, [year]: e.target.value })}
                  />
                </FormField>
              ))}
            </div>
          </>
        ) : (
          <Paragraph>{t('goals.kpi.noPlanPeriod')}</Paragraph>
        )}
      </Fieldset>
      <Button type="submit" appearance="secondary-action-button" disabled={busy || !goalId}>
        {t('goals.kpi.submit')}
      </Button>
      <StatusMessage text={status} />
    </form>
  );
}
