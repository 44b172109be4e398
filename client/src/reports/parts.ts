import type { ReportDetail } from '../../../shared/api.ts';
import { goalPartKey } from '../../../shared/documents.ts';
import type { Translate } from '../i18n/i18n.tsx';

export interface PartOption {
  /** The part id a question is anchored to; `#part-<id>` on the report page. */
  id: string;
  label: string;
}

/**
 * The parts of a report a council question can be about, in the page's order: the summary, each goal
 * (its figures and explanation: `goal-<id>` is also the key of its narrative part), the sections, the
 * escalations, the coverage matrix and the outlook.
 */
export function partOptions(t: Translate, report: ReportDetail): PartOption[] {
  const has = (key: string) => report.narrative.some((part) => part.key === key);
  return [
    ...(has('summary') ? [{ id: 'summary', label: t('reports.part.summary') }] : []),
    ...report.generated.goals.map((goal) => ({
      id: goalPartKey(goal.id),
      label: t('reports.part.goalFigures', { goal: goal.title }),
    })),
    { id: 'sections', label: t('reports.sections.title') },
    { id: 'escalations', label: t('reports.escalations.title') },
    { id: 'coverage', label: t('reports.coverage.title') },
    ...(has('outlook') ? [{ id: 'outlook', label: t('reports.part.outlook') }] : []),
  ];
}

/** A part id in words; an id this revision no longer has (a goal since removed) is shown as it is. */
export function partLabel(t: Translate, report: ReportDetail, id: string): string {
  return partOptions(t, report).find((option) => option.id === id)?.label ?? id;
}
