import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { CoverageResponse } from '../../../shared/api.ts';
import { GapFlag } from '../components/GapFlag.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The congruence check between vision and plan: goals (rows) × sections (columns), a mark where a section
 * serves a goal; goals no section serves and sections that serve no goal are flagged.
 */
export function CoverageMatrix({ tableId, coverage }: { tableId: string; coverage: CoverageResponse }) {
  const { t } = useI18n();
  const linked = new Set(coverage.links.map((link) => `${link.goalId}:${link.sectionId}`));
  const uncovered = new Set(coverage.uncoveredGoals);
  const unlinked = new Set(coverage.unlinkedSections);
  const severalPlans = new Set(coverage.sections.map((s) => s.planId)).size > 1;
  const goalTitle = (id: string) => coverage.goals.find((g) => g.id === id)?.title ?? id;
  const sectionTitle = (id: string) => coverage.sections.find((s) => s.id === id)?.title ?? id;

  return (
    <section aria-labelledby="coverage-heading" data-testid="coverage">
      <Heading level={2} id="coverage-heading">
        {t('coverage.title')}
      </Heading>
      <Paragraph>{t('coverage.intro')}</Paragraph>
      {coverage.goals.length === 0 || coverage.sections.length === 0 ? (
        <Paragraph data-testid="coverage-empty">
          {coverage.goals.length === 0 ? t('coverage.noGoals') : t('coverage.noSections')}
        </Paragraph>
      ) : (
        <>
          <Paragraph data-testid="coverage-summary">
            {t('coverage.summary', { goals: uncovered.size, sections: unlinked.size })}
          </Paragraph>
          <div className="tw-scroll" role="region" aria-labelledby="coverage-caption" tabIndex={0}>
            <table className="tw-matrix" data-testid="coverage-matrix">
              <caption id="coverage-caption">{t('coverage.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('coverage.goalHeader')}</th>
                  {coverage.sections.map((section) => (
                    <th
                      key={section.id}
                      scope="col"
                      className={unlinked.has(section.id) ? 'tw-gap' : undefined}
                      data-testid="coverage-section"
                      data-section-id={section.id}
                      data-unlinked={unlinked.has(section.id)}
                    >
                      <Link to={`/sections/${section.id}`} className="utrecht-link">
                        {section.title}
                      </Link>
                      {severalPlans ? <span className="tw-muted tw-block">{section.planTitle}</span> : null}
                      {unlinked.has(section.id) ? <GapFlag text={t('coverage.noGoal')} /> : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {coverage.goals.map((goal) => (
                  <tr
                    key={goal.id}
                    data-testid="coverage-goal"
                    data-goal-id={goal.id}
                    data-uncovered={uncovered.has(goal.id)}
                  >
                    <th scope="row" className={uncovered.has(goal.id) ? 'tw-gap' : undefined}>
                      <Link to={`/tables/${tableId}/goals/${goal.id}`} className="utrecht-link">
                        {goal.title}
                      </Link>
                      {uncovered.has(goal.id) ? <GapFlag text={t('coverage.noSection')} /> : null}
                    </th>
                    {coverage.sections.map((section) =>
                      linked.has(`${goal.id}:${section.id}`) ? (
                        <td key={section.id} className="tw-mark" data-linked="true">
                          <span aria-hidden="true">●</span>
                          <span className="tw-visually-hidden">{t('coverage.linked')}</span>
                        </td>
                      ) : (
                        <td key={section.id} data-linked="false">
                          <span className="tw-visually-hidden">{t('coverage.notLinked')}</span>
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Paragraph small className="tw-muted">
            {t('coverage.legend')}
          </Paragraph>
          <div className="tw-columns">
            <div>
              <Heading level={3}>{t('coverage.uncoveredGoals')}</Heading>
              {uncovered.size === 0 ? (
                <Paragraph>{t('coverage.allCovered')}</Paragraph>
              ) : (
                <ul className="tw-members" data-testid="uncovered-goals">
                  {coverage.uncoveredGoals.map((id) => (
                    <li key={id}>
                      <Link to={`/tables/${tableId}/goals/${id}`} className="utrecht-link">
                        {goalTitle(id)}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div>
              <Heading level={3}>{t('coverage.unlinkedSections')}</Heading>
              {unlinked.size === 0 ? (
                <Paragraph>{t('coverage.allLinked')}</Paragraph>
              ) : (
                <ul className="tw-members" data-testid="unlinked-sections">
                  {coverage.unlinkedSections.map((id) => (
                    <li key={id}>
                      <Link to={`/sections/${id}`} className="utrecht-link">
                        {sectionTitle(id)}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </>
      )}
    </section>
  );
}
