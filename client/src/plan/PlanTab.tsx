import { Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TableDetail } from '../../../shared/api.ts';
import { AdoptedPlanLinks } from '../adopted/AdoptedPlanLinks.tsx';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PlanSectionList } from '../components/PlanSectionList.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { CoverageMatrix } from './CoverageMatrix.tsx';
import { PlanManager } from './PlanManager.tsx';
import { orderPlans, PlanSwitcher } from './PlanSwitcher.tsx';

const PRESENCE_REFRESH_MS = 20_000;

/**
 * The plan tab: one plan at a time (a switcher when the table has several, the current plan first), its
 * live sections numbered within it and its own coverage matrix; for the secretariat, the plan tools.
 */
export function PlanTab({ table }: { table: TableDetail }) {
  const { t } = useI18n();
  const plans = useLoad(() => endpoints.plans(table.id), [table.id]);
  const ordered = useMemo(() => orderPlans(plans.data?.plans ?? [], new Date().getFullYear()), [plans.data]);
  const [chosen, setChosen] = useState<string | null>(null);
  // The chosen plan while it exists; else the current one (also before the person chose).
  const plan = ordered.find((p) => p.id === chosen) ?? ordered[0] ?? null;
  const planId = plan?.id;
  // Tagged with their plan, so that a switch never shows the previous plan's sections under the new one.
  const sections = useLoad(
    async () => ({ planId, sections: planId ? (await endpoints.sections(table.id, planId)).sections : [] }),
    [table.id, planId],
  );
  const coverage = useLoad(
    () => (planId ? endpoints.coverage(table.id, planId) : Promise.resolve(null)),
    [table.id, planId],
  );
  const { reload: reloadSections } = sections;
  const { reload: reloadCoverage } = coverage;
  const { reload: reloadPlans } = plans;
  const reload = useCallback(
    () => void Promise.all([reloadSections(), reloadCoverage(), reloadPlans()]),
    [reloadSections, reloadCoverage, reloadPlans],
  );
  // Who is in which section changes all the time: refresh the list now and then.
  useEffect(() => {
    const timer = setInterval(() => void reloadSections(), PRESENCE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reloadSections]);
  const organizations = table.members.map((m) => ({ id: m.organization.id, name: m.organization.name }));
  const loaded = sections.data;
  const shown = plans.data && loaded && loaded.planId === planId ? loaded.sections : null;

  return (
    <>
      <ErrorAlert error={plans.error} />
      <PlanSwitcher plans={ordered} selected={planId ?? ''} onSelect={setChosen} />
      {plan?.archived ? <Paragraph data-testid="plan-archived-notice">{t('plan.archivedNotice')}</Paragraph> : null}
      <AdoptedPlanLinks sections={shown} />
      <PlanSectionList sections={shown} error={sections.error} />
      <ErrorAlert error={coverage.error} />
      {coverage.data ? <CoverageMatrix tableId={table.id} coverage={coverage.data} /> : null}
      {plans.data?.canManage && table.allowedActions.includes('plan.manage') ? (
        <PlanManager tableId={table.id} plans={plans.data} organizations={organizations} onChanged={reload} />
      ) : null}
    </>
  );
}
