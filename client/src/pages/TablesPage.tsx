import { Heading, Paragraph } from '@utrecht/component-library-react/css-module';
import { Link } from 'react-router';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function TablesPage() {
  const { t } = useI18n();
  const { data, error } = useLoad(() => endpoints.tables(), []);
  return (
    <section>
      <Heading level={1}>{t('tables.title')}</Heading>
      <Paragraph lead>{t('tables.intro')}</Paragraph>
      <ErrorAlert error={error} />
      {data && data.tables.length === 0 ? <Paragraph>{t('tables.none')}</Paragraph> : null}
      <ul className="tw-cards">
        {data?.tables.map((table) => (
          <li key={table.id} className="tw-card">
            <Heading level={2} className="tw-card-title">
              <Link to={`/tables/${table.id}`} data-testid="table-link" className="utrecht-link">
                {table.name}
              </Link>
            </Heading>
            <dl className="tw-facts">
              <dt>{t('tables.region')}</dt>
              <dd>{table.regionName}</dd>
              <dt>{t('tables.role')}</dt>
              <dd>{t(`role.${table.role}`)}</dd>
              <dt>{t('tables.phase')}</dt>
              <dd>{table.currentPhase?.name ?? t('tables.noPhase')}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
