import { Button, Heading, Select, SelectOption } from '@utrecht/component-library-react';
import { useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { useAction } from '../../components/useAction.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { TableFormProps } from './types.ts';

/** Moves the table to another phase. */
export function PhaseForm({ table, onChange }: TableFormProps) {
  const { t } = useI18n();
  const [phase, setPhase] = useState(table.phases.find((p) => p.isCurrent)?.key ?? table.phases[0]?.key ?? '');
  const { run, error, status, busy } = useAction();
  return (
    <form
      noValidate
      className="tw-panel"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => onChange(await endpoints.setPhase(table.id, phase)), t('manage.saved'));
      }}
    >
      <Heading level={3}>{t('manage.phase.title')}</Heading>
      <ErrorAlert error={error} />
      <Field id="phase-select" label={t('manage.phase.label')}>
        <Select value={phase} onChange={(e) => setPhase(e.target.value)}>
          {table.phases.map((p) => (
            <SelectOption key={p.key} value={p.key}>
              {p.name}
            </SelectOption>
          ))}
        </Select>
      </Field>
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {t('manage.phase.save')}
      </Button>
      <StatusMessage text={status} />
    </form>
  );
}
