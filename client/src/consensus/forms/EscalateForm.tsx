import { Button, Heading, Textarea } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ActionProps } from './act.ts';

/** Escalates the section to the chair, with the reason. */
export function EscalateForm({ consensus, act, busy }: ActionProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await act(() => endpoints.escalate(consensus.sectionId, reason.trim()), t('consensus.escalate.done'))) {
      setReason('');
    }
  }
  return (
    <form noValidate className="tw-panel" onSubmit={submit} data-testid="escalate-form">
      <Heading level={4}>{t('consensus.escalate.title')}</Heading>
      <Field label={t('consensus.escalate.reason')}>
        <Textarea
          required
          rows={4}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="escalate-reason"
        />
      </Field>
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="escalate-submit">
          {t('consensus.escalate.submit')}
        </Button>
      </div>
    </form>
  );
}
