import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import { Link } from 'react-router';
import type { SectionView } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { GapFlag } from './GapFlag.tsx';
import { SectionStateBadge } from './SectionStateBadge.tsx';

/** Groups sections by plan, keeping the server's order. */
export function byPlan(
  sections: readonly SectionView[],
): Array<{ id: string; title: string; sections: SectionView[] }> {
  const plans = new Map<string, { id: string; title: string; sections: SectionView[] }>();
  for (const section of sections) {
    const plan = plans.get(section.plan.id) ?? { ...section.plan, sections: [] };
    plan.sections.push(section);
    plans.set(plan.id, plan);
  }
  return [...plans.values()];
}

function SectionCard({ section }: { section: SectionView }) {
  const { t, formatDateTime } = useI18n();
  const none = <span className="tw-muted">{t('plan.none.short')}</span>;
  return (
    <li className="tw-card tw-section-card" data-testid="plan-section" data-section-id={section.id}>
      <Heading level={4} className="tw-card-title">
        <Link to={`/sections/${section.id}`} className="utrecht-link" data-testid="plan-section-link">
          {section.title}
        </Link>{' '}
        <SectionStateBadge section={section} />
      </Heading>
      <dl className="tw-facts tw-facts-stacked">
        <dt>{t('plan.drafters')}</dt>
        <dd data-testid="plan-section-drafters">
          {section.drafters.length ? section.drafters.map((d) => d.name).join(', ') : none}
        </dd>
        <dt>{t('plan.goals')}</dt>
        <dd data-testid="plan-section-goals">
          {section.goals.length ? (
            <ul className="tw-inline-list">
              {section.goals.map((goal) => (
                <li key={goal.id}>
                  <Link to={`/tables/${section.tableId}/goals/${goal.id}`} className="utrecht-link">
                    {goal.title}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <GapFlag text={t('coverage.noGoal')} />
          )}
        </dd>
        <dt>{t('plan.lastEdit')}</dt>
        <dd>
          {section.lastEditedAt
            ? section.lastEditedBy
              ? t('plan.lastEditBy', {
                  name: section.lastEditedBy.name,
                  organization: section.lastEditedBy.organizationName,
                  date: formatDateTime(section.lastEditedAt),
                })
              : formatDateTime(section.lastEditedAt)
            : t('plan.neverEdited')}
        </dd>
        <dt>{t('plan.present')}</dt>
        <dd data-testid="plan-section-present">
          {section.present.length
            ? section.present
                .map((p) => t('plan.person', { name: p.name, organization: p.organizationName }))
                .join(', ')
            : none}
        </dd>
      </dl>
    </li>
  );
}

interface Props {
  /** The table's live sections in the server's order; null while they load. */
  sections: readonly SectionView[] | null;
  /** Why they could not be loaded, if they could not. */
  error?: unknown;
}

/**
 * The plan's sections, on the table's overview and its plan tab: every live section of the table's plans
 * with its state, drafters, goals, last edit and who is in it, each a link to its live editor.
 */
export function PlanSectionList({ sections, error = null }: Props) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} data-testid="plan-overview">
      <Heading level={2} id={headingId}>
        {t('plan.title')}
      </Heading>
      <ErrorAlert error={error} />
      {sections === null ? (
        error ? null : (
          <Paragraph>{t('app.loading')}</Paragraph>
        )
      ) : sections.length === 0 ? (
        <Paragraph>{t('plan.none')}</Paragraph>
      ) : (
        byPlan(sections).map((plan) => (
          <section key={plan.id} aria-labelledby={`plan-${plan.id}`}>
            <Heading level={3} id={`plan-${plan.id}`}>
              {t('plan.sections', { plan: plan.title })}
            </Heading>
            <ol className="tw-section-cards" data-testid="plan-sections">
              {plan.sections.map((section) => (
                <SectionCard key={section.id} section={section} />
              ))}
            </ol>
          </section>
        ))
      )}
    </section>
  );
}
