import { Button, Textbox } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { OrganizationRef, SectionView } from '../../../shared/api.ts';
import { endpoints, type SectionChanges } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { fieldError } from '../components/fieldErrors.ts';
import { useAction } from '../components/useAction.ts';
import { useDisabledReason } from '../components/DisabledReason.tsx';
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
  // When the server's title or drafters change, the form starts from them again. Done here rather than
  // by remounting the row, so that the confirmation of a save stays on screen after the reload.
  const serverState = `${section.title}\n${section.drafters.map((d) => d.id).join(',')}`;
  const [seenState, setSeenState] = useState(serverState);
  if (seenState !== serverState) {
    setSeenState(serverState);
    setTitle(section.title);
    setDrafterIds(section.drafters.map((d) => d.id));
  }
  const { run, error, status, busy } = useAction();
  const drafters = useAction();
  const why = useDisabledReason(busy || title !== section.title ? null : t('planManage.section.whyUnchanged'));
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
      <form noValidate onSubmit={rename} className="tw-rename">
        <Field
          id={`${idBase}-title`}
          label={t('planManage.section.name')}
          className="tw-field-inline"
          error={fieldError(t, error, 'title')}
        >
          <Textbox required value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Button
          type="submit"
          appearance="secondary-action-button"
          disabled={busy || title === section.title}
          {...why.describedBy}
        >
          {t('planManage.section.rename')}
        </Button>
        {why.hint}
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
          disabled={drafters.busy}
          error={drafters.error}
          status={drafters.status}
        >
          <Button
            appearance="secondary-action-button"
            disabled={drafters.busy}
            onClick={async () => {
              const saved = t('planManage.section.draftersSaved', { title: section.title });
              const changed = () => endpoints.updateSection(tableId, section.id, { drafterIds });
              if (await drafters.run(changed, saved)) onChanged();
            }}
          >
            {t('planManage.section.saveDrafters')}
          </Button>
        </DraftersField>
      </details>
      <ErrorAlert error={error} inline={['title']} />
      <StatusMessage text={status} />
    </li>
  );
}
