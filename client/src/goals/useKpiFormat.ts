import { useMemo } from 'react';
import type { KpiUnit } from '../../../shared/goals.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Formats a KPI value in its unit and the current language (e.g. "4,5 %", "€ 1.200", "30 dagen"). */
export function useKpiFormat(): (unit: KpiUnit, value: number) => string {
  const { t, language } = useI18n();
  return useMemo(() => {
    const number = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 });
    return (unit, value) => t(`kpi.value.${unit}`, { value: number.format(value) });
  }, [t, language]);
}
