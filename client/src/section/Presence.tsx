import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { useI18n } from '../i18n/i18n.tsx';

interface PresentUser {
  clientId: number;
  name: string;
  organization: string;
  color: string;
}

/** Who is in this section now, from the awareness states every client shares. */
export function Presence({ provider }: { provider: WebsocketProvider }) {
  const { t } = useI18n();
  const [users, setUsers] = useState<PresentUser[]>([]);
  useEffect(() => {
    const update = () => {
      const seen = new Map<string, PresentUser>();
      for (const [clientId, state] of provider.awareness.getStates()) {
        const user = (state as { user?: { id?: string; name?: string; organization?: string; color?: string } }).user;
        if (!user?.name) continue;
        seen.set(user.id ?? String(clientId), {
          clientId,
          name: user.name,
          organization: user.organization ?? '',
          color: user.color ?? '#333',
        });
      }
      setUsers([...seen.values()]);
    };
    provider.awareness.on('change', update);
    update();
    return () => provider.awareness.off('change', update);
  }, [provider]);
  return (
    <section aria-label={t('section.presence')} className="tw-presence" data-testid="presence">
      <span className="tw-muted">{t('section.presence')}:</span>
      <ul>
        {users.map((user) => (
          <li key={user.clientId}>
            <span className="tw-dot" style={{ background: user.color }} aria-hidden="true" />
            {user.name} <span className="tw-muted">({user.organization})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
