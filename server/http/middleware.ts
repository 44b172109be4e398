import type { MiddlewareHandler } from 'hono';
import { validateSessionToken } from '../auth/commands.ts';
import { findUserById } from '../auth/queries.ts';
import type { AppDeps } from '../deps.ts';
import type { AppEnv, CurrentUser } from './app-env.ts';
import { ApiError } from './errors.ts';
import { allowedOrigins } from './origins.ts';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie.ts';

export function provideDeps(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('deps', deps);
    c.set('user', null);
    c.set('session', null);
    await next();
  };
}

/** Resolves the session cookie to a user (or none) and slides the session's expiry. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = readSessionCookie(c);
  if (token) {
    // The wall clock, not the business clock that dev routes may move: a clock move expires no one.
    const { db, sessionClock } = c.var.deps;
    const session = await validateSessionToken(db, token, sessionClock.now());
    const user = session ? await findUserById(db, session.userId) : null;
    if (session && user) {
      c.set('session', session);
      c.set('user', user);
      if (session.renewed) writeSessionCookie(c, token, session);
    } else {
      clearSessionCookie(c);
    }
  }
  await next();
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a state-changing request from a browser carries an Origin header; it must be ours. A
 * request without Origin is refused too when Sec-Fetch-Site says another site sent it. Requests
 * with neither header come from non-browser clients, which cannot carry a victim's cookie.
 */
export const checkOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header('origin');
    const allowed = allowedOrigins(c.req.url, c.var.deps.config);
    if (origin !== undefined && !allowed.has(origin)) {
      throw new ApiError(403, 'forbidden_origin', `requests from origin ${origin} are not accepted`);
    }
    const site = c.req.header('sec-fetch-site');
    if (origin === undefined && site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new ApiError(403, 'forbidden_origin', 'cross-site requests are not accepted');
    }
  }
  await next();
};

export function requireUser(c: { var: { user: CurrentUser | null } }): CurrentUser {
  const user = c.var.user;
  if (!user) throw new ApiError(401, 'unauthenticated', 'log in first');
  return user;
}
