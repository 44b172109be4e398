import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Fragment } from 'react';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Mail text with its links clickable, so an invitation can be followed from here. */
function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <>
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) ? (
          <a key={index} href={part} className="utrecht-link">
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export function OutboxPage() {
  const { t, formatDateTime } = useI18n();
  const { data, error } = useLoad(() => endpoints.outbox(), []);
  usePageTitle(t('outbox.title'));
  return (
    <section>
      <Heading level={1}>{t('outbox.title')}</Heading>
      <Paragraph>{t('outbox.intro')}</Paragraph>
      <ErrorAlert error={error} />
      {data && data.mails.length === 0 ? <Paragraph>{t('outbox.none')}</Paragraph> : null}
      {data?.mails.map((mail) => (
        <article key={mail.id} className="tw-card" data-testid="outbox-mail">
          <Heading level={2} className="tw-card-title">
            {mail.subject}
          </Heading>
          <Paragraph small>
            {t('outbox.to')}: {mail.to} · {formatDateTime(mail.createdAt)} ·{' '}
            {mail.deliveredVia === 'smtp'
              ? t('outbox.viaSmtp')
              : mail.deliveredVia === 'api'
                ? t('outbox.viaApi')
                : t('outbox.kept')}
          </Paragraph>
          {mail.error ? <Paragraph>{t('outbox.error', { error: mail.error })}</Paragraph> : null}
          <pre className="tw-mail">
            <Linked text={mail.text} />
          </pre>
        </article>
      ))}
    </section>
  );
}
