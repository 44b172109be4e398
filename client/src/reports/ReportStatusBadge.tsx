import type { ReportSummary } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

// The section-state colours: a draft looks like a draft section, a publication like an adopted text.
const CLASS = { draft: 'tw-state tw-state-draft', published: 'tw-state tw-state-agreed', superseded: 'tw-badge-stale' };

/** Concept, gepubliceerd, or vervangen (a correction was published since): in words, not colour alone. */
export function ReportStatusBadge({ report }: { report: Pick<ReportSummary, 'status' | 'superseded'> }) {
  const { t } = useI18n();
  const key = report.superseded ? 'superseded' : report.status;
  return (
    <span className={`tw-badge ${CLASS[key]}`} data-testid="report-status" data-status={key}>
      {t(`reports.status.${key}`)}
    </span>
  );
}
