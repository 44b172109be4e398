import {
  Button,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react/css-module';
import { useState, type FormEvent } from 'react';
import type { KpiView } from '../../../shared/api.ts';
import { periodOf } from '../../../shared/goals.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  tableId: string;
  kpi: KpiView;
  onSaved(kpi: KpiView): void;
}

/**
 * A measurement for a half year; one for a period that has one already corrects it. The server judges
 * the value against the unit and refuses periods that have not started; its message is shown.
 */
export function MeasurementForm({ tableId, kpi, onSaved }: Props) {
  const { t } = useI18n();
  const [period, setPeriod] = useState<string>(() => periodOf(new Date()));
  const [value, setValue] = useState('');
  const [source, setSource] = useState('');
  const [note, setNote] = useState('');
  const { run, error, status, busy } = useAction();
  const idBase = `measure-${kpi.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = period;
    const ok = await run(
      async () => {
        const updated = await endpoints.addMeasurement(tableId, kpi.id, {
          period: period.trim(),
          value: Number(value.replace(',', '.')),
          source,
          ...(note ? { note } : {}),
        });
        onSaved(updated);
      },
      t('kpi.measurement.saved', { period: saved }),
    );
    if (ok) {
      setValue('');
      setNote('');
    }
  }

  return (
    <form className="tw-panel" onSubmit={submit} data-testid="measurement-form">
      <Heading level={4}>{t('kpi.measurement.title')}</Heading>
      <ErrorAlert error={error} />
      <div className="tw-inline-fields">
        <FormField>
          <FormLabel htmlFor={`${idBase}-period`}>{t('kpi.period')}</FormLabel>
          <FormFieldDescription id={`${idBase}-period-help`}>{t('kpi.measurement.periodHelp')}</FormFieldDescription>
          <Textbox
            id={`${idBase}-period`}
            required
            aria-describedby={`${idBase}-period-help`}
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            data-testid="measurement-period"
          />
        </FormField>
        <FormField>
          <FormLabel htmlFor={`${idBase}-value`}>
            {t('kpi.measurement.value', { unit: t(`kpi.unit.${kpi.unit}`) })}
          </FormLabel>
          <Textbox
            id={`${idBase}-value`}
            required
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-testid="measurement-value"
          />
        </FormField>
      </div>
      <FormField>
        <FormLabel htmlFor={`${idBase}-source`}>{t('kpi.source')}</FormLabel>
        <Textbox
          id={`${idBase}-source`}
          required
          value={source}
          onChange={(e) => setSource(e.target.value)}
          data-testid="measurement-source"
        />
      </FormField>
      <FormField>
        <FormLabel htmlFor={`${idBase}-note`}>{t('kpi.measurement.noteOptional')}</FormLabel>
        <Textarea
          id={`${idBase}-note`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="measurement-note"
        />
      </FormField>
      <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="measurement-submit">
        {t('kpi.measurement.submit')}
      </Button>
      <StatusMessage text={status} />
    </form>
  );
}
