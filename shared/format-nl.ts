import type { KpiUnit } from './goals.ts';

/**
 * Dutch number, money and date formatting for documents that are always Dutch (the published plan,
 * the progress reports to the councils), whatever the reader's interface language. Pure, so the
 * server's PDF and the client can show a figure the same way. The client's interface formats through
 * its i18n messages instead (client/src/goals/useKpiFormat.ts), because it also speaks English.
 *
 * The space before "%" and after "€" is a normal space, not a no-break space: text extracted from a
 * PDF (copy, search, pdftotext) then reads "12,5 %" as people type it.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: min, maximumFractionDigits: max });
    numberFormats.set(key, format);
  }
  return format;
}

/** "12,5", "1.234": up to two decimals unless fractionDigits fixes the number of decimals. */
export function formatNumberNl(value: number, fractionDigits?: number): string {
  return fractionDigits === undefined
    ? numberFormat(0, 2).format(value)
    : numberFormat(fractionDigits, fractionDigits).format(value);
}

/** The value is already in percent units: 12.5 → "12,5 %". */
export function formatPercentNl(value: number, fractionDigits?: number): string {
  return `${formatNumberNl(value, fractionDigits)} %`;
}

/** Whole euros without cents ("€ 1.234.567"); amounts with cents get two decimals ("€ 12,50"). */
export function formatEuroNl(value: number): string {
  return `€ ${formatNumberNl(value, Number.isInteger(value) ? 0 : 2)}`;
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "1 juli 2026", on the calendar of Amsterdam (so 30 June 23:30 UTC is already 1 July). */
export function formatDateNl(date: Date): string {
  return dateFormat.format(date);
}

/** A KPI value in its unit: "12,5 %", "1.234", "€ 1.200", "12 dagen", "1 dag". */
export function formatKpiValue(value: number, unit: KpiUnit): string {
  switch (unit) {
    case 'percent':
      return formatPercentNl(value);
    case 'euro':
      return formatEuroNl(value);
    case 'days':
      return `${formatNumberNl(value)} ${Math.abs(value) === 1 ? 'dag' : 'dagen'}`;
    case 'count':
    case 'number':
      return formatNumberNl(value);
  }
}
