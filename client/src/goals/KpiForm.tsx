import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldDescription,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { GoalView } from '../../../shared/api.ts';
import { KPI_DIRECTIONS, KPI_UNITS, type KpiDirection, type KpiUnit } from '../../../shared/goals.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { fieldError } from '../components/fieldErrors.ts';
import { useAction } from '../components/useAction.ts';
import { YearField } from '../components/YearField.tsx';
import { useDisabledReason } from '../components/DisabledReason.tsx';
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
  // The years of the targets sent, in order: the server names a target by its place (targets.2.value).
  const [sentYears, setSentYears] = useState<number[]>([]);
  const { run, error, status, busy } = useAction();
  const why = useDisabledReason(busy || goalId ? null : t('goals.kpi.whyGoal'));
  const targetError = (year: number) =>
    sentYears.includes(year) ? fieldError(t, error, `targets.${sentYears.indexOf(year)}`) : undefined;
  const years = planPeriod
    ? Array.from({ length: planPeriod.end - planPeriod.start + 1 }, (_, i) => planPeriod.start + i)
    : [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const filled = years.filter((year) => (targets[year] ?? '').trim() !== '');
    setSentYears(filled);
    const ok = await run(
      () =>
        endpoints.addKpi(tableId, goalId, {
          indicator,
          unit,
          direction,
          baseline: { year: Number(baselineYear), value: toNumber(baselineValue) },
          targets: filled.map((year) => ({ year, value: toNumber(targets[year] ?? '') })),
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
    <form className="tw-panel" onSubmit={submit} noValidate data-testid="kpi-form">
      <Heading level={3}>{t('goals.kpi.add')}</Heading>
      <ErrorAlert
        error={error}
        inline={[
          'indicator',
          'unit',
          'direction',
          'baseline.year',
          'baseline.value',
          ...sentYears.map((_, i) => `targets.${i}`),
        ]}
      />
      <Field id="kpi-goal" label={t('goals.kpi.goal')}>
        <Select required value={goalId} onChange={(e) => setGoalId(e.target.value)}>
          <SelectOption value="">{t('goals.kpi.chooseGoal')}</SelectOption>
          {goals.map((goal) => (
            <SelectOption key={goal.id} value={goal.id}>
              {goal.title}
            </SelectOption>
          ))}
        </Select>
      </Field>
      <Field id="kpi-indicator" label={t('kpi.indicator')} error={fieldError(t, error, 'indicator')}>
        <Textbox required value={indicator} onChange={(e) => setIndicator(e.target.value)} />
      </Field>
      <div className="tw-inline-fields">
        <Field id="kpi-unit" label={t('kpi.unit')} error={fieldError(t, error, 'unit')}>
          <Select value={unit} onChange={(e) => setUnit(e.target.value as KpiUnit)}>
            {KPI_UNITS.map((u) => (
              <SelectOption key={u} value={u}>
                {t(`kpi.unit.${u}`)}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <Field id="kpi-direction" label={t('kpi.direction')} error={fieldError(t, error, 'direction')}>
          <Select value={direction} onChange={(e) => setDirection(e.target.value as KpiDirection)}>
            {KPI_DIRECTIONS.map((d) => (
              <SelectOption key={d} value={d}>
                {t(`kpi.direction.${d}`)}
              </SelectOption>
            ))}
          </Select>
        </Field>
      </div>
      <div className="tw-inline-fields">
        <YearField
          id="kpi-baseline-year"
          label={t('goals.kpi.baselineYear')}
          value={baselineYear}
          onChange={setBaselineYear}
          error={fieldError(t, error, 'baseline.year')}
        />
        <Field
          id="kpi-baseline-value"
          label={t('goals.kpi.baselineValue')}
          error={fieldError(t, error, 'baseline.value')}
        >
          <Textbox
            required
            inputMode="decimal"
            value={baselineValue}
            onChange={(e) => setBaselineValue(e.target.value)}
          />
        </Field>
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
                <Field key={year} id={`kpi-target-${year}`} label={year} error={targetError(year)}>
                  <Textbox
                    inputMode="decimal"
                    className="tw-short"
                    value={targets[year] ?? ''}
                    onChange={(e) => setTargets({ ...targets, [year]: e.target.value })}
                  />
                </Field>
              ))}
            </div>
          </>
        ) : (
          <Paragraph>{t('goals.kpi.noPlanPeriod')}</Paragraph>
        )}
      </Fieldset>
      <Button type="submit" appearance="secondary-action-button" disabled={busy || !goalId} {...why.describedBy}>
        {t('goals.kpi.submit')}
      </Button>
      {why.hint}
      <StatusMessage text={status} />
    </form>
  );
}
