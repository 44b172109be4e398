import { Button, Heading, Link, Paragraph, Textbox } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { fieldError } from '../components/fieldErrors.ts';
import { useLoad } from '../components/useLoad.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

export function InvitePage() {
  const { t, formatDate } = useI18n();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const { me, setMe, logout } = useSession();
  const { data: preview, error: loadError } = useLoad(() => endpoints.previewInvitation(token), [token]);
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('invite.title'), loadError ? null : preview?.tableName);

  if (loadError) {
    return (
      <section className="tw-narrow">
        <Heading level={1}>{t('invite.title')}</Heading>
        <ErrorAlert error={loadError} />
      </section>
    );
  }
  if (!preview || me === undefined) return <Paragraph>{t('app.loading')}</Paragraph>;
  const displayName = name ?? preview.name;
  // An existing account accepts only when logged in as itself: the link alone is no login.
  const loginPath = `/login?next=${encodeURIComponent(`/invite/${token}`)}`;
  const mustLogIn = preview.existingAccount && !me;
  const otherAccount = preview.existingAccount && me && me.user.email !== preview.email ? me : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (!preview!.existingAccount) {
      if (password.length < 12) return setProblem(t('invite.passwordTooShort'));
      if (password !== repeat) return setProblem(t('invite.passwordMismatch'));
    }
    setBusy(true);
    try {
      const result = await endpoints.acceptInvitation(
        token,
        preview!.existingAccount ? { name: displayName } : { name: displayName, password },
      );
      setMe(result.me);
      navigate(`/tables/${result.tableId}`, { replace: true });
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  }

  return (
    <section className="tw-narrow">
      <Heading level={1}>{t('invite.title')}</Heading>
      <Paragraph lead>
        {t('invite.intro', {
          table: preview.tableName,
          role: t(`role.${preview.role}`),
          organization: preview.organizationName,
        })}
      </Paragraph>
      <Paragraph>{t('invite.email', { email: preview.email })}</Paragraph>
      <Paragraph small>{t('invite.expires', { date: formatDate(preview.expiresAt) })}</Paragraph>
      {preview.existingAccount ? <Paragraph>{t('invite.existing')}</Paragraph> : null}
      {mustLogIn ? (
        <Paragraph data-testid="invite-login-first">
          {t('invite.loginFirst', { email: preview.email })}{' '}
          <Link href={loginPath} onClick={(e) => (e.preventDefault(), navigate(loginPath))}>
            {t('invite.loginLink')}
          </Link>
        </Paragraph>
      ) : null}
      {otherAccount ? (
        <>
          <Paragraph data-testid="invite-wrong-account">
            {t('invite.wrongAccount', { current: otherAccount.user.email, email: preview.email })}
          </Paragraph>
          <Button
            type="button"
            appearance="secondary-action-button"
            onClick={async () => {
              await logout();
              navigate(loginPath);
            }}
          >
            {t('invite.switchAccount')}
          </Button>
        </>
      ) : null}
      <ErrorAlert error={error} inline={['name', 'password']} />
      {problem ? (
        <div role="alert" className="tw-alert-error">
          {problem}
        </div>
      ) : null}
      {mustLogIn || otherAccount ? null : (
        <form noValidate onSubmit={submit}>
          {preview.existingAccount ? null : (
            <>
              <Field id="invite-name" label={t('invite.name')} error={fieldError(t, error, 'name')}>
                <Textbox required autoComplete="name" value={displayName} onChange={(e) => setName(e.target.value)} />
              </Field>
              <Field
                id="invite-password"
                label={t('invite.password')}
                hint={t('invite.passwordHelp')}
                error={fieldError(t, error, 'password')}
              >
                <Textbox
                  type="password"
                  autoComplete="new-password"
                  required
                  minLength={12}
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              </Field>
              <Field id="invite-repeat" label={t('invite.passwordRepeat')}>
                <Textbox
                  type="password"
                  autoComplete="new-password"
                  required
                  value={repeat}
                  onChange={(e) => setRepeat(e.target.value)}
                />
              </Field>
            </>
          )}
          <Button type="submit" appearance="primary-action-button" disabled={busy}>
            {t('invite.accept')}
          </Button>
        </form>
      )}
    </section>
  );
}
