import { Heading } from '@utrecht/component-library-react';
import type { TableRules } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function RulesView({ rules }: { rules: TableRules }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="rules-heading">
      <Heading level={2} id="rules-heading">
        {t('table.rules')}
      </Heading>
      <dl className="tw-facts" data-testid="rules">
        <dt>{t('table.rules.consent')}</dt>
        <dd>{t('table.rules.consentValue')}</dd>
        <dt>{t('table.rules.responsePeriod')}</dt>
        <dd>{t('table.rules.responsePeriodValue', { days: rules.responsePeriodDays })}</dd>
        <dt>{t('table.rules.silence')}</dt>
        <dd>{rules.silenceIsConsent ? t('yes') : t('no')}</dd>
        <dt>{t('table.rules.ruling')}</dt>
        <dd>{t(`ruling.${rules.rulingRule}`)}</dd>
      </dl>
    </section>
  );
}
