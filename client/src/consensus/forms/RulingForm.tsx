import { Button, Heading, Paragraph, Textarea } from '@utrecht/component-library-react/css-module';
import { useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ActionProps } from './act.ts';

/** A municipal delegate drafts the ruling (or replaces the current draft, whose endorsements then lapse). */
export function RulingForm({ consensus, act, busy }: ActionProps) {
  const { t } = useI18n();
  const draft = consensus.ruling && consensus.ruling.effectiveAt === null ? consensus.ruling : null;
  const [text, setText] = useState(draft?.text ?? '');
  const [rationale, setRationale] = useState(draft?.rationale ?? '');
  async function submit(event: FormEvent) {
    event.preventDefault();
    await act(
      () => endpoints.draftRuling(consensus.sectionId, { text: text.trim(), rationale: rationale.trim() }),
      t('consensus.draftRuling.done'),
    );
  }
  return (
    <form className="tw-panel" onSubmit={submit} data-testid="ruling-form">
      <Heading level={4}>{t('consensus.draftRuling.title')}</Heading>
      {draft ? <Paragraph>{t('consensus.draftRuling.redraft')}</Paragraph> : null}
      <Field label={t('consensus.draftRuling.text')} hint={t('consensus.plainTextHelp')}>
        <Textarea required rows={8} value={text} onChange={(e) => setText(e.target.value)} data-testid="ruling-text" />
      </Field>
      <Field label={t('consensus.draftRuling.rationale')}>
        <Textarea
          required
          rows={4}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          data-testid="ruling-rationale"
        />
      </Field>
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="ruling-submit">
          {t('consensus.draftRuling.submit')}
        </Button>
      </div>
    </form>
  );
}
