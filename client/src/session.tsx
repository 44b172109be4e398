import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { MeResponse } from '../../shared/api.ts';
import { ApiError, onSessionLost } from './api/client.ts';
import { endpoints } from './api/endpoints.ts';

interface SessionState {
  /** undefined while loading, null when not logged in. */
  me: MeResponse | null | undefined;
  setMe(me: MeResponse | null): void;
  refresh(): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/*
 * The first "who am I" leaves as soon as this module runs rather than after React's first render: on a
 * first visit every page behind the login waits for it, so it should not wait for the render (issue 17).
 */
let firstMe: Promise<MeResponse> | undefined = globalThis.document ? endpoints.me() : undefined;
firstMe?.catch(() => undefined); // awaited (and its error handled) by the first refresh

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeResponse | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      const pending = firstMe ?? endpoints.me();
      firstMe = undefined;
      setMe(await pending);
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
  // A 401 from any call means the session is gone: forget the person (the header drops the name and the
  // bell), and RequireLogin sends them to /login?next=… so that they come back where they were.
  useEffect(() => onSessionLost(() => setMe(null)), []);
  return <SessionContext.Provider value={{ me, setMe, refresh, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
