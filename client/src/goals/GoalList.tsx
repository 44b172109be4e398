import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { GoalView, KpiView, PrincipleView } from '../../../shared/api.ts';
import { comparePeriods } from '../../../shared/goals.ts';
import { GapFlag } from '../components/GapFlag.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { KpiStatusBadge } from './KpiStatusBadge.tsx';
import { NationalGoalTag } from './NationalGoalTag.tsx';
import { useKpiFormat } from './useKpiFormat.ts';

function latest(kpi: KpiView) {
  return [...kpi.measurements].sort((a, b) => comparePeriods(a.period, b.period)).at(-1);
}

function KpiSummary({ kpis, goal }: { kpis: KpiView[]; goal: string }) {
  const { t } = useI18n();
  const format = useKpiFormat();
  if (kpis.length === 0) return <Paragraph className="tw-muted">{t('goal.noKpis')}</Paragraph>;
  return (
    <div className="tw-scroll" role="region" aria-label={t('reports.kpi.caption', { goal })} tabIndex={0}>
      <table className="tw-table">
        <thead>
          <tr>
            <th scope="col">{t('kpi.indicator')}</th>
            <th scope="col">{t('kpi.latest')}</th>
            <th scope="col">{t('kpi.statusLabel')}</th>
          </tr>
        </thead>
        <tbody>
          {kpis.map((kpi) => {
            const last = latest(kpi);
            return (
              <tr key={kpi.id}>
                <th scope="row">{kpi.indicator}</th>
                <td>{last ? `${format(kpi.unit, last.value)} (${last.period})` : '—'}</td>
                <td>
                  <KpiStatusBadge status={kpi.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The table's goals with the principles they serve, their sections and a summary of their KPIs. */
export function GoalList({
  tableId,
  goals,
  principles,
}: {
  tableId: string;
  goals: GoalView[];
  principles: PrincipleView[];
}) {
  const { t } = useI18n();
  if (goals.length === 0) return <Paragraph>{t('goals.none')}</Paragraph>;
  const principleTitle = (id: string) => principles.find((p) => p.id === id)?.title ?? id;
  return (
    <ol className="tw-goal-list">
      {goals.map((goal) => (
        <li key={goal.id} className="tw-card" data-testid="goal" data-goal-id={goal.id}>
          <Heading level={3} className="tw-card-title">
            <Link to={`/tables/${tableId}/goals/${goal.id}`} className="utrecht-link" data-testid="goal-link">
              {goal.title}
            </Link>{' '}
            <NationalGoalTag goal={goal.nationalGoal} />
          </Heading>
          {goal.description ? <Paragraph>{goal.description}</Paragraph> : null}
          <dl className="tw-facts">
            <dt>{t('goal.principles')}</dt>
            <dd>{goal.principleIds.length ? goal.principleIds.map(principleTitle).join(' · ') : '—'}</dd>
            <dt>{t('goal.sections')}</dt>
            <dd>
              {goal.sectionIds.length ? (
                t('goal.sectionCount', { count: goal.sectionIds.length })
              ) : (
                <GapFlag text={t('coverage.noSection')} />
              )}
            </dd>
          </dl>
          <KpiSummary kpis={goal.kpis} goal={goal.title} />
        </li>
      ))}
    </ol>
  );
}
