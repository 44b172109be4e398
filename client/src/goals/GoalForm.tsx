import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react/css-module';
import { useState, type FormEvent } from 'react';
import type { PrincipleView } from '../../../shared/api.ts';
import { NATIONAL_GOALS, type NationalGoal } from '../../../shared/goals.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
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
    <form className="tw-panel" onSubmit={submit} data-testid="goal-form">
      <Heading level={3}>{t('goals.goal.add')}</Heading>
      <ErrorAlert error={error} />
      <FormField>
        <FormLabel htmlFor="goal-title">{t('goals.field.title')}</FormLabel>
        <Textbox id="goal-title" required value={title} onChange={(e) => setTitle(e.target.value)} />
      </FormField>
      <FormField>
        <FormLabel htmlFor="goal-description">{t('goals.field.descriptionOptional')}</FormLabel>
        <Textarea id="goal-description" value={description} onChange={(e) => setDescription(e.target.value)} />
      </FormField>
      <FormField>
        <FormLabel htmlFor="goal-national">{t('goals.goal.national')}</FormLabel>
        <Select
          id="goal-national"
          value={nationalGoal}
          onChange={(e) => setNationalGoal(e.target.value as NationalGoal | '')}
        >
          <SelectOption value="">{t('goals.goal.nationalNone')}</SelectOption>
          {NATIONAL_GOALS.map((letter) => (
            <SelectOption key={letter} value={letter}>
              {t('goal.national', { letter, name: t(`nationalGoal.${letter}`) })}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      {principles.length ? (
        <Fieldset>
          <FieldsetLegend>{t('goals.goal.principles')}</FieldsetLegend>
          <div className="tw-checks">
            {principles.map((principle) => (
              <FormField type="checkbox" key={principle.id}>
                <Checkbox
                  id={`goal-principle-${principle.id}`}
                  checked={principleIds.includes(principle.id)}
                  onChange={(e) =>
                    setPrincipleIds(
                      e.target.checked
                        ? [...principleIds, principle.id]
                        : principleIds.filter((id) => id !== principle.id),
                    )
                  }
                />
                <FormLabel htmlFor={`goal-principle-${principle.id}`} type="checkbox">
                  {principle.title}
                </FormLabel>
              </FormField>
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
