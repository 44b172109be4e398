import { Button, Heading, Paragraph, Textbox } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { SearchKind, SearchResponse } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Snippet } from './Snippet.tsx';

type Result = SearchResponse['results'][number];
const KINDS: readonly SearchKind[] = ['section', 'goal', 'kpi', 'principle'];

function target(tableId: string, result: Result): string {
  switch (result.kind) {
    case 'section':
      return `/sections/${result.id}`;
    case 'goal':
      return `/tables/${tableId}/goals/${result.id}`;
    case 'kpi':
      return result.goalId ? `/tables/${tableId}/goals/${result.goalId}` : `/tables/${tableId}/goals`;
    case 'principle':
      return `/tables/${tableId}/goals`;
  }
}

/** Full-text search over the table's sections, goals, KPIs and principles; results grouped by kind. */
export function SearchBox({ tableId }: { tableId: string }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [response, setResponse] = useState<SearchResponse | null>(null);
  const { run, error, busy } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    const q = query.trim();
    if (!q) return setResponse(null);
    void run(async () => setResponse(await endpoints.search(tableId, q)));
  }

  return (
    <div className="tw-search">
      <form noValidate role="search" onSubmit={submit} className="tw-search-form" aria-label={t('search.label')}>
        <Field id="table-search" label={t('search.label')} className="tw-field-inline">
          <Textbox
            type="search"
            maxLength={200}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="search-input"
          />
        </Field>
        <Button type="submit" appearance="secondary-action-button" disabled={busy} data-testid="search-submit">
          {t('search.submit')}
        </Button>
        {response ? (
          <Button appearance="subtle-button" onClick={() => (setResponse(null), setQuery(''))}>
            {t('search.clear')}
          </Button>
        ) : null}
      </form>
      <ErrorAlert error={error} />
      <div role="status" aria-live="polite" className="tw-status">
        {response ? (
          <Paragraph>
            {response.results.length
              ? t('search.count', { count: response.results.length, query: response.query })
              : t('search.none', { query: response.query })}
          </Paragraph>
        ) : null}
      </div>
      {response && response.results.length ? (
        <section aria-label={t('search.results')} data-testid="search-results" className="tw-search-results">
          {KINDS.map((kind) => {
            const results = response.results.filter((r) => r.kind === kind);
            if (results.length === 0) return null;
            return (
              <div key={kind}>
                <Heading level={2}>{t(`search.group.${kind}`)}</Heading>
                <ul className="tw-results">
                  {results.map((result) => (
                    <li key={`${result.kind}:${result.id}`} data-testid="search-result" data-kind={result.kind}>
                      <span className="tw-badge">{t(`search.kind.${result.kind}`)}</span>{' '}
                      <Link to={target(tableId, result)} className="utrecht-link">
                        <Snippet snippet={result.title} />
                      </Link>
                      {result.plan ? (
                        <span className="tw-muted" data-testid="search-result-plan">
                          {' '}
                          {t('search.inPlan', { plan: result.plan.title })}
                        </span>
                      ) : null}
                      <Paragraph small className="tw-snippet">
                        <Snippet snippet={result.snippet} />
                      </Paragraph>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      ) : null}
    </div>
  );
}
