import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';

/** The id of the polite live region in the Layout that names each page a reader navigates to. */
export const ROUTE_ANNOUNCER_ID = 'tw-route-announcer';

/**
 * The location (by React Router's key) whose page was last announced: a page's title settles only
 * once its data has loaded, and a later change of that title (another language, a renamed table)
 * is not a new page. Module state, as there is one document.
 */
let announcedKey: string | undefined;

/** Moves focus to the page's main heading, so that keyboard and screen reader users start there. */
function focusMainHeading(): void {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (!heading) return;
  // Focusable by script only: a heading is no stop in the tab order.
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus();
}

/**
 * Gives the page its own document title, "<page> — <context> — Tafelwerk" (WCAG 2.4.2), from its
 * most specific part to the least; `undefined` parts mean the page is still loading and nothing is
 * set yet. After a client-side navigation (not the first load: the browser announces that, and a
 * link with a #target lands there itself) focus moves to the page's h1 and a polite live region
 * says which page this is, as a full page load would (WCAG 2.4.3, 4.1.3).
 */
export function usePageTitle(...parts: Array<string | null | undefined>): void {
  const { t } = useI18n();
  const { key, hash } = useLocation();
  const ready = parts.every((part) => part !== undefined);
  const page = parts.filter((part): part is string => Boolean(part)).join(' — ');

  useEffect(() => {
    if (!ready) return;
    document.title = page ? `${page} — ${t('app.name')}` : t('app.name');
    if (announcedKey === key) return;
    const firstLoad = announcedKey === undefined && key === 'default';
    announcedKey = key;
    if (firstLoad) return;
    const announcer = document.getElementById(ROUTE_ANNOUNCER_ID);
    if (announcer) announcer.textContent = page;
    if (!hash) focusMainHeading();
  }, [ready, page, key, hash, t]);
}
