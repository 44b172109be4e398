import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Session } from '../auth/commands.ts';
import type { AppEnv } from './app-env.ts';

export const SESSION_COOKIE = 'tafelwerk_session';

/** Secure outside local development: always in production, and whenever the request came over HTTPS. */
function secure(c: Context<AppEnv>): boolean {
  return c.var.deps.config.mode === 'production' || new URL(c.req.url).protocol === 'https:';
}

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function writeSessionCookie(c: Context<AppEnv>, token: string, session: Session): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c),
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c), httpOnly: true, sameSite: 'Lax' });
}
