import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { useI18n } from '../i18n/i18n.tsx';

interface PresentUser {
  clientId: number;
  name: string;
  organization: string;
  color: string;
}

/** Who is in this document now, from the awareness states every client shares; `label` for other than a section. */
export function Presence({ provider, label }: { provider: WebsocketProvider; label?: string }) {
  const { t } = useI18n();
  const name = label ?? t('section.presence');
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
    <section aria-label={name} className="tw-presence" data-testid="presence">
      <span className="tw-muted">{name}:</span>
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
