import { Button, ButtonGroup, ButtonLink, Heading, Paragraph } from '@utrecht/component-library-react';
import { Link, useParams } from 'react-router';
import type { AdoptedPlanSection } from '../../../shared/api.ts';
import { ApiError } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { adoptedEndpoints } from './api.ts';
import { AdoptedTextView } from './AdoptedTextView.tsx';

function AdoptedSection({ section }: { section: AdoptedPlanSection }) {
  const { t } = useI18n();
  return (
    <section
      id={`section-${section.id}`}
      className="tw-adopted-section"
      aria-labelledby={`section-${section.id}-title`}
      data-testid="adopted-section"
      data-adopted={section.adopted ? 'true' : 'false'}
    >
      <Heading level={2} id={`section-${section.id}-title`}>
        {section.title}
      </Heading>
      {section.adopted ? (
        <AdoptedTextView adopted={section.adopted} level={3} />
      ) : (
        <Paragraph data-testid="adopted-none">{t('adopted.notYet')}</Paragraph>
      )}
      {section.draftDiffers ? (
        <Paragraph small className="tw-adopted-draft-note" data-testid="adopted-draft-differs">
          {t('adopted.draftDiffers')}
        </Paragraph>
      ) : null}
      <Paragraph small className="tw-no-print">
        <Link to={`/sections/${section.id}`} className="utrecht-link">
          {t('adopted.openSection', { title: section.title })}
        </Link>
      </Paragraph>
    </section>
  );
}

/**
 * "Het vastgestelde plan": what the table adopted, section by section, readable and printable. This is
 * what council members and observers see first; the drafts are for the table.
 */
export function AdoptedPlanPage() {
  const { t, formatDate } = useI18n();
  const { id = '' } = useParams();
  const { data: view, error } = useLoad(() => adoptedEndpoints.plan(id), [id]);
  usePageTitle(error ? undefined : view && t('adopted.pageTitle', { plan: view.plan.title }), view?.plan.tableName);

  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error) return <ErrorAlert error={error} />;
  if (!view) return <Paragraph>{t('app.loading')}</Paragraph>;

  const { plan, sections } = view;
  const adoptedCount = sections.filter((s) => s.adopted).length;
  return (
    <article className="tw-adopted-plan" data-testid="adopted-plan">
      <Paragraph small className="tw-no-print">
        <Link to={`/tables/${plan.tableId}`} className="utrecht-link">
          {plan.tableName}
        </Link>
      </Paragraph>
      <Heading level={1} data-testid="adopted-plan-title">
        {t('adopted.pageTitle', { plan: plan.title })}
      </Heading>
      <Paragraph lead>
        {t('adopted.meta', {
          table: plan.tableName,
          start: plan.periodStart,
          end: plan.periodEnd,
          date: formatDate(view.generatedAt),
        })}
      </Paragraph>
      <Paragraph>{t('adopted.intro')}</Paragraph>
      <Paragraph data-testid="adopted-count">
        {t('adopted.count', { adopted: adoptedCount, total: sections.length })}
      </Paragraph>
      <ButtonGroup className="tw-no-print">
        <ButtonLink
          appearance="primary-action-button"
          href={adoptedEndpoints.pdfUrl(plan.id)}
          data-testid="adopted-pdf"
        >
          {t('adopted.downloadPdf')}
        </ButtonLink>
        <Button appearance="secondary-action-button" onClick={() => window.print()}>
          {t('adopted.print')}
        </Button>
      </ButtonGroup>
      {sections.length === 0 ? (
        <Paragraph>{t('adopted.noSections')}</Paragraph>
      ) : (
        <>
          <nav aria-labelledby="adopted-contents" className="tw-adopted-contents">
            <Heading level={2} id="adopted-contents">
              {t('adopted.contents')}
            </Heading>
            <ol>
              {sections.map((section) => (
                <li key={section.id}>
                  <a href={`#section-${section.id}`} className="utrecht-link">
                    {section.title}
                  </a>{' '}
                  <span className="tw-muted">
                    {section.adopted ? t('adopted.adoptedShort') : t('adopted.notYetShort')}
                  </span>
                </li>
              ))}
            </ol>
          </nav>
          {sections.map((section) => (
            <AdoptedSection key={section.id} section={section} />
          ))}
        </>
      )}
    </article>
  );
}
