import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { MeResponse } from '../../shared/api.ts';
import { ApiError } from './api/client.ts';
import { endpoints } from './api/endpoints.ts';

interface SessionState {
  /** undefined while loading, null when not logged in. */
  me: MeResponse | null | undefined;
  setMe(me: MeResponse | null): void;
  refresh(): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeResponse | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      setMe(await endpoints.me());
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setMe(null);
      else throw error;
    }
  }, []);
  const logout = useCallback(async () => {
    await endpoints.logout();
    setMe(null);
  }, []);
  useEffect(() => {
    refresh().catch(() => setMe(null));
  }, [refresh]);
  return <SessionContext.Provider value={{ me, setMe, refresh, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
