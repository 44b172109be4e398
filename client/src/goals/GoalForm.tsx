import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  Heading,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { PrincipleView } from '../../../shared/api.ts';
import { NATIONAL_GOALS, type NationalGoal } from '../../../shared/goals.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** A new goal: title, description, the national goal it serves and the principles it serves. */
export function GoalForm({
  tableId,
  principles,
  onAdded,
}: {
  tableId: string;
  principles: PrincipleView[];
  onAdded(): void;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [nationalGoal, setNationalGoal] = useState<NationalGoal | ''>('');
  const [principleIds, setPrincipleIds] = useState<string[]>([]);
  const { run, error, status, busy } = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await run(
      () =>
        endpoints.addGoal(tableId, {
          title,
          ...(description ? { description } : {}),
          nationalGoal: nationalGoal || null,
          principleIds,
        }),
      t('goals.goal.added', { title }),
    );
    if (ok) {
      setTitle('');
      setDescription('');
      setNationalGoal('');
      setPrincipleIds([]);
      onAdded();
    }
  }
  return (
    <form noValidate className="tw-panel" onSubmit={submit} data-testid="goal-form">
      <Heading level={3}>{t('goals.goal.add')}</Heading>
      <ErrorAlert error={error} />
      <Field id="goal-title" label={t('goals.field.title')}>
        <Textbox required value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field id="goal-description" label={t('goals.field.descriptionOptional')}>
        <Textarea value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <Field id="goal-national" label={t('goals.goal.national')}>
        <Select value={nationalGoal} onChange={(e) => setNationalGoal(e.target.value as NationalGoal | '')}>
          <SelectOption value="">{t('goals.goal.nationalNone')}</SelectOption>
          {NATIONAL_GOALS.map((letter) => (
            <SelectOption key={letter} value={letter}>
              {t('goal.national', { letter, name: t(`nationalGoal.${letter}`) })}
            </SelectOption>
          ))}
        </Select>
      </Field>
      {principles.length ? (
        <Fieldset>
          <FieldsetLegend>{t('goals.goal.principles')}</FieldsetLegend>
          <div className="tw-checks">
            {principles.map((principle) => (
              <Field type="checkbox" key={principle.id} id={`goal-principle-${principle.id}`} label={principle.title}>
                <Checkbox
                  checked={principleIds.includes(principle.id)}
                  onChange={(e) =>
                    setPrincipleIds(
                      e.target.checked
                        ? [...principleIds, principle.id]
                        : principleIds.filter((id) => id !== principle.id),
                    )
                  }
                />
              </Field>
            ))}
          </div>
        </Fieldset>
      ) : null}
      <Button type="submit" appearance="secondary-action-button" disabled={busy}>
        {t('goals.goal.submit')}
      </Button>
      <StatusMessage text={status} />
    </form>
  );
}
