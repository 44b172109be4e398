import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link, useParams } from 'react-router';
import type { KpiView } from '../../../shared/api.ts';
import { ApiError } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { GapFlag } from '../components/GapFlag.tsx';
import { useLoad } from '../components/useLoad.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { KpiPanel } from './KpiPanel.tsx';
import { NationalGoalTag } from './NationalGoalTag.tsx';

/** One goal: what it is, the principles it serves, the sections that serve it and its KPIs. */
export function GoalPage() {
  const { t } = useI18n();
  const { id = '', goalId = '' } = useParams();
  const { data, setData, error } = useLoad(() => endpoints.goal(id, goalId), [id, goalId]);
  // A 404 is the NotFoundPage's to title.
  usePageTitle(error ? undefined : data?.goal.title, t('table.tab.goals'));

  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Paragraph>{t('app.loading')}</Paragraph>;
  const { goal } = data;
  const replaceKpi = (kpi: KpiView) =>
    setData({ ...data, goal: { ...goal, kpis: goal.kpis.map((k) => (k.id === kpi.id ? kpi : k)) } });

  return (
    <article>
      <Paragraph small>
        <Link to={`/tables/${id}/goals`} className="utrecht-link">
          {t('goal.back')}
        </Link>
      </Paragraph>
      <Heading level={1} data-testid="goal-title">
        {goal.title}
      </Heading>
      <Paragraph>
        <NationalGoalTag goal={goal.nationalGoal} />
      </Paragraph>
      {goal.description ? <Paragraph lead>{goal.description}</Paragraph> : null}
      <div className="tw-columns">
        <section aria-labelledby="goal-principles">
          <Heading level={2} id="goal-principles">
            {t('goal.principles')}
          </Heading>
          {data.principles.length === 0 ? <Paragraph>{t('goal.noPrinciples')}</Paragraph> : null}
          <ul className="tw-members">
            {data.principles.map((principle) => (
              <li key={principle.id}>{principle.title}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="goal-sections">
          <Heading level={2} id="goal-sections">
            {t('goal.sections')}
          </Heading>
          {data.sections.length === 0 ? (
            <Paragraph>
              <GapFlag text={t('goal.noSections')} />
            </Paragraph>
          ) : null}
          <ul className="tw-members" data-testid="goal-sections">
            {data.sections.map((section) => (
              <li key={section.id}>
                <Link to={`/sections/${section.id}`} className="utrecht-link">
                  {section.title}
                </Link>{' '}
                <span className="tw-muted">({section.planTitle})</span>
                {section.locked ? <span className="tw-badge tw-badge-locked">{t('plan.locked')}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section aria-labelledby="goal-kpis">
        <Heading level={2} id="goal-kpis">
          {t('goal.kpis')}
        </Heading>
        {goal.kpis.length === 0 ? <Paragraph>{t('goal.noKpis')}</Paragraph> : null}
        {goal.kpis.map((kpi) => (
          <KpiPanel key={kpi.id} tableId={id} kpi={kpi} canMeasure={data.canMeasure} onSaved={replaceKpi} />
        ))}
      </section>
    </article>
  );
}
