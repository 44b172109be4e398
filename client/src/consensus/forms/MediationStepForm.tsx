import { Button, Heading, Select, SelectOption, Textarea, Textbox } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { endpoints, type NewMediationStep } from '../../api/endpoints.ts';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ActionProps } from './act.ts';

/** Today in the viewer's time zone, as YYYY-MM-DD for a date input. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const STEP_KINDS: Array<NewMediationStep['kind']> = ['meeting', 'call', 'written'];

/** The chair records a mediation step: when, how, and what came of it. */
export function MediationStepForm({ consensus, act, busy }: ActionProps) {
  const { t } = useI18n();
  const [occurredOn, setOccurredOn] = useState(today);
  const [kind, setKind] = useState<NewMediationStep['kind']>('meeting');
  const [note, setNote] = useState('');
  const escalation = consensus.escalation!;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const step = { occurredOn, kind, note: note.trim() };
    if (await act(() => endpoints.addMediationStep(escalation.id, step), t('consensus.mediate.done'))) setNote('');
  }
  return (
    <form noValidate className="tw-panel" onSubmit={submit} data-testid="mediation-form">
      <Heading level={4}>{t('consensus.mediate.title')}</Heading>
      <div className="tw-inline-fields">
        <Field label={t('consensus.mediate.date')}>
          <Textbox
            type="date"
            required
            value={occurredOn}
            onChange={(e) => setOccurredOn(e.target.value)}
            data-testid="mediation-date"
          />
        </Field>
        <Field label={t('consensus.mediate.kind')}>
          <Select
            value={kind}
            onChange={(e) => setKind(e.target.value as NewMediationStep['kind'])}
            data-testid="mediation-kind"
          >
            {STEP_KINDS.map((option) => (
              <SelectOption key={option} value={option}>
                {t(`mediation.kind.${option}`)}
              </SelectOption>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t('consensus.mediate.note')}>
        <Textarea
          required
          rows={4}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="mediation-note"
        />
      </Field>
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="mediation-submit">
          {t('consensus.mediate.submit')}
        </Button>
      </div>
    </form>
  );
}
