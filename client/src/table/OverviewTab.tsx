import type { TableDetail } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { PlanSectionList } from '../components/PlanSectionList.tsx';
import { useLoad } from '../components/useLoad.ts';
import { MembersView } from './MembersView.tsx';
import { PhaseTimeline } from './PhaseTimeline.tsx';
import { RulesView } from './RulesView.tsx';

/** The table's overview: the plan's sections, the phases, the rules of play and the members. */
export function OverviewTab({ table }: { table: TableDetail }) {
  const sections = useLoad(() => endpoints.sections(table.id), [table.id]);
  return (
    <>
      <PlanSectionList sections={sections.data?.sections ?? null} error={sections.error} />
      <PhaseTimeline phases={table.phases} />
      <RulesView rules={table.rules} />
      <MembersView table={table} />
    </>
  );
}
