import { Button, Heading, Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { YearField } from '../components/YearField.tsx';
import { PLAN_TEMPLATE_NAMES, type PlanTemplate } from '../../../shared/plan-templates.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { fieldError } from '../components/fieldErrors.ts';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  tableId: string;
  templates: Record<string, readonly string[]>;
  onCreated(): void;
}

/** A new plan for a period, its sections taken from a template. */
export function CreatePlanForm({ tableId, templates, onCreated }: Props) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [periodStart, setPeriodStart] = useState('2026');
  const [periodEnd, setPeriodEnd] = useState('2030');
  const [template, setTemplate] = useState<PlanTemplate>('transformatieplan');
  const { run, error, status, busy } = useAction();
  const sections = templates[template] ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await run(
      () =>
        endpoints.createPlan(tableId, {
          title,
          periodStart: Number(periodStart),
          periodEnd: Number(periodEnd),
          template,
        }),
      t('planManage.created', { title }),
    );
    if (ok) {
      setTitle('');
      onCreated();
    }
  }

  return (
    <form className="tw-panel" onSubmit={submit} noValidate data-testid="create-plan-form">
      <Heading level={3}>{t('planManage.create.title')}</Heading>
      <ErrorAlert error={error} inline={['title', 'periodStart', 'periodEnd', 'template']} />
      <Field id="plan-title" label={t('planManage.create.name')} error={fieldError(t, error, 'title')}>
        <Textbox required value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <div className="tw-inline-fields">
        <YearField
          id="plan-start"
          label={t('planManage.create.start')}
          value={periodStart}
          onChange={setPeriodStart}
          error={fieldError(t, error, 'periodStart')}
        />
        <YearField
          id="plan-end"
          label={t('planManage.create.end')}
          value={periodEnd}
          onChange={setPeriodEnd}
          error={fieldError(t, error, 'periodEnd')}
        />
      </div>
      <Field
        id="plan-template"
        label={t('planManage.create.template')}
        error={fieldError(t, error, 'template')}
        hint={
          sections.length
            ? t('planManage.create.templateSections', { sections: sections.join(' · ') })
            : t('planManage.create.templateEmpty')
        }
      >
        <Select value={template} onChange={(e) => setTemplate(e.target.value as PlanTemplate)}>
          {PLAN_TEMPLATE_NAMES.map((name) => (
            <SelectOption key={name} value={name}>
              {t(`planTemplate.${name}`)}
            </SelectOption>
          ))}
        </Select>
      </Field>
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {t('planManage.create.submit')}
      </Button>
      <StatusMessage text={status} />
    </form>
  );
}
