import { Heading, Paragraph } from '@utrecht/component-library-react';
import { NavLink, useParams } from 'react-router';
import type { Action } from '../../../shared/permissions.ts';
import { AdoptedPlanIntro } from '../adopted/AdoptedPlanLinks.tsx';
import { ApiError } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { GoalsTab } from '../goals/GoalsTab.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { PlanTab } from '../plan/PlanTab.tsx';
import { ReportsTab } from '../reports/ReportsTab.tsx';
import { SearchBox } from '../search/SearchBox.tsx';
import { AuditTimeline } from '../table/AuditTimeline.tsx';
import { EscalationInbox } from '../table/EscalationInbox.tsx';
import { ManagePanel } from '../table/ManagePanel.tsx';
import { OverviewTab } from '../table/OverviewTab.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

export type TableTab = 'overview' | 'plan' | 'goals' | 'reports' | 'escalations' | 'timeline' | 'manage';

const TAB_LABEL = {
  overview: 'table.tab.overview',
  plan: 'table.tab.plan',
  goals: 'table.tab.goals',
  reports: 'reports.tab',
  escalations: 'table.tab.escalations',
  timeline: 'table.tab.timeline',
  manage: 'table.tab.manage',
} as const satisfies Record<TableTab, string>;

/**
 * A table: overview (phases, rules, members), the plan with its coverage, the goals, for the chair the
 * escalation inbox, its timeline, and for the secretariat its management; a search above the tabs.
 */
export function TablePage({ tab }: { tab: TableTab }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { data: table, setData, error } = useLoad(() => endpoints.table(id), [id]);
  usePageTitle(error ? undefined : table && t(TAB_LABEL[tab]), table?.name);

  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error) return <ErrorAlert error={error} />;
  if (!table) return <Paragraph>{t('app.loading')}</Paragraph>;

  const may = (action: Action) => table.allowedActions.includes(action);
  const mayReadReports = may('report.read_draft') || may('report.read_published');
  const tabs: Array<{ key: TableTab; to: string; label: string }> = [
    { key: 'overview', to: `/tables/${table.id}`, label: t('table.tab.overview') },
    { key: 'plan', to: `/tables/${table.id}/plan`, label: t('table.tab.plan') },
    { key: 'goals', to: `/tables/${table.id}/goals`, label: t('table.tab.goals') },
    ...(mayReadReports
      ? [{ key: 'reports' as const, to: `/tables/${table.id}/reports`, label: t('reports.tab') }]
      : []),
    ...(may('escalation.mediate')
      ? [{ key: 'escalations' as const, to: `/tables/${table.id}/escalations`, label: t('table.tab.escalations') }]
      : []),
    ...(may('table.audit.read')
      ? [{ key: 'timeline' as const, to: `/tables/${table.id}/audit`, label: t('table.tab.timeline') }]
      : []),
    ...(may('table.manage')
      ? [{ key: 'manage' as const, to: `/tables/${table.id}/manage`, label: t('table.tab.manage') }]
      : []),
  ];

  return (
    <article>
      <Paragraph small className="tw-muted">
        {table.region.name}
      </Paragraph>
      <Heading level={1} data-testid="table-title">
        {table.name}
      </Heading>
      <Paragraph lead>{table.description}</Paragraph>
      <Paragraph>
        <span className="tw-badge">{t('table.yourRole', { role: t(`role.${table.role}`) })}</span>
      </Paragraph>
      <SearchBox tableId={table.id} />
      <nav className="tw-tabs" aria-label={table.name}>
        {tabs.map((item) => (
          <NavLink
            key={item.key}
            to={item.to}
            end
            className="tw-tab"
            aria-current={item.key === tab ? 'page' : undefined}
          >
            {item.label}
          </NavLink>
        ))}
      </nav>
      {tab === 'overview' ? <AdoptedPlanIntro table={table} /> : null}
      {tab === 'overview' ? <OverviewTab table={table} /> : null}
      {tab === 'plan' ? <PlanTab table={table} /> : null}
      {tab === 'goals' ? <GoalsTab tableId={table.id} /> : null}
      {tab === 'reports' && mayReadReports ? <ReportsTab table={table} /> : null}
      {tab === 'escalations' && may('escalation.mediate') ? <EscalationInbox tableId={table.id} /> : null}
      {tab === 'timeline' && may('table.audit.read') ? <AuditTimeline tableId={table.id} /> : null}
      {tab === 'manage' && may('table.manage') ? <ManagePanel table={table} onChange={setData} /> : null}
    </article>
  );
}
