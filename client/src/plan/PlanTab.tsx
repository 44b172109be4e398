import { useCallback, useEffect } from 'react';
import type { TableDetail } from '../../../shared/api.ts';
import { AdoptedPlanLinks } from '../adopted/AdoptedPlanLinks.tsx';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PlanSectionList } from '../components/PlanSectionList.tsx';
import { useLoad } from '../components/useLoad.ts';
import { CoverageMatrix } from './CoverageMatrix.tsx';
import { PlanManager } from './PlanManager.tsx';

const PRESENCE_REFRESH_MS = 20_000;

/** The plan tab: every live section, the coverage matrix and, for the secretariat, the plan tools. */
export function PlanTab({ table }: { table: TableDetail }) {
  const mayManage = table.allowedActions.includes('plan.manage');
  const sections = useLoad(() => endpoints.sections(table.id), [table.id]);
  const coverage = useLoad(() => endpoints.coverage(table.id), [table.id]);
  const plans = useLoad(() => (mayManage ? endpoints.plans(table.id) : Promise.resolve(null)), [table.id, mayManage]);
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

  return (
    <>
      <AdoptedPlanLinks sections={sections.data?.sections ?? null} />
      <PlanSectionList sections={sections.data?.sections ?? null} error={sections.error} />
      <ErrorAlert error={coverage.error} />
      {coverage.data ? <CoverageMatrix tableId={table.id} coverage={coverage.data} /> : null}
      <ErrorAlert error={plans.error} />
      {plans.data?.canManage ? (
        <PlanManager tableId={table.id} plans={plans.data} organizations={organizations} onChanged={reload} />
      ) : null}
    </>
  );
}
