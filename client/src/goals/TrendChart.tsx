import { useId } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { trendOf, type ChartKpi, type TrendPoint } from './trend.ts';
import { useKpiFormat } from './useKpiFormat.ts';

const WIDTH = 640;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 20, bottom: 64, left: 72 };

/**
 * Measurements per half year as a line with points against the target line; hand-drawn SVG. Screen
 * readers get a summary as the image's name and the figures in a visually hidden table. Draws a goal's KPI
 * and a report's KPI as of its period's end alike.
 */
export function TrendChart({ kpi }: { kpi: ChartKpi }) {
  const { t } = useI18n();
  const format = useKpiFormat();
  const id = useId();
  const trend = trendOf(kpi);
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const low = trend.ticks[0]!;
  const high = trend.ticks.at(-1)!;
  const index = new Map<string, number>(trend.periods.map((period, i) => [period, i]));
  const x = (period: string) =>
    MARGIN.left +
    (trend.periods.length === 1
      ? innerWidth / 2
      : ((index.get(period) ?? 0) / (trend.periods.length - 1)) * innerWidth);
  const y = (value: number) => MARGIN.top + innerHeight - ((value - low) / (high - low || 1)) * innerHeight;
  const line = (points: TrendPoint[]) => points.map((p) => `${x(p.period)},${y(p.value)}`).join(' ');
  const latest = trend.measurements.at(-1);
  const targetByPeriod = new Map(trend.targets.slice(1).map((p) => [p.period, p.value]));
  const summary = [
    t('chart.summary.baseline', { value: format(kpi.unit, kpi.baseline.value), year: kpi.baseline.year }),
    latest
      ? t('chart.summary.latest', { value: format(kpi.unit, latest.value), period: latest.period })
      : t('chart.summary.noMeasurements'),
    latest && targetByPeriod.has(latest.period)
      ? t('chart.summary.target', {
          value: format(kpi.unit, targetByPeriod.get(latest.period)!),
          period: latest.period,
        })
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const tableRows = trend.periods.filter(
    (p) => targetByPeriod.has(p) || trend.measurements.some((m) => m.period === p),
  );

  return (
    <figure className="tw-chart" data-testid="trend-chart">
      {/* On a phone the chart keeps its size (legible labels) and scrolls within this region. */}
      <div
        className="tw-chart-scroll"
        tabIndex={0}
        role="region"
        aria-label={t('chart.title', { indicator: kpi.indicator })}
      >
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-label={`${t('chart.title', { indicator: kpi.indicator })}. ${summary}`}
          className="tw-chart-svg"
        >
          <g className="tw-chart-grid">
            {trend.ticks.map((tick) => (
              <g key={tick}>
                <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
                <text x={MARGIN.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle">
                  {format(kpi.unit, tick)}
                </text>
              </g>
            ))}
          </g>
          <g className="tw-chart-axis">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(low)} y2={y(low)} />
            {trend.periods.map((period) => (
              <text
                key={period}
                x={x(period)}
                y={HEIGHT - MARGIN.bottom + 14}
                textAnchor="end"
                transform={`rotate(-40 ${x(period)} ${HEIGHT - MARGIN.bottom + 14})`}
              >
                {period}
              </text>
            ))}
          </g>
          <polyline className="tw-chart-target" points={line(trend.targets)} />
          {trend.targets.slice(1).map((p) => (
            <rect
              key={p.period}
              className="tw-chart-target-point"
              x={x(p.period) - 3}
              y={y(p.value) - 3}
              width={6}
              height={6}
            >
              <title>{t('chart.point.target', { period: p.period, value: format(kpi.unit, p.value) })}</title>
            </rect>
          ))}
          <path
            className="tw-chart-baseline"
            d={`M ${x(trend.baseline.period)} ${y(trend.baseline.value) - 6} l 6 6 l -6 6 l -6 -6 z`}
          >
            <title>
              {t('chart.point.baseline', { year: kpi.baseline.year, value: format(kpi.unit, kpi.baseline.value) })}
            </title>
          </path>
          {trend.measurements.length > 1 ? (
            <polyline className="tw-chart-measured" points={line(trend.measurements)} />
          ) : null}
          {trend.measurements.map((p) => (
            <circle key={p.period} className="tw-chart-measured-point" cx={x(p.period)} cy={y(p.value)} r={5}>
              <title>{t('chart.point.measured', { period: p.period, value: format(kpi.unit, p.value) })}</title>
            </circle>
          ))}
        </svg>
      </div>
      <figcaption className="tw-chart-legend">
        <span>
          <svg width="32" height="12" aria-hidden="true">
            <line x1="0" x2="32" y1="6" y2="6" className="tw-chart-measured" />
            <circle cx="16" cy="6" r="4" className="tw-chart-measured-point" />
          </svg>{' '}
          {t('chart.legend.measured')}
        </span>
        <span>
          <svg width="32" height="12" aria-hidden="true">
            <line x1="0" x2="32" y1="6" y2="6" className="tw-chart-target" />
          </svg>{' '}
          {t('chart.legend.target')}
        </span>
        <span>
          <svg width="14" height="14" aria-hidden="true">
            <path d="M 7 1 l 6 6 l -6 6 l -6 -6 z" className="tw-chart-baseline" />
          </svg>{' '}
          {t('chart.legend.baseline')}
        </span>
      </figcaption>
      {/* Hidden in a box, not as a table: a hidden table still widens the page on a phone. */}
      <div className="tw-visually-hidden">
        <table aria-labelledby={`${id}-caption`}>
          <caption id={`${id}-caption`}>{t('chart.table', { indicator: kpi.indicator })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kpi.period')}</th>
              <th scope="col">{t('chart.legend.measured')}</th>
              <th scope="col">{t('chart.legend.target')}</th>
            </tr>
          </thead>
          <tbody>
            {tableRows.map((period) => {
              const measured = trend.measurements.find((m) => m.period === period);
              const target = targetByPeriod.get(period);
              return (
                <tr key={period}>
                  <th scope="row">{period}</th>
                  <td>{measured ? format(kpi.unit, measured.value) : '—'}</td>
                  <td>{target !== undefined ? format(kpi.unit, target) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
