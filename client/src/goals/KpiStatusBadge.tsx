import type { KpiStatus } from '../../../shared/goals.ts';
import { useI18n } from '../i18n/i18n.tsx';

const SYMBOL: Record<KpiStatus, string> = { on_track: '✓', off_track: '✗', no_target: '–', no_data: '?' };

/** How a KPI stands, in words with a symbol, so that the colour is never the only signal. */
export function KpiStatusBadge({ status }: { status: { status: KpiStatus; period: string | null } }) {
  const { t } = useI18n();
  return (
    <span className={`tw-badge tw-status-${status.status}`} data-testid="kpi-status">
      <span aria-hidden="true">{SYMBOL[status.status]} </span>
      {t(`kpi.status.${status.status}`)}
      {status.period ? ` (${status.period})` : null}
    </span>
  );
}
