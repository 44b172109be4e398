import { searchResponseSchema } from '../../shared/api-schemas/goals.ts';
import type { SearchKind, SearchResponse } from '../../shared/api.ts';
import type { Queryable } from '../db/db.ts';
import { route } from '../http/route.ts';
import { searchQuery } from '../../shared/api-requests/search.ts';
import { sectionDocument } from '../../shared/documents.ts';
import type { CollabControl } from '../deps.ts';
import { wordFormQuery } from './word-forms.ts';

/** Hits in snippets are marked with these control characters, which no text of ours contains. */
const HEADLINE = 'StartSel=\u0002, StopSel=\u0003, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "';

/**
 * Dutch full-text search (stemmed, so "gezinshuizen" finds "gezinshuis") over the table's live
 * sections, goals, KPIs and principles; a section names its plan, since a table can have several. Word
 * forms the stemmer does not join ("huizen" and "huis", see word-forms.ts) are ORed in and rank below
 * whatever the query itself matches. The same SQL on PGlite and PostgreSQL gives the same results.
 */
export async function searchTable(db: Queryable, tableId: string, text: string): Promise<SearchResponse> {
  const rows = await db.query<{
    kind: SearchKind;
    id: string;
    title: string;
    snippet: string;
    goal_id: string | null;
    plan_id: string | null;
    plan_title: string | null;
    rank: number;
  }>(
    `with q as (
       select websearch_to_tsquery('dutch', $2) as exact,
              case when $4::text is null then websearch_to_tsquery('dutch', $2)
                   else websearch_to_tsquery('dutch', $2) || to_tsquery('dutch', $4::text) end as broad
     )
     select kind, id, title, snippet, goal_id, plan_id, plan_title,
            -- A match of another word form only counts half, and sorts after every match of the query itself.
            case when exact then rank else rank / 2 end as rank
       from (
       select 'section' as kind, s.id, s.title, ts_headline('dutch', s.title || ': ' || s.content_text, q.broad, $3) as snippet,
              null::uuid as goal_id, p.id as plan_id, p.title as plan_title,
              s.search @@ q.exact as exact, ts_rank(s.search, q.broad) as rank
         from sections s join live_sections live on live.id = s.id join plans p on p.id = s.plan_id, q
        where s.table_id = $1 and s.search @@ q.broad
       union all
       select 'goal', g.id, g.title, ts_headline('dutch', g.title || ': ' || g.description, q.broad, $3),
              g.id, null::uuid, null::text, g.search @@ q.exact, ts_rank(g.search, q.broad)
         from goals g, q where g.table_id = $1 and g.search @@ q.broad
       union all
       select 'kpi', k.id, k.indicator, ts_headline('dutch', k.indicator, q.broad, $3), k.goal_id, null::uuid, null::text,
              k.search @@ q.exact, ts_rank(k.search, q.broad)
         from kpis k, q where k.table_id = $1 and k.search @@ q.broad
       union all
       select 'principle', pr.id, pr.title, ts_headline('dutch', pr.title || ': ' || pr.description, q.broad, $3),
              null::uuid, null::uuid, null::text, pr.search @@ q.exact, ts_rank(pr.search, q.broad)
         from principles pr, q where pr.table_id = $1 and pr.search @@ q.broad
     ) hits
     order by exact desc, rank desc, kind, title
     limit 50`,
    [tableId, text, HEADLINE, wordFormQuery(text)],
  );
  return {
    query: text,
    results: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      snippet: r.snippet,
      goalId: r.goal_id,
      plan: r.plan_id && r.plan_title ? { id: r.plan_id, title: r.plan_title } : null,
      // float4 ranks differ in the last digits between builds; four decimals are what ordering needs.
      rank: Math.round(r.rank * 10_000) / 10_000,
    })),
  };
}

/**
 * Sections people are typing in are indexed at most once a minute while they type: bring the table's
 * loaded ones up to date first, so that a search finds what was typed a moment ago. A section not
 * loaded is up to date already, and one without changes costs nothing.
 */
async function refreshTableSections(db: Queryable, collab: CollabControl | undefined, tableId: string): Promise<void> {
  if (!collab) return;
  const rows = await db.query<{ id: string }>('select id from sections where table_id = $1 and archived_at is null', [
    tableId,
  ]);
  await collab.refreshContent(rows.map((row) => sectionDocument(row.id)));
}

export const tableSearchRoutes = [
  route(
    {
      method: 'get',
      path: '/tables/:id/search',
      operationId: 'searchTable',
      tag: 'Search',
      summary: 'Dutch full-text search over sections, goals, KPIs and principles',
      permission: 'section.read',
      query: searchQuery,
      reply: searchResponseSchema,
    },
    async (c, { access, query }) => {
      await refreshTableSections(c.var.deps.db, c.var.deps.collab, access.tableId);
      return c.json(await searchTable(c.var.deps.db, access.tableId, query.q));
    },
  ),
];
