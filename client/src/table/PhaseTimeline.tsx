import { Heading } from '@utrecht/component-library-react';
import type { PhaseView } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The table's phases in order, the current one marked for eyes and for screen readers. */
export function PhaseTimeline({ phases }: { phases: PhaseView[] }) {
  const { t, formatDate } = useI18n();
  return (
    <section aria-labelledby="phases-heading">
      <Heading level={2} id="phases-heading">
        {t('table.phases')}
      </Heading>
      <ol className="tw-phases">
        {phases.map((phase) => (
          <li
            key={phase.key}
            className={phase.isCurrent ? 'tw-phase tw-phase-current' : 'tw-phase'}
            aria-current={phase.isCurrent ? 'step' : undefined}
            data-testid={phase.isCurrent ? 'phase-current' : undefined}
          >
            <strong>{phase.name}</strong>
            {phase.isCurrent ? <span className="tw-badge">{t('table.phase.current')}</span> : null}
            <span className="tw-phase-period">
              {t('table.phase.period', { from: formatDate(phase.startsOn), to: formatDate(phase.endsOn) })}
            </span>
            <span className="tw-phase-description">{phase.description}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
