import { Alert, Paragraph } from '@utrecht/component-library-react/css-module';
import { ApiError } from '../api/client.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';

export function errorText(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') return t('error.network');
    return t(`error.${error.code}`, { message: error.message });
  }
  return t('error.internal');
}

/** Shows an API error in the catalog's words; role="alert" so screen readers announce it. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert type="error" role="alert">
      <Paragraph>{errorText(t, error)}</Paragraph>
    </Alert>
  );
}

export function StatusMessage({ text }: { text: string | null }) {
  return (
    <div role="status" aria-live="polite" className="tw-status">
      {text ? (
        <Alert type="ok">
          <Paragraph>{text}</Paragraph>
        </Alert>
      ) : null}
    </div>
  );
}
