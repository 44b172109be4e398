import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { TodoItem } from '../../../shared/api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Icon } from '../components/Icon.tsx';
import { formatDeadline } from '../consensus/deadline.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * "Wat wordt er van u gevraagd": what waits for the signed-in person across their tables, soonest
 * deadline first, each item a link to the place to act. A passed deadline is said in words with a
 * warning sign (tw-flag), not by colour alone.
 */
export function TodoList({ items, error, now }: { items: TodoItem[] | undefined; error: unknown; now: Date }) {
  const { t, language, formatDate } = useI18n();
  return (
    <section aria-labelledby="todo-heading" data-testid="todo">
      <Heading level={1} id="todo-heading">
        {t('todo.title')}
      </Heading>
      <ErrorAlert error={error} />
      {items && items.length === 0 ? <Paragraph data-testid="todo-empty">{t('todo.empty')}</Paragraph> : null}
      {items && items.length > 0 ? (
        <ul className="tw-results" data-testid="todo-list">
          {items.map((item) => {
            const overdue = item.deadline !== null && new Date(item.deadline) < now;
            return (
              <li key={`${item.kind}:${item.link}`} className="tw-card" data-testid="todo-item" data-kind={item.kind}>
                <Link to={item.link} className="utrecht-link" data-testid="todo-link">
                  <strong>
                    {t(`todo.kind.${item.kind}`, {
                      title: item.title,
                      version: item.versionNumber ?? '',
                    })}
                  </strong>
                </Link>
                <dl className="tw-facts">
                  <dt>{t('todo.table')}</dt>
                  <dd>{item.table.name}</dd>
                  {item.deadline ? (
                    <>
                      <dt>{t('todo.deadline')}</dt>
                      <dd data-testid="todo-deadline" data-overdue={overdue}>
                        {overdue ? (
                          <span className="tw-flag">
                            <Icon name="warning" />{' '}
                            {t('todo.overdue', { date: formatDeadline(language, item.deadline) })}
                          </span>
                        ) : (
                          t('todo.until', { date: formatDeadline(language, item.deadline) })
                        )}
                      </dd>
                    </>
                  ) : (
                    <>
                      <dt>{t('todo.since')}</dt>
                      <dd>{formatDate(item.since)}</dd>
                    </>
                  )}
                </dl>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
