import { Button, Textbox } from '@utrecht/component-library-react/css-module';
import { useState, type FormEvent } from 'react';
import type { OrganizationRef, SectionView } from '../../../shared/api.ts';
import { endpoints, type SectionChanges } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { DraftersField } from './DraftersField.tsx';

interface Props {
  tableId: string;
  section: SectionView;
  organizations: readonly OrganizationRef[];
  isFirst: boolean;
  isLast: boolean;
  moving: boolean;
  onMove(direction: -1 | 1): void;
  onChanged(): void;
}

/** One live section in the secretariat's plan tools: rename, move, archive, drafting organizations. */
export function SectionManageRow({
  tableId,
  section,
  organizations,
  isFirst,
  isLast,
  moving,
  onMove,
  onChanged,
}: Props) {
  const { t } = useI18n();
  const [title, setTitle] = useState(section.title);
  const [drafterIds, setDrafterIds] = useState(section.drafters.map((d) => d.id));
  const { run, error, status, busy } = useAction();
  const update = async (changes: SectionChanges, success: string) => {
    if (await run(() => endpoints.updateSection(tableId, section.id, changes), success)) onChanged();
  };
  const rename = (event: FormEvent) => {
    event.preventDefault();
    void update({ title }, t('manage.saved'));
  };
  const idBase = `manage-section-${section.id}`;
  return (
    <li className="tw-manage-row" data-testid="manage-section" data-section-id={section.id}>
      <form onSubmit={rename} className="tw-rename">
        <Field id={`${idBase}-title`} label={t('planManage.section.name')} className="tw-field-inline">
          <Textbox required value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Button type="submit" appearance="secondary-action-button" disabled={busy || title === section.title}>
          {t('planManage.section.rename')}
        </Button>
      </form>
      <div className="tw-actions">
        <Button
          appearance="subtle-button"
          disabled={moving || isFirst}
          aria-label={t('planManage.section.upLabel', { title: section.title })}
          data-testid="move-up"
          onClick={() => onMove(-1)}
        >
          {t('planManage.section.up')}
        </Button>
        <Button
          appearance="subtle-button"
          disabled={moving || isLast}
          aria-label={t('planManage.section.downLabel', { title: section.title })}
          data-testid="move-down"
          onClick={() => onMove(1)}
        >
          {t('planManage.section.down')}
        </Button>
        <Button
          appearance="subtle-button"
          disabled={busy}
          aria-label={t('planManage.section.archiveLabel', { title: section.title })}
          onClick={() => void update({ archived: true }, t('planManage.section.archived', { title: section.title }))}
        >
          {t('planManage.section.archive')}
        </Button>
      </div>
      <details className="tw-details">
        <summary>{t('planManage.section.draftersSummary', { count: section.drafters.length })}</summary>
        <DraftersField
          idPrefix={`${idBase}-drafter`}
          legend={t('planManage.section.draftersLegend', { title: section.title })}
          organizations={organizations}
          selected={drafterIds}
          onChange={setDrafterIds}
          disabled={busy}
        />
        <Button
          appearance="secondary-action-button"
          disabled={busy}
          onClick={() => void update({ drafterIds }, t('manage.saved'))}
        >
          {t('planManage.section.saveDrafters')}
        </Button>
      </details>
      <ErrorAlert error={error} />
      <StatusMessage text={status} />
    </li>
  );
}
