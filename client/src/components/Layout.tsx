import {
  Button,
  Link,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { Link as RouterLink, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useI18n, type Language } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { ROUTE_ANNOUNCER_ID } from './usePageTitle.ts';

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
  const { pathname } = useLocation();
  // On a phone the header folds behind a menu button, so that a page's own heading and tabs are in view.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <div className="tw-page">
      <a className="tw-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <PageHeader className="tw-header">
        <div className="tw-header-inner" data-menu-open={menuOpen ? 'true' : 'false'}>
          <RouterLink to="/" className="tw-brand">
            {t('app.name')}
          </RouterLink>
          <button
            type="button"
            className="tw-menu-button"
            aria-expanded={menuOpen}
            aria-controls="tw-header-menu"
            onClick={() => setMenuOpen(!menuOpen)}
            data-testid="menu-button"
          >
            <svg viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" focusable="false">
              <path fill="currentColor" d="M3 5h18v2H3Zm0 6h18v2H3Zm0 6h18v2H3Z" />
            </svg>
            {t('nav.menu')}
          </button>
          <div id="tw-header-menu" className="tw-header-menu">
            <nav aria-label={t('nav.main')} className="tw-nav">
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
        </div>
      </PageHeader>
      <PageContent>
        <main id="main" className="tw-main">
          <Outlet />
        </main>
      </PageContent>
      <PageFooter className="tw-footer">
        <div className="tw-footer-inner">
          <Paragraph small>{t('app.house')}</Paragraph>
          <nav aria-label={t('footer.label')}>
            <RouterLink to="/toegankelijkheid" className="tw-footer-link" data-testid="footer-accessibility">
              {t('footer.accessibility')}
            </RouterLink>
          </nav>
        </div>
      </PageFooter>
      {/* Names the page after a client-side navigation (usePageTitle); polite, so it waits its turn. */}
      <div
        id={ROUTE_ANNOUNCER_ID}
        className="tw-visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="route-announcer"
      />
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
    const next = encodeURIComponent(location.pathname + location.search + location.hash);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <Outlet />;
}
