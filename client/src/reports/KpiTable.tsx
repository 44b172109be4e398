import type { ReportGoal, ReportKpi } from '../../../shared/api.ts';
import { KpiStatusBadge } from '../goals/KpiStatusBadge.tsx';
import { useKpiFormat } from '../goals/useKpiFormat.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A change with its sign ("+1,5 procentpunt", "−30"); for a percentage the difference is in points, not
 * in percent of the old value.
 */
function useChange(): (kpi: ReportKpi, change: number | null) => string {
  const { t, language } = useI18n();
  const format = useKpiFormat();
  return (kpi, change) => {
    if (change === null) return '—';
    const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
    if (kpi.unit === 'percent') {
      const number = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 });
      return `${sign}${t('reports.kpi.points', { value: number.format(Math.abs(change)) })}`;
    }
    return `${sign}${format(kpi.unit, Math.abs(change))}`;
  };
}

/** A goal's KPIs in one table: baseline, the figure at the period's end, the year's target, changes, status. */
export function KpiTable({ goal, year }: { goal: ReportGoal; year: number }) {
  const { t } = useI18n();
  const format = useKpiFormat();
  const change = useChange();
  return (
    <div className="tw-scroll" role="region" aria-label={t('reports.kpi.caption', { goal: goal.title })} tabIndex={0}>
      <table className="tw-table" data-testid="report-kpis">
        <caption className="tw-caption">{t('reports.kpi.caption', { goal: goal.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('kpi.indicator')}</th>
            <th scope="col">{t('reports.kpi.baseline')}</th>
            <th scope="col">{t('reports.kpi.current')}</th>
            <th scope="col">{t('reports.kpi.target', { year })}</th>
            <th scope="col">{t('reports.kpi.sinceBaseline')}</th>
            <th scope="col">{t('reports.kpi.sincePrevious')}</th>
            <th scope="col">{t('kpi.statusLabel')}</th>
          </tr>
        </thead>
        <tbody>
          {goal.kpis.map((kpi) => (
            <tr key={kpi.id} data-testid="report-kpi" data-status={kpi.status}>
              <th scope="row">
                {kpi.indicator}
                <span className="tw-muted tw-small tw-block">{t(`kpi.direction.${kpi.direction}`)}</span>
              </th>
              <td>
                {t('kpi.baselineValue', { value: format(kpi.unit, kpi.baseline.value), year: kpi.baseline.year })}
              </td>
              <td>
                {kpi.current
                  ? t('reports.kpi.currentValue', {
                      value: format(kpi.unit, kpi.current.value),
                      period: kpi.current.period,
                    })
                  : t('kpi.status.no_data')}
              </td>
              <td>{kpi.target === null ? t('reports.kpi.noTarget') : format(kpi.unit, kpi.target)}</td>
              <td>{change(kpi, kpi.changeSinceBaseline)}</td>
              <td>
                {kpi.changeSincePreviousReport === null
                  ? t('reports.kpi.noPrevious')
                  : change(kpi, kpi.changeSincePreviousReport)}
              </td>
              <td>
                <KpiStatusBadge status={{ status: kpi.status, period: null }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
