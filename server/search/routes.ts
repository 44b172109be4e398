import { searchResponseSchema } from '../../shared/api-schemas/goals.ts';
import type { SearchKind, SearchResponse } from '../../shared/api.ts';
import type { Queryable } from '../db/db.ts';
import { route } from '../http/route.ts';
import { searchQuery } from '../../shared/api-requests/search.ts';

/** Hits in snippets are marked with these control characters, which no text of ours contains. */
const HEADLINE = 'StartSel=\u0002, StopSel=\u0003, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "';

/**
 * Dutch full-text search (stemmed, so "gezinshuizen" finds "gezinshuis") over the table's live
 * sections, goals, KPIs and principles. The same SQL on PGlite and PostgreSQL gives the same results.
 */
export async function searchTable(db: Queryable, tableId: string, text: string): Promise<SearchResponse> {
  const rows = await db.query<{
    kind: SearchKind;
    id: string;
    title: string;
    snippet: string;
    goal_id: string | null;
    rank: number;
  }>(
    `with q as (select websearch_to_tsquery('dutch', $2) as query)
     select * from (
       select 'section' as kind, s.id, s.title, ts_headline('dutch', s.title || ': ' || s.content_text, q.query, $3) as snippet,
              null::uuid as goal_id, ts_rank(s.search, q.query) as rank
         from sections s join live_sections live on live.id = s.id, q
        where s.table_id = $1 and s.search @@ q.query
       union all
       select 'goal', g.id, g.title, ts_headline('dutch', g.title || ': ' || g.description, q.query, $3),
              g.id, ts_rank(g.search, q.query)
         from goals g, q where g.table_id = $1 and g.search @@ q.query
       union all
       select 'kpi', k.id, k.indicator, ts_headline('dutch', k.indicator, q.query, $3), k.goal_id, ts_rank(k.search, q.query)
         from kpis k, q where k.table_id = $1 and k.search @@ q.query
       union all
       select 'principle', pr.id, pr.title, ts_headline('dutch', pr.title || ': ' || pr.description, q.query, $3),
              null::uuid, ts_rank(pr.search, q.query)
         from principles pr, q where pr.table_id = $1 and pr.search @@ q.query
     ) hits
     order by rank desc, kind, title
     limit 50`,
    [tableId, text, HEADLINE],
  );
  return {
    query: text,
    results: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      snippet: r.snippet,
      goalId: r.goal_id,
      // float4 ranks differ in the last digits between builds; four decimals are what ordering needs.
      rank: Math.round(r.rank * 10_000) / 10_000,
    })),
  };
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
    async (c, { access, query }) => c.json(await searchTable(c.var.deps.db, access.tableId, query.q)),
  ),
];
