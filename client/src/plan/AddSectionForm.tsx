import { Button, Textbox } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { OrganizationRef } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { fieldError } from '../components/fieldErrors.ts';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { DraftersField } from './DraftersField.tsx';

interface Props {
  tableId: string;
  planId: string;
  organizations: readonly OrganizationRef[];
  onAdded(): void;
}

/** A new section at the end of a plan, with its drafting organizations. */
export function AddSectionForm({ tableId, planId, organizations, onAdded }: Props) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [drafterIds, setDrafterIds] = useState<string[]>([]);
  const { run, error, status, busy } = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await run(
      () => endpoints.addSection(tableId, planId, { title, drafterIds }),
      t('planManage.sectionAdded', { title }),
    );
    if (ok) {
      setTitle('');
      setDrafterIds([]);
      onAdded();
    }
  }
  return (
    <form className="tw-panel" onSubmit={submit} noValidate data-testid="add-section-form">
      <ErrorAlert error={error} inline={['title']} />
      <Field
        id={`add-section-${planId}`}
        label={t('planManage.addSection.title')}
        error={fieldError(t, error, 'title')}
      >
        <Textbox required value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <DraftersField
        idPrefix={`add-section-${planId}-drafter`}
        legend={t('plan.drafters')}
        organizations={organizations}
        selected={drafterIds}
        onChange={setDrafterIds}
      />
      <Button type="submit" appearance="secondary-action-button" disabled={busy}>
        {t('planManage.addSection.submit')}
      </Button>
      <StatusMessage text={status} />
    </form>
  );
}
