import type { ReportDetail } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The report is long (a chart per KPI): a line of links to its parts, which are also what questions anchor to. */
export function ReportContents({ report, questions }: { report: ReportDetail; questions: boolean }) {
  const { t } = useI18n();
  const has = (key: string) => report.narrative.some((part) => part.key === key);
  const links = [
    ...(has('summary') ? [{ href: '#part-summary', label: t('reports.part.summary') }] : []),
    { href: '#part-goals', label: t('reports.goals.title') },
    { href: '#part-sections', label: t('reports.sections.title') },
    { href: '#part-escalations', label: t('reports.escalations.title') },
    { href: '#part-coverage', label: t('reports.coverage.title') },
    ...(has('outlook') ? [{ href: '#part-outlook', label: t('reports.part.outlook') }] : []),
    ...(questions ? [{ href: '#questions', label: t('reports.questions.title') }] : []),
  ];
  return (
    <nav aria-label={t('reports.contents')} data-testid="report-contents">
      <ul className="tw-inline-list">
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href} className="utrecht-link">
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
