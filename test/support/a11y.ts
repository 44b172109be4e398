import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './process.ts';

/** axe-core from node_modules (the page loads nothing from outside). */
export const AXE_PATH = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
let axeSource: string | undefined;

/** WCAG 2.1 A and AA: what Dutch public bodies must meet (EN 301 549). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeResultShape {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
}

/** Runs axe on the page as it is now; returns the serious and critical violations only. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) {
    // Our Content-Security-Policy (default-src 'self') refuses an inline <script> (addScriptTag); a
    // script run through the debugging protocol is not subject to it, and the policy stays as users get it.
    axeSource ??= readFileSync(AXE_PATH, 'utf8');
    await page.evaluate(axeSource);
  }
  const result = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<unknown> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, AXE_TAGS);
  return (result as AxeResultShape).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
    }));
}

/**
 * Whether the page itself scrolls sideways (WCAG 1.4.10 reflow): a wide table may scroll inside its
 * own region, the document may not. Returns the widest offending elements to say where to look.
 */
export async function horizontalOverflow(page: Page): Promise<{ overflow: boolean; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const overflow = document.documentElement.scrollWidth > width;
    if (!overflow) return { overflow, culprits: [] };
    const culprits: string[] = [`scrollWidth ${document.documentElement.scrollWidth} > ${width}`];
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect();
      // Its own box, or content spilling out of it (a long word in a large heading).
      const spill = getComputedStyle(element).overflowX === 'visible' ? element.scrollWidth - element.clientWidth : 0;
      const right = box.right + Math.max(0, spill);
      if (right <= width + 1 || box.width === 0) continue;
      // Inside a scrollable region the overflow is that region's, not the page's.
      let parent = element.parentElement;
      let contained = false;
      while (parent && parent !== document.body) {
        const style = getComputedStyle(parent);
        if (style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden') {
          contained = true;
          break;
        }
        parent = parent.parentElement;
      }
      if (contained) continue;
      const id = element.id ? `#${element.id}` : '';
      const cls =
        typeof element.className === 'string' && element.className ? `.${element.className.split(' ')[0]}` : '';
      const testId = element.getAttribute('data-testid');
      culprits.push(
        `${element.tagName.toLowerCase()}${id}${cls}${testId ? `[${testId}]` : ''} (${Math.round(right)}px)`,
      );
      if (culprits.length >= 7) break;
    }
    return { overflow, culprits };
  });
}

/** A path with its ids replaced, so that every page type is visited a bounded number of times. */
export function routePattern(path: string): string {
  return path
    .split('/')
    .map((part) => (/^[0-9a-f-]{16,}$/i.test(part) || /^\d+$/.test(part) ? ':id' : part))
    .join('/');
}
