import { Button, Heading, Paragraph, Textarea } from '@utrecht/component-library-react/css-module';
import { useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDeadline } from '../deadline.ts';
import type { ActionProps } from './act.ts';

/** The chair proposes a compromise text, which opens a new round on it. */
export function CompromiseForm({ consensus, act, busy }: ActionProps) {
  const { t, language } = useI18n();
  const [text, setText] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const escalation = consensus.escalation!;
  async function copyCurrent() {
    if (consensus.currentVersion === null) return;
    try {
      const version = await endpoints.version(consensus.sectionId, consensus.currentVersion);
      setText(version.text.split('\n').join('\n\n'));
      setLoadError(null);
    } catch (cause) {
      setLoadError(cause);
    }
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await act(
      () => endpoints.proposeCompromise(escalation.id, text.trim()),
      (opened) =>
        'round' in opened
          ? t('consensus.propose.done', {
              version: opened.version.number,
              date: formatDeadline(language, opened.round.deadline),
            })
          : '',
    );
    if (ok) setText('');
  }
  return (
    <form className="tw-panel" onSubmit={submit} data-testid="compromise-form">
      <Heading level={4}>{t('consensus.propose.title')}</Heading>
      <Paragraph>{t('consensus.propose.intro')}</Paragraph>
      <ErrorAlert error={loadError} />
      {consensus.currentVersion !== null ? (
        <div>
          <Button appearance="secondary-action-button" onClick={() => void copyCurrent()} disabled={busy}>
            {t('consensus.propose.useCurrent')}
          </Button>
        </div>
      ) : null}
      <Field label={t('consensus.propose.text')} hint={t('consensus.plainTextHelp')}>
        <Textarea
          required
          rows={10}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="compromise-text"
        />
      </Field>
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="compromise-submit">
          {t('consensus.propose.submit')}
        </Button>
      </div>
    </form>
  );
}
