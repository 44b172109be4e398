import type { SectionView } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Icon } from './Icon.tsx';

/**
 * Where a section stands (Concept, …) and, when it is locked, that it is; the state says why. In words,
 * not colour alone (the server's lockReason is the state's code, so the catalog speaks for it).
 */
export function SectionStateBadge({ section }: { section: Pick<SectionView, 'state' | 'locked'> }) {
  const { t } = useI18n();
  return (
    <>
      <span className={`tw-badge tw-state tw-state-${section.state}`} data-testid="section-state">
        {t(`plan.state.${section.state}`)}
      </span>
      {section.locked ? (
        <span className="tw-badge tw-badge-locked" data-testid="section-lock">
          <Icon name="lock" /> {t('plan.state.locked')}
        </span>
      ) : null}
    </>
  );
}
