import { Paragraph } from '@utrecht/component-library-react';
import { lazy, Suspense, type ComponentType } from 'react';
import { endpoints } from './api/endpoints.ts';
import { prefetch } from './api/prefetch.ts';
import { useI18n } from './i18n/i18n.tsx';

/*
 * The heavy pages (the editor with ProseMirror and Yjs, charts, reports, consensus panels) live in
 * chunks of their own, so that the login page and "Mijn tafels" download none of it (issue 17).
 */

/** Shown while a page's code downloads: a status a screen reader announces, never a blank page. */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <Paragraph role="status" data-testid="page-loading">
      {t('app.pageLoading')}
    </Paragraph>
  );
}

/** One download per page, shared by the early start below and React.lazy; after a failure, a new try. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () =>
    (promise ??= load().catch((error: unknown) => {
      promise = undefined;
      throw error;
    }));
}

function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Page = lazy(async () => ({ default: await load() }));
  // React.lazy's props type is looser than P; the cast keeps each page's own props at the call site.
  const Inner = Page as unknown as ComponentType<P>;
  function LazyPage(props: P) {
    return (
      <Suspense fallback={<PageLoading />}>
        <Inner {...props} />
      </Suspense>
    );
  }
  return LazyPage;
}

const loadSection = once(() => import('./section/SectionPage.tsx').then((m) => m.SectionPage));
const loadTable = once(() => import('./pages/TablePage.tsx').then((m) => m.TablePage));
const loadGoal = once(() => import('./goals/GoalPage.tsx').then((m) => m.GoalPage));
const loadReport = once(() => import('./reports/ReportPage.tsx').then((m) => m.ReportPage));
const loadAdopted = once(() => import('./adopted/AdoptedPlanPage.tsx').then((m) => m.AdoptedPlanPage));

export const SectionPage = lazyPage(loadSection);
export const TablePage = lazyPage(loadTable);
export const GoalPage = lazyPage(loadGoal);
export const ReportPage = lazyPage(loadReport);
export const AdoptedPlanPage = lazyPage(loadAdopted);

/*
 * On a first visit straight to such a page (a link in a mail), its chunk would otherwise only be
 * requested after the session check has rendered the route: start it now, alongside that check.
 */
const EARLY: [RegExp, () => Promise<unknown>][] = [
  [/^\/sections\//, () => (prefetchSection(), loadSection())],
  [/^\/tables\/[^/]+\/goals\/[^/]+/, loadGoal],
  [/^\/tables\//, loadTable],
  [/^\/reports\//, loadReport],
  [/^\/plans\/[^/]+\/adopted/, loadAdopted],
];
/** The section's own record too: the editor cannot start without it. */
function prefetchSection() {
  const id = /^\/sections\/([^/]+)/.exec(globalThis.location.pathname)?.[1];
  if (id) prefetch(`section:${decodeURIComponent(id)}`, () => endpoints.section(decodeURIComponent(id)));
}
const early = EARLY.find(([path]) => path.test(globalThis.location?.pathname ?? ''));
if (early) void early[1]().catch(() => undefined);

/*
 * From the login page or "Mijn tafels" nearly every visit goes to a table page next: fetch its small
 * chunk once the page has loaded and the browser is idle, so that the click does not wait for it.
 */
if (!early) {
  globalThis.addEventListener?.('load', () => {
    const whenIdle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    whenIdle(() => void loadTable().catch(() => undefined));
  });
}
