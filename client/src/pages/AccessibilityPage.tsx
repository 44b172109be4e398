import { Heading, Paragraph } from '@utrecht/component-library-react';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** What is known not to meet WCAG 2.1 AA yet: said plainly, as the model statement asks. */
const KNOWN = ['a11y.known.pdf', 'a11y.known.carets', 'a11y.known.charts', 'a11y.known.manual'] as const;

/**
 * The accessibility statement (toegankelijkheidsverklaring) in the order of the Dutch government's
 * model: organisation and scope, compliance status, what does not comply yet, contact, enforcement.
 * Public (no login): the Besluit digitale toegankelijkheid overheid asks it of every public site.
 */
export function AccessibilityPage() {
  const { t } = useI18n();
  usePageTitle(t('a11y.title'));
  const email = t('a11y.contact.email');
  return (
    <article className="tw-statement" data-testid="accessibility-statement">
      {/* The heading's word carries a soft hyphen: on a phone it breaks as Dutch does, not mid-letter. */}
      <Heading level={1}>{t('a11y.heading')}</Heading>
      <Paragraph lead>{t('a11y.intro')}</Paragraph>

      <section aria-labelledby="a11y-about">
        <Heading level={2} id="a11y-about">
          {t('a11y.about.title')}
        </Heading>
        <dl className="tw-facts tw-facts-stacked">
          <dt>{t('a11y.about.organization')}</dt>
          <dd>{t('a11y.about.organizationValue')}</dd>
          <dt>{t('a11y.about.scope')}</dt>
          <dd>{t('a11y.about.scopeValue')}</dd>
          <dt>{t('a11y.about.date')}</dt>
          <dd>
            <time dateTime="2026-12-02">{t('a11y.about.dateValue')}</time>
          </dd>
        </dl>
      </section>

      <section aria-labelledby="a11y-status">
        <Heading level={2} id="a11y-status">
          {t('a11y.status.title')}
        </Heading>
        <Paragraph>
          <strong data-testid="accessibility-status">{t('a11y.status.text')}</strong>
        </Paragraph>
        <Paragraph>{t('a11y.status.method')}</Paragraph>
      </section>

      <section aria-labelledby="a11y-known">
        <Heading level={2} id="a11y-known">
          {t('a11y.known.title')}
        </Heading>
        <ul>
          {KNOWN.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
        <Paragraph>{t('a11y.plan')}</Paragraph>
      </section>

      <section aria-labelledby="a11y-contact">
        <Heading level={2} id="a11y-contact">
          {t('a11y.contact.title')}
        </Heading>
        <Paragraph>
          {t('a11y.contact.text')}{' '}
          <a href={`mailto:${email}`} className="utrecht-link">
            {email}
          </a>
        </Paragraph>
        <Paragraph>{t('a11y.contact.response')}</Paragraph>
      </section>

      <section aria-labelledby="a11y-enforcement">
        <Heading level={2} id="a11y-enforcement">
          {t('a11y.enforcement.title')}
        </Heading>
        <Paragraph>{t('a11y.enforcement.text')}</Paragraph>
      </section>
    </article>
  );
}
