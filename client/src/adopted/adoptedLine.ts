import type { AdoptedSummary } from '../../../shared/api.ts';
import type { Translate } from '../i18n/i18n.tsx';

/**
 * "Vastgesteld op 1 juli 2026 met consensus (versie 3)". A module of its own: the table page's links
 * need the line without AdoptedTextView, which brings the rich diff and the editor's libraries (issue 17).
 */
export function adoptedLine(t: Translate, formatDate: (iso: string) => string, adopted: AdoptedSummary): string {
  return t('adopted.adoptedOn', {
    date: formatDate(adopted.adoptedAt),
    way: t(`adopted.way.${adopted.way}`),
    version: adopted.versionNumber,
  });
}
