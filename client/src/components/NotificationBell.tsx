import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { NotificationsResponse, NotificationView } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

const POLL_MS = 30_000;

/**
 * Where a notification leads: the server's in-app link (a report, a question on it: `/reports/<id>#question-<id>`),
 * else its section. Only a path within the app, never another site.
 */
function linkOf(notification: NotificationView): string | null {
  if (notification.link && /^\/(?!\/)/.test(notification.link)) return notification.link;
  if (notification.reportId) return `/reports/${notification.reportId}`;
  return notification.sectionId ? `/sections/${notification.sectionId}` : null;
}

/**
 * The bell in the header: how many notifications are unread (polled, and again on every navigation),
 * and a list of them that links to their section or report; "alles gelezen" marks them all read.
 */
export function NotificationBell() {
  const { t, formatDateTime } = useI18n();
  const { pathname } = useLocation();
  const [data, setData] = useState<NotificationsResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    try {
      setData(await endpoints.notifications());
      setError(null);
    } catch (cause) {
      setError(cause);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, pathname]);
  useEffect(() => {
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);
  useEffect(() => setOpen(false), [pathname]);
  // Escape or a click elsewhere closes the list.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  async function markRead(which: { ids: number[] } | { all: true }) {
    try {
      await endpoints.markNotificationsRead(which);
      await load();
    } catch (cause) {
      setError(cause);
    }
  }

  const unread = data?.unread ?? 0;
  return (
    <div className="tw-bell" ref={rootRef}>
      <Button
        ref={buttonRef}
        appearance="secondary-action-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen(!open);
          if (!open) void load();
        }}
        data-testid="notifications-button"
      >
        <svg className="tw-bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        {t('notifications.button')}
        {unread > 0 ? (
          <span className="tw-bell-count" data-testid="notifications-unread" data-count={unread}>
            <span aria-hidden="true">{unread}</span>
            <span className="tw-visually-hidden">{t('notifications.unread', { count: unread })}</span>
          </span>
        ) : null}
      </Button>
      {open ? (
        <div
          id={panelId}
          className="tw-bell-panel"
          role="region"
          aria-labelledby={headingId}
          data-testid="notifications"
        >
          <div className="tw-row">
            <Heading level={2} id={headingId} className="tw-bell-heading">
              {t('notifications.title')}
            </Heading>
            {unread > 0 ? (
              <Button
                appearance="subtle-button"
                onClick={() => void markRead({ all: true })}
                data-testid="notifications-read-all"
              >
                {t('notifications.markAll')}
              </Button>
            ) : null}
          </div>
          <ErrorAlert error={error} />
          {data && data.notifications.length === 0 ? <Paragraph>{t('notifications.none')}</Paragraph> : null}
          <ul className="tw-bell-list">
            {data?.notifications.map((notification) => (
              <li
                key={notification.id}
                className={notification.read ? undefined : 'tw-unread'}
                data-testid="notification"
                data-read={notification.read ? 'true' : 'false'}
              >
                {notification.read ? null : <span className="tw-badge tw-badge-new">{t('notifications.new')}</span>}
                {linkOf(notification) ? (
                  <Link
                    to={linkOf(notification)!}
                    className="utrecht-link"
                    onClick={() => {
                      if (!notification.read) void markRead({ ids: [notification.id] });
                      setOpen(false);
                    }}
                  >
                    {notification.message}
                  </Link>
                ) : (
                  <span>{notification.message}</span>
                )}
                <time className="tw-muted tw-small tw-block" dateTime={notification.createdAt}>
                  {formatDateTime(notification.createdAt)}
                </time>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
