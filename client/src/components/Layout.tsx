import {
  Button,
  Link,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  Select,
  SelectOption,
} from '@utrecht/component-library-react/css-module';
import { Link as RouterLink, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useI18n, type Language } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { NotificationBell } from './NotificationBell.tsx';

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <label className="tw-language">
      <span>{t('app.language')}</span>{' '}
      <Select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
        <SelectOption value="nl">Nederlands</SelectOption>
        <SelectOption value="en">English</SelectOption>
      </Select>
    </label>
  );
}

/** The frame of every page: header with who is logged in, the content, a footer. */
export function Layout() {
  const { t } = useI18n();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  return (
    <div className="tw-page">
      <a className="tw-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <PageHeader className="tw-header">
        <div className="tw-header-inner">
          <RouterLink to="/" className="tw-brand">
            {t('app.name')}
          </RouterLink>
          <nav aria-label={t('nav.myTables')} className="tw-nav">
            {me ? (
              <>
                <Link href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
                  {t('nav.myTables')}
                </Link>
                {me.isSecretariat ? (
                  <Link href="/dev/outbox" onClick={(e) => (e.preventDefault(), navigate('/dev/outbox'))}>
                    {t('nav.outbox')}
                  </Link>
                ) : null}
              </>
            ) : null}
          </nav>
          <div className="tw-user">
            {me ? (
              <>
                <NotificationBell />
                <Paragraph small>
                  {t('nav.signedInAs', { name: me.user.name, organization: me.user.organization.name })}
                </Paragraph>
                <Button
                  appearance="secondary-action-button"
                  data-testid="logout"
                  onClick={async () => {
                    await logout();
                    navigate('/login');
                  }}
                >
                  {t('nav.logout')}
                </Button>
              </>
            ) : null}
            <LanguageSwitch />
          </div>
        </div>
      </PageHeader>
      <PageContent>
        <main id="main" className="tw-main">
          <Outlet />
        </main>
      </PageContent>
      <PageFooter className="tw-footer">
        <Paragraph small>{t('app.footer')}</Paragraph>
      </PageFooter>
    </div>
  );
}

/** Pages behind a login: while loading, a message; without a session, to /login?next=… */
export function RequireLogin() {
  const { t } = useI18n();
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <Paragraph>{t('app.loading')}</Paragraph>;
  if (me === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <Outlet />;
}
