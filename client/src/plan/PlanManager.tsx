import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import type { OrganizationRef, PlansResponse } from '../../../shared/api.ts';
import { endpoints, type PlanWithSections } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AddSectionForm } from './AddSectionForm.tsx';
import { CreatePlanForm } from './CreatePlanForm.tsx';
import { SectionManageRow } from './SectionManageRow.tsx';

interface Props {
  tableId: string;
  plans: PlansResponse;
  organizations: readonly OrganizationRef[];
  onChanged(): void;
}

/** The order with one section moved one place up or down. */
export function moved(ids: readonly string[], id: string, direction: -1 | 1): string[] {
  const order = [...ids];
  const from = order.indexOf(id);
  const to = from + direction;
  if (from < 0 || to < 0 || to >= order.length) return order;
  [order[from], order[to]] = [order[to]!, order[from]!];
  return order;
}

function PlanSectionsEditor({
  tableId,
  plan,
  organizations,
  onChanged,
}: Omit<Props, 'plans'> & { plan: PlanWithSections }) {
  const { t } = useI18n();
  const { run, error, busy } = useAction();
  const live = plan.sections.filter((s) => !s.archived);
  const archived = plan.sections.filter((s) => s.archived);
  const move = async (sectionId: string, direction: -1 | 1) => {
    const order = moved(
      live.map((s) => s.id),
      sectionId,
      direction,
    );
    if (await run(() => endpoints.orderSections(tableId, plan.id, order))) onChanged();
  };
  return (
    <section className="tw-panel" aria-labelledby={`manage-plan-${plan.id}`} data-testid="manage-plan">
      <Heading level={3} id={`manage-plan-${plan.id}`}>
        {t('planManage.plan.title', { title: plan.title, start: plan.periodStart, end: plan.periodEnd })}
      </Heading>
      <ErrorAlert error={error} />
      {live.length === 0 ? <Paragraph>{t('planManage.plan.noSections')}</Paragraph> : null}
      <ol className="tw-manage-list">
        {live.map((section, index) => (
          // The row follows the server's title and drafters itself: remounting it would drop its confirmation.
          <SectionManageRow
            key={section.id}
            tableId={tableId}
            section={section}
            organizations={organizations}
            isFirst={index === 0}
            isLast={index === live.length - 1}
            moving={busy}
            onMove={(direction) => void move(section.id, direction)}
            onChanged={onChanged}
          />
        ))}
      </ol>
      <AddSectionForm tableId={tableId} planId={plan.id} organizations={organizations} onAdded={onChanged} />
      {archived.length ? (
        <>
          <Heading level={4}>{t('planManage.plan.archived')}</Heading>
          <ul className="tw-members">
            {archived.map((section) => (
              <li key={section.id} className="tw-row">
                <span>{section.title}</span>
                <Button
                  appearance="subtle-button"
                  aria-label={t('planManage.section.restoreLabel', { title: section.title })}
                  onClick={async () => {
                    if (await run(() => endpoints.updateSection(tableId, section.id, { archived: false }))) onChanged();
                  }}
                >
                  {t('planManage.section.restore')}
                </Button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The secretariat's plan tools: a new plan from a template, and per plan its sections. */
export function PlanManager({ tableId, plans, organizations, onChanged }: Props) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="plan-manage-heading" data-testid="plan-manager">
      <Heading level={2} id="plan-manage-heading">
        {t('planManage.title')}
      </Heading>
      {plans.plans
        .filter((plan) => !plan.archived)
        .map((plan) => (
          <PlanSectionsEditor
            key={plan.id}
            tableId={tableId}
            plan={plan}
            organizations={organizations}
            onChanged={onChanged}
          />
        ))}
      <CreatePlanForm tableId={tableId} templates={plans.templates} onCreated={onChanged} />
    </section>
  );
}
