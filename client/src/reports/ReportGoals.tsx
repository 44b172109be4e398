import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { MeResponse, ReportDetail, ReportGoal, ReportPart } from '../../../shared/api.ts';
import { goalPartKey } from '../../../shared/documents.ts';
import { NationalGoalTag } from '../goals/NationalGoalTag.tsx';
import { TrendChart } from '../goals/TrendChart.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { KpiTable } from './KpiTable.tsx';
import { LiveNarrative, NarrativeText, writesNarrative } from './NarrativePart.tsx';
import { day, periodYear } from './period.ts';
import { chartKpiOf } from './reportChart.ts';

/**
 * A goal's explanation. Writers get it behind a disclosure and the live editor is only mounted while open:
 * six goals would otherwise keep six documents, sockets and editors busy on one page.
 */
function GoalExplanation({
  report,
  part,
  me,
  goal,
}: {
  report: ReportDetail;
  part: ReportPart;
  me: MeResponse;
  goal: ReportGoal;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const label = t('reports.part.goal', { goal: goal.title });
  if (!writesNarrative(report)) {
    return (
      <div data-testid="narrative-part" data-part={part.key}>
        <Heading level={4}>{t('reports.part.explanation')}</Heading>
        <NarrativeText part={part} />
      </div>
    );
  }
  return (
    <details
      className="tw-details"
      data-testid="narrative-part"
      data-part={part.key}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary data-testid="narrative-toggle">
        <Heading level={4} className="tw-summary-heading">
          {t('reports.part.explanationWrite')}
        </Heading>
      </summary>
      {open ? <LiveNarrative part={part} me={me} label={label} /> : null}
    </details>
  );
}

function GoalPart({ report, goal, me }: { report: ReportDetail; goal: ReportGoal; me: MeResponse }) {
  const { t } = useI18n();
  const key = goalPartKey(goal.id);
  const part = report.narrative.find((candidate) => candidate.key === key);
  return (
    <section id={`part-${key}`} className="tw-card" aria-labelledby={`heading-${key}`} data-testid="report-goal">
      <Heading level={3} id={`heading-${key}`} className="tw-card-title">
        {goal.title} <NationalGoalTag goal={goal.nationalGoal} />
      </Heading>
      {goal.kpis.length === 0 ? (
        <Paragraph>{t('reports.goals.noKpis')}</Paragraph>
      ) : (
        <>
          <KpiTable goal={goal} year={periodYear(report.period)} />
          {goal.kpis.map((kpi) => (
            <TrendChart key={kpi.id} kpi={chartKpiOf(kpi, report.period)} />
          ))}
        </>
      )}
      {part ? <GoalExplanation report={report} part={part} me={me} goal={goal} /> : null}
    </section>
  );
}

/** Per goal its KPIs as of the period's end against the target of that year, a chart per KPI, the explanation. */
export function ReportGoals({ report, me }: { report: ReportDetail; me: MeResponse }) {
  const { t, formatDate } = useI18n();
  return (
    <section
      id="part-goals"
      aria-labelledby="report-goals-heading"
      className="tw-block-section"
      data-testid="report-goals"
    >
      <Heading level={2} id="report-goals-heading">
        {t('reports.goals.title')}
      </Heading>
      <Paragraph>
        {t('reports.goals.intro', {
          date: formatDate(day(report.generated.periodEnd)),
          year: periodYear(report.period),
        })}
      </Paragraph>
      {report.generated.goals.length === 0 ? <Paragraph>{t('reports.goals.none')}</Paragraph> : null}
      {report.generated.goals.map((goal) => (
        <GoalPart key={goal.id} report={report} goal={goal} me={me} />
      ))}
    </section>
  );
}
