import { Paragraph } from '@utrecht/component-library-react';
import type { KpiView } from '../../../shared/api.ts';
import { comparePeriods } from '../../../shared/goals.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useKpiFormat } from './useKpiFormat.ts';

/** The measurements of a KPI, newest half year first: period, value, source, note and who recorded it. */
export function MeasurementList({ kpi }: { kpi: KpiView }) {
  const { t, formatDateTime } = useI18n();
  const format = useKpiFormat();
  if (kpi.measurements.length === 0)
    return <Paragraph data-testid="measurements-none">{t('kpi.noMeasurements')}</Paragraph>;
  const measurements = [...kpi.measurements].sort((a, b) => comparePeriods(b.period, a.period));
  return (
    <div className="tw-scroll" role="region" aria-labelledby={`measurements-${kpi.id}`} tabIndex={0}>
      <table className="tw-table" data-testid="measurements">
        <caption id={`measurements-${kpi.id}`} className="tw-caption">
          {t('kpi.measurements', { indicator: kpi.indicator })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('kpi.period')}</th>
            <th scope="col">{t('kpi.value')}</th>
            <th scope="col">{t('kpi.source')}</th>
            <th scope="col">{t('kpi.note')}</th>
            <th scope="col">{t('kpi.recordedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {measurements.map((m) => (
            <tr key={m.period} data-testid="measurement" data-period={m.period}>
              <th scope="row">{m.period}</th>
              <td>{format(kpi.unit, m.value)}</td>
              <td>{m.source}</td>
              <td>{m.note}</td>
              <td>
                {t('plan.person', { name: m.recordedBy.name, organization: m.recordedBy.organizationName })}
                <span className="tw-muted tw-block">{formatDateTime(m.recordedAt)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
