import { Fieldset, FieldsetLegend, Heading, RadioButton } from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { MAIL_FREQUENCIES, type MailFrequency } from '../../../shared/api-todo.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { todoEndpoints } from './api.ts';

/** Each notification by mail at once, or one overview a day at 07:00: saved as soon as it is chosen. */
export function MailPreference({ initial }: { initial: MailFrequency }) {
  const { t } = useI18n();
  const [frequency, setFrequency] = useState<MailFrequency>(initial);
  const { run, error, status, busy } = useAction();
  const id = useId();

  async function choose(next: MailFrequency) {
    const before = frequency;
    setFrequency(next);
    const saved = await run(() => todoEndpoints.setMailFrequency(next), t(`todo.mail.saved.${next}`));
    if (!saved) setFrequency(before);
  }

  return (
    <section aria-labelledby={`${id}-heading`} data-testid="mail-preference">
      <Heading level={2} id={`${id}-heading`}>
        {t('todo.mail.title')}
      </Heading>
      <Fieldset>
        <FieldsetLegend>{t('todo.mail.legend')}</FieldsetLegend>
        {MAIL_FREQUENCIES.map((option) => (
          <Field type="radio" key={option} id={`${id}-${option}`} label={t(`todo.mail.${option}`)}>
            <RadioButton
              name={`${id}-frequency`}
              value={option}
              checked={frequency === option}
              disabled={busy}
              onChange={() => void choose(option)}
              data-testid={`mail-frequency-${option}`}
            />
          </Field>
        ))}
      </Fieldset>
      <ErrorAlert error={error} />
      <StatusMessage text={status} />
    </section>
  );
}
