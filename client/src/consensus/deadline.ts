import type { Language } from '../i18n/i18n.tsx';

/**
 * A round's deadline is the end of a Dutch working day (Europe/Amsterdam), whatever the viewer's own time
 * zone: show that day, not a time that would read as "the day before" elsewhere.
 */
export function formatDeadline(language: Language, iso: string): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}
