import { Heading, Paragraph } from '@utrecht/component-library-react/css-module';
import { NavLink, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AuditTimeline } from '../table/AuditTimeline.tsx';
import { ManagePanel } from '../table/ManagePanel.tsx';
import { MembersView } from '../table/MembersView.tsx';
import { PhaseTimeline } from '../table/PhaseTimeline.tsx';
import { PlanSections } from '../table/PlanSections.tsx';
import { RulesView } from '../table/RulesView.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

export type TableTab = 'overview' | 'timeline' | 'manage';

/** A table: overview (phases, rules, members), its timeline, and for the secretariat its management. */
export function TablePage({ tab }: { tab: TableTab }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { data: table, setData, error } = useLoad(() => endpoints.table(id), [id]);

  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error) return <ErrorAlert error={error} />;
  if (!table) return <Paragraph>{t('app.loading')}</Paragraph>;

  const may = (action: string) => table.allowedActions.includes(action as (typeof table.allowedActions)[number]);
  const tabs: Array<{ key: TableTab; to: string; label: string }> = [
    { key: 'overview', to: `/tables/${table.id}`, label: t('table.tab.overview') },
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
      {tab === 'overview' ? (
        <>
          <PlanSections tableId={table.id} />
          <PhaseTimeline phases={table.phases} />
          <RulesView rules={table.rules} />
          <MembersView table={table} />
        </>
      ) : null}
      {tab === 'timeline' && may('table.audit.read') ? <AuditTimeline tableId={table.id} /> : null}
      {tab === 'manage' && may('table.manage') ? <ManagePanel table={table} onChange={setData} /> : null}
    </article>
  );
}
