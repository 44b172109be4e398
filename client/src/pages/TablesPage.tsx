import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { todoEndpoints } from '../todo/api.ts';
import { MailPreference } from '../todo/MailPreference.tsx';
import { TodoList } from '../todo/TodoList.tsx';

/** The home page: first what is asked of the person, then their tables, then how they get mail. */
export function TablesPage() {
  const { t } = useI18n();
  const { data, error } = useLoad(() => endpoints.tables(), []);
  const todo = useLoad(() => todoEndpoints.todo(), []);
  const [now] = useState(() => new Date());
  usePageTitle(t('nav.myTables'));
  return (
    <div className="tw-home">
      <TodoList items={todo.data?.items} error={todo.error} now={now} />
      <section aria-labelledby="tables-heading">
        <Heading level={2} id="tables-heading">
          {t('tables.title')}
        </Heading>
        <Paragraph>{t('tables.intro')}</Paragraph>
        <ErrorAlert error={error} />
        {data && data.tables.length === 0 ? <Paragraph>{t('tables.none')}</Paragraph> : null}
        <ul className="tw-cards">
          {data?.tables.map((table) => (
            <li key={table.id} className="tw-card">
              <Heading level={3} className="tw-card-title">
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
      {todo.data ? <MailPreference initial={todo.data.mailFrequency} /> : null}
    </div>
  );
}
