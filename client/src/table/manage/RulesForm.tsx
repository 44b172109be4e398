import { Button, Checkbox, Heading, Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { TableRules } from '../../../../shared/api.ts';
import { RULING_RULES, type RulingRule } from '../../../../shared/roles.ts';
import { endpoints } from '../../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { useAction } from '../../components/useAction.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { TableFormProps } from './types.ts';

/** The rules of play: response period, whether silence is consent, and how the municipalities rule. */
export function RulesForm({ table, onChange }: TableFormProps) {
  const { t } = useI18n();
  const [rules, setRules] = useState<TableRules>(table.rules);
  const { run, error, status, busy } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => onChange(await endpoints.updateRules(table.id, rules)), t('manage.saved'));
  }
  return (
    <form noValidate onSubmit={submit} className="tw-panel" data-testid="rules-form">
      <Heading level={3}>{t('manage.rules.title')}</Heading>
      <ErrorAlert error={error} />
      <Field id="rules-period" label={t('manage.rules.responsePeriod')} hint={t('manage.rules.responsePeriodHelp')}>
        <Textbox
          type="number"
          min={1}
          max={60}
          required
          value={String(rules.responsePeriodDays)}
          onChange={(e) => setRules({ ...rules, responsePeriodDays: Number(e.target.value) })}
        />
      </Field>
      <Field type="checkbox" id="rules-silence" label={t('manage.rules.silence')}>
        <Checkbox
          checked={rules.silenceIsConsent}
          onChange={(e) => setRules({ ...rules, silenceIsConsent: e.target.checked })}
        />
      </Field>
      <Field id="rules-ruling" label={t('manage.rules.ruling')}>
        <Select
          value={rules.rulingRule}
          onChange={(e) => setRules({ ...rules, rulingRule: e.target.value as RulingRule })}
        >
          {RULING_RULES.map((rule) => (
            <SelectOption key={rule} value={rule}>
              {t(`ruling.${rule}`)}
            </SelectOption>
          ))}
        </Select>
      </Field>
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {t('manage.rules.save')}
      </Button>
      <StatusMessage text={status} />
    </form>
  );
}
