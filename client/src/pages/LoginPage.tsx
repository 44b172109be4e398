import { Button, Heading, Paragraph, Textbox } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { fieldError } from '../components/fieldErrors.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

/**
 * Only relative paths on this site: an open redirect after login would be a phishing aid. Browsers read
 * `//host` and `/\host` as another site, so those go home, as does anything that resolves elsewhere.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  const origin = globalThis.location?.origin ?? 'http://localhost';
  try {
    const url = new URL(next, origin);
    // Back to the login page itself would only ask again.
    if (url.origin !== origin || url.pathname === '/login') return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}

export function LoginPage() {
  const { t } = useI18n();
  const { me, setMe } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = safeNext(params.get('next'));
  usePageTitle(t('login.title'));

  if (me) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setMe(await endpoints.login(email, password));
      navigate(next, { replace: true });
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  }

  const rateLimited = error instanceof ApiError && error.code === 'rate_limited';
  return (
    <section className="tw-narrow">
      <Heading level={1}>{t('login.title')}</Heading>
      <Paragraph>{params.get('next') ? t('login.sessionExpired') : t('login.intro')}</Paragraph>
      {rateLimited ? (
        <div role="alert" className="tw-alert-error">
          {t('login.rateLimited', { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) })}
        </div>
      ) : (
        <ErrorAlert error={error} inline={['email', 'password']} />
      )}
      {/* The browser's own checks would speak its language: the server's answer is worded in ours. */}
      <form onSubmit={submit} noValidate>
        <Field id="login-email" label={t('login.email')} error={fieldError(t, error, 'email')}>
          <Textbox
            data-testid="login-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field id="login-password" label={t('login.password')} error={fieldError(t, error, 'password')}>
          <Textbox
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <Button type="submit" appearance="primary-action-button" data-testid="login-submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </Button>
      </form>
    </section>
  );
}
