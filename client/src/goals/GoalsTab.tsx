import { Heading, Paragraph } from '@utrecht/component-library-react';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { GoalForm } from './GoalForm.tsx';
import { GoalList } from './GoalList.tsx';
import { KpiForm } from './KpiForm.tsx';
import { PrincipleForm } from './PrincipleForm.tsx';

/** The goals tab: principles, goals with their KPIs, and for the secretariat the forms to add them. */
export function GoalsTab({ tableId }: { tableId: string }) {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(() => endpoints.goals(tableId), [tableId]);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Paragraph>{t('app.loading')}</Paragraph>;
  const onAdded = () => void reload();
  return (
    <>
      <section aria-labelledby="principles-heading" data-testid="principles">
        <Heading level={2} id="principles-heading">
          {t('goals.principles')}
        </Heading>
        <Paragraph>{t('goals.principlesIntro')}</Paragraph>
        {data.principles.length === 0 ? <Paragraph>{t('goals.principlesNone')}</Paragraph> : null}
        <ol className="tw-members">
          {data.principles.map((principle) => (
            <li key={principle.id}>
              <strong>{principle.title}</strong>
              {principle.description ? <span className="tw-muted"> — {principle.description}</span> : null}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="goals-heading" data-testid="goals">
        <Heading level={2} id="goals-heading">
          {t('goals.title')}
        </Heading>
        <GoalList tableId={tableId} goals={data.goals} principles={data.principles} />
      </section>
      {data.canManage ? (
        <section aria-labelledby="goals-manage-heading" data-testid="goals-manager">
          <Heading level={2} id="goals-manage-heading">
            {t('goals.manage')}
          </Heading>
          <div className="tw-columns">
            <PrincipleForm tableId={tableId} onAdded={onAdded} />
            <GoalForm tableId={tableId} principles={data.principles} onAdded={onAdded} />
          </div>
          <KpiForm tableId={tableId} goals={data.goals} planPeriod={data.planPeriod} onAdded={onAdded} />
        </section>
      ) : null}
    </>
  );
}
