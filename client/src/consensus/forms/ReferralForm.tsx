import { Button, Heading, Paragraph, Textarea } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ActionProps } from './act.ts';

/** The chair refers the section to the municipalities, with a report of the mediation. */
export function ReferralForm({ consensus, act, busy }: ActionProps) {
  const { t } = useI18n();
  const [report, setReport] = useState('');
  const escalation = consensus.escalation!;
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await act(() => endpoints.refer(escalation.id, report.trim()), t('consensus.refer.done'))) setReport('');
  }
  return (
    <form noValidate className="tw-panel" onSubmit={submit} data-testid="referral-form">
      <Heading level={4}>{t('consensus.refer.title')}</Heading>
      <Paragraph>{t('consensus.refer.intro')}</Paragraph>
      <Field label={t('consensus.refer.report')}>
        <Textarea
          required
          rows={4}
          value={report}
          onChange={(e) => setReport(e.target.value)}
          data-testid="referral-report"
        />
      </Field>
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="referral-submit">
          {t('consensus.refer.submit')}
        </Button>
      </div>
    </form>
  );
}
