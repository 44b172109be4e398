import { Button, Checkbox, Fieldset, FieldsetLegend, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { SectionDetail } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useAction } from '../components/useAction.ts';
import { useLoad } from '../components/useLoad.ts';
import { useDisabledReason } from '../components/DisabledReason.tsx';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  section: SectionDetail;
  onSaved(section: SectionDetail): void;
}

/** Checkboxes of the table's goals; saving replaces the section's links. */
function GoalPicker({ section, onSaved }: Props) {
  const { t } = useI18n();
  const goals = useLoad(() => endpoints.goals(section.tableId), [section.tableId]);
  const [selected, setSelected] = useState(() => section.goals.map((g) => g.id));
  const { run, error, status, busy } = useAction();
  const unchanged =
    selected.length === section.goals.length && section.goals.every((goal) => selected.includes(goal.id));
  const why = useDisabledReason(busy || !unchanged ? null : t('section.goals.whyUnchanged'));
  const save = () =>
    void run(async () => onSaved(await endpoints.linkSectionGoals(section.id, selected)), t('section.goals.saved'));

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      data-testid="goal-picker"
    >
      <ErrorAlert error={goals.error ?? error} />
      {goals.data && goals.data.goals.length === 0 ? <Paragraph>{t('goals.none')}</Paragraph> : null}
      {goals.data && goals.data.goals.length > 0 ? (
        <Fieldset>
          <FieldsetLegend>{t('section.goals.legend')}</FieldsetLegend>
          <div className="tw-checks">
            {goals.data.goals.map((goal) => (
              <Field type="checkbox" key={goal.id} id={`section-goal-${goal.id}`} label={goal.title}>
                <Checkbox
                  checked={selected.includes(goal.id)}
                  disabled={busy}
                  onChange={(e) =>
                    setSelected(e.target.checked ? [...selected, goal.id] : selected.filter((id) => id !== goal.id))
                  }
                />
              </Field>
            ))}
          </div>
          <Button
            type="submit"
            appearance="secondary-action-button"
            disabled={busy || unchanged}
            data-testid="save-goal-links"
            {...why.describedBy}
          >
            {t('section.goals.save')}
          </Button>
          {why.hint}
        </Fieldset>
      ) : null}
      <StatusMessage text={status} />
    </form>
  );
}

/** The goals this section serves: a picker for those who may link, otherwise a read-only list. */
export function SectionGoals({ section, onSaved }: Props) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="section-goals-heading" className="tw-panel" data-testid="section-goals">
      <Heading level={2} id="section-goals-heading">
        {t('section.goals.title')}
      </Heading>
      {section.canLinkGoals ? (
        <GoalPicker section={section} onSaved={onSaved} />
      ) : section.goals.length === 0 ? (
        <Paragraph data-testid="section-goals-none">{t('section.goals.none')}</Paragraph>
      ) : (
        <ul className="tw-members" data-testid="section-goals-list">
          {section.goals.map((goal) => (
            <li key={goal.id}>
              <Link to={`/tables/${section.tableId}/goals/${goal.id}`} className="utrecht-link">
                {goal.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
