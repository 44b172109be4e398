import { Button, Heading, Textarea, Textbox } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { KpiView } from '../../../shared/api.ts';
import { periodOf } from '../../../shared/goals.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { fieldError } from '../components/fieldErrors.ts';
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
    if (busy) return;
    const saved = period;
    const ok = await run(
      async () => {
        const updated = await endpoints.addMeasurement(tableId, kpi.id, {
          period: period.trim(),
          // An empty box is no value (NaN travels as null, which the server calls missing), not 0.
          value: value.trim() === '' ? Number.NaN : Number(value.replace(',', '.')),
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
    <form className="tw-panel" onSubmit={submit} noValidate data-testid="measurement-form">
      <Heading level={4}>{t('kpi.measurement.title')}</Heading>
      <ErrorAlert error={error} inline={['period', 'value', 'source', 'note']} />
      <div className="tw-inline-fields">
        <Field
          id={`${idBase}-period`}
          label={t('kpi.period')}
          hint={t('kpi.measurement.periodHelp')}
          error={fieldError(t, error, 'period')}
        >
          <Textbox
            required
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            data-testid="measurement-period"
          />
        </Field>
        <Field
          id={`${idBase}-value`}
          label={t('kpi.measurement.value', { unit: t(`kpi.unit.${kpi.unit}`) })}
          error={fieldError(t, error, 'value')}
        >
          <Textbox
            required
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-testid="measurement-value"
          />
        </Field>
      </div>
      <Field id={`${idBase}-source`} label={t('kpi.source')} error={fieldError(t, error, 'source')}>
        <Textbox required value={source} onChange={(e) => setSource(e.target.value)} data-testid="measurement-source" />
      </Field>
      <Field id={`${idBase}-note`} label={t('kpi.measurement.noteOptional')} error={fieldError(t, error, 'note')}>
        <Textarea value={note} onChange={(e) => setNote(e.target.value)} data-testid="measurement-note" />
      </Field>
      {/* Not disabled while it saves: a disabled button drops the keyboard focus to the page. */}
      <Button
        type="submit"
        appearance="primary-action-button"
        aria-busy={busy || undefined}
        data-testid="measurement-submit"
      >
        {t('kpi.measurement.submit')}
      </Button>
      <StatusMessage text={status} />
    </form>
  );
}
