import { Heading, Paragraph } from '@utrecht/component-library-react/css-module';
import { Link } from 'react-router';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The plan's sections in order, each a link to its live editor. */
export function PlanSections({ tableId }: { tableId: string }) {
  const { t, formatDateTime } = useI18n();
  const { data, error } = useLoad(() => endpoints.sections(tableId), [tableId]);
  const planTitle = data?.sections[0]?.plan.title;
  return (
    <section aria-labelledby="plan-heading">
      <Heading level={2} id="plan-heading">
        {planTitle ? t('plan.sections', { plan: planTitle }) : t('plan.title')}
      </Heading>
      <ErrorAlert error={error} />
      {data && data.sections.length === 0 ? <Paragraph>{t('plan.none')}</Paragraph> : null}
      <ol className="tw-sections">
        {data?.sections.map((section) => (
          <li key={section.id}>
            <Link to={`/sections/${section.id}`} className="utrecht-link" data-testid="section-link">
              {section.title}
            </Link>
            {section.locked ? <span className="tw-badge">{t('plan.locked')}</span> : null}
            {section.lastEditedAt ? (
              <span className="tw-muted">
                {' '}
                — {t('plan.lastEdited', { date: formatDateTime(section.lastEditedAt) })}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
