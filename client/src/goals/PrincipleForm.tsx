import { Button, Heading, Textarea, Textbox } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** A new principle (uitgangspunt) of the regional vision. */
export function PrincipleForm({ tableId, onAdded }: { tableId: string; onAdded(): void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const { run, error, status, busy } = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await run(
      () => endpoints.addPrinciple(tableId, { title, ...(description ? { description } : {}) }),
      t('goals.principle.added', { title }),
    );
    if (ok) {
      setTitle('');
      setDescription('');
      onAdded();
    }
  }
  return (
    <form noValidate className="tw-panel" onSubmit={submit} data-testid="principle-form">
      <Heading level={3}>{t('goals.principle.add')}</Heading>
      <ErrorAlert error={error} />
      <Field id="principle-title" label={t('goals.field.title')}>
        <Textbox required value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field id="principle-description" label={t('goals.field.descriptionOptional')}>
        <Textarea value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <Button type="submit" appearance="secondary-action-button" disabled={busy}>
        {t('goals.principle.submit')}
      </Button>
      <StatusMessage text={status} />
    </form>
  );
}
