import { Heading } from '@utrecht/component-library-react';
import type { KpiView } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { KpiStatusBadge } from './KpiStatusBadge.tsx';
import { MeasurementForm } from './MeasurementForm.tsx';
import { MeasurementList } from './MeasurementList.tsx';
import { TrendChart } from './TrendChart.tsx';
import { useKpiFormat } from './useKpiFormat.ts';

interface Props {
  tableId: string;
  kpi: KpiView;
  canMeasure: boolean;
  onSaved(kpi: KpiView): void;
}

/** One KPI on its goal's page: its definition, status, trend, measurements and (for the secretariat) a new one. */
export function KpiPanel({ tableId, kpi, canMeasure, onSaved }: Props) {
  const { t } = useI18n();
  const format = useKpiFormat();
  return (
    <section className="tw-card" aria-labelledby={`kpi-${kpi.id}`} data-testid="kpi" data-kpi-id={kpi.id}>
      <Heading level={3} id={`kpi-${kpi.id}`} className="tw-card-title">
        {kpi.indicator}
      </Heading>
      <dl className="tw-facts">
        <dt>{t('kpi.unit')}</dt>
        <dd>{t(`kpi.unit.${kpi.unit}`)}</dd>
        <dt>{t('kpi.direction')}</dt>
        <dd>{t(`kpi.direction.${kpi.direction}`)}</dd>
        <dt>{t('kpi.baseline')}</dt>
        <dd>{t('kpi.baselineValue', { value: format(kpi.unit, kpi.baseline.value), year: kpi.baseline.year })}</dd>
        <dt>{t('kpi.targets')}</dt>
        <dd>
          {kpi.targets.length
            ? kpi.targets.map((target) => `${target.year}: ${format(kpi.unit, target.value)}`).join(' · ')
            : t('kpi.noTargets')}
        </dd>
        <dt>{t('kpi.statusLabel')}</dt>
        <dd>
          <KpiStatusBadge status={kpi.status} />
        </dd>
      </dl>
      <TrendChart kpi={kpi} />
      <MeasurementList kpi={kpi} />
      {canMeasure ? <MeasurementForm tableId={tableId} kpi={kpi} onSaved={onSaved} /> : null}
    </section>
  );
}
