import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t('notFound.title'));
  return (
    <section>
      <Heading level={1}>{t('notFound.title')}</Heading>
      <Paragraph>{t('notFound.text')}</Paragraph>
      <Paragraph>
        <Link to="/" className="utrecht-link">
          {t('notFound.back')}
        </Link>
      </Paragraph>
    </section>
  );
}
