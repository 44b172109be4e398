import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import { Link } from 'react-router';
import type { SectionView, TableDetail } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { byPlan } from '../components/PlanSectionList.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { adoptedEndpoints, readsAdoptedFirst } from './api.ts';
import { adoptedLine } from './adoptedLine.ts';

/** A link to "Het vastgestelde plan" of each of the table's live plans (the plan tab, the overview). */
export function AdoptedPlanLinks({ sections }: { sections: readonly SectionView[] | null }) {
  const { t } = useI18n();
  if (!sections?.length) return null;
  return (
    <ul className="tw-adopted-links" data-testid="adopted-plan-links">
      {byPlan(sections).map((plan) => (
        <li key={plan.id}>
          <Link to={adoptedEndpoints.pagePath(plan.id)} className="utrecht-link" data-testid="adopted-plan-link">
            {t('adopted.link', { plan: plan.title })}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** One plan's adopted sections at a glance: each with when and how it was adopted, or that it is not yet. */
function AdoptedPlanSummary({ planId }: { planId: string }) {
  const { t, formatDate } = useI18n();
  const { data, error } = useLoad(() => adoptedEndpoints.plan(planId), [planId]);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Paragraph>{t('app.loading')}</Paragraph>;
  return (
    <section className="tw-card" aria-labelledby={`adopted-${planId}`} data-testid="adopted-plan-summary">
      <Heading level={3} id={`adopted-${planId}`} className="tw-card-title">
        <Link to={adoptedEndpoints.pagePath(planId)} className="utrecht-link" data-testid="adopted-plan-link">
          {t('adopted.pageTitle', { plan: data.plan.title })}
        </Link>
      </Heading>
      <Paragraph small className="tw-muted">
        {t('adopted.count', {
          adopted: data.sections.filter((s) => s.adopted).length,
          total: data.sections.length,
        })}
      </Paragraph>
      <ol className="tw-adopted-summary">
        {data.sections.map((section) => (
          <li key={section.id}>
            <Link to={`${adoptedEndpoints.pagePath(planId)}#section-${section.id}`} className="utrecht-link">
              {section.title}
            </Link>
            {' — '}
            <span className="tw-muted">
              {section.adopted ? adoptedLine(t, formatDate, section.adopted) : t('adopted.notYetShort')}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The adopted plan on the table's overview. For council members and observers it comes first and in
 * full (every section with its adoption), since that is what they are there to read; for the table's
 * participants a link beside the drafts they work on.
 */
export function AdoptedPlanIntro({ table }: { table: TableDetail }) {
  const { t } = useI18n();
  const headingId = useId();
  const { data, error } = useLoad(() => endpoints.sections(table.id), [table.id]);
  const sections = data?.sections ?? null;
  if (!readsAdoptedFirst(table.role)) return <AdoptedPlanLinks sections={sections} />;
  return (
    <section aria-labelledby={headingId} className="tw-adopted-intro" data-testid="adopted-intro">
      <Heading level={2} id={headingId}>
        {t('adopted.title')}
      </Heading>
      <Paragraph>{t('adopted.overview.intro')}</Paragraph>
      <ErrorAlert error={error} />
      {sections === null ? (
        error ? null : (
          <Paragraph>{t('app.loading')}</Paragraph>
        )
      ) : sections.length === 0 ? (
        <Paragraph>{t('plan.none')}</Paragraph>
      ) : (
        byPlan(sections).map((plan) => <AdoptedPlanSummary key={plan.id} planId={plan.id} />)
      )}
    </section>
  );
}
