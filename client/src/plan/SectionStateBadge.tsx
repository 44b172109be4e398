import type { SectionView } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Where a section stands (Concept, …) and, when it is locked, that it is and why; in words, not colour alone. */
export function SectionStateBadge({ section }: { section: Pick<SectionView, 'state' | 'locked' | 'lockReason'> }) {
  const { t } = useI18n();
  return (
    <>
      <span className="tw-badge" data-testid="section-state">
        {t(`plan.state.${section.state}`)}
      </span>
      {section.locked ? (
        <span className="tw-badge tw-badge-locked" data-testid="section-lock">
          <span aria-hidden="true">🔒 </span>
          {t('plan.state.locked', { reason: section.lockReason ?? t('section.lockedNoReason') })}
        </span>
      ) : null}
    </>
  );
}
