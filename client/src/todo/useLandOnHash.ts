import { useEffect } from 'react';
import { useLocation } from 'react-router';

/** How long the page may still shift (the live text above arrives after the form) before we let go. */
const SETTLE_MS = 3_000;
/** The room kept above the landed element. */
const LEAD_PX = 64;

/**
 * A deep link (`/sections/<id>#position-form`, from a mail or the to-do list) lands on the element
 * with that id: scrolled into view and focused (it needs tabIndex={-1}), so that keyboard and screen
 * reader users start where they are asked to act. Content above it (the co-edited text) loads later
 * and pushes it down, so it is scrolled back into view while the page settles, unless the reader
 * scrolls or types first.
 */
export function useLandOnHash(id: string): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (hash !== `#${id}`) return;
    const target = document.getElementById(id);
    if (!target) return;
    // scrollIntoView also scrolls a scrolling column it sits in; then a little room above it, so that
    // the reader sees where the form sits (under the round it is about).
    const land = () => {
      target.scrollIntoView({ block: 'start' });
      if (target.getBoundingClientRect().top < LEAD_PX) window.scrollBy(0, -LEAD_PX);
    };
    land();
    target.focus({ preventScroll: true });
    const observer = new ResizeObserver(land);
    observer.observe(document.body);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
      for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown'] as const) {
        window.removeEventListener(type, stop);
      }
    };
    const timer = setTimeout(stop, SETTLE_MS);
    for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown'] as const) {
      window.addEventListener(type, stop, { passive: true });
    }
    return stop;
  }, [hash, id]);
}
