import { useEffect } from 'react';
import type { ReportDetail } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';

const REFRESH_MS = 20_000;

/**
 * While a draft is open, others mark it ready or publish it. The detail is generated afresh on every
 * read (seconds), so look at the table's cheap list instead and reload the detail only when this
 * report's status or ready marks moved.
 */
export function useReportRefresh(report: ReportDetail | undefined, reload: () => Promise<void>): void {
  useEffect(() => {
    if (!report || report.status !== 'draft') return;
    const timer = setInterval(() => {
      endpoints.reports(report.tableId).then(
        (list) => {
          const now = list.reports.find((candidate) => candidate.id === report.id);
          if (!now) return;
          const moved =
            now.status !== report.status ||
            (now.readyByChair === null) !== (report.readyByChair === null) ||
            (now.readyBySecretariat === null) !== (report.readyBySecretariat === null);
          if (moved) void reload();
        },
        // A failed look is no news: the next one may work, and actions report their own errors.
        () => undefined,
      );
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [report, reload]);
}
