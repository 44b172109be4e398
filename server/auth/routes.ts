import { meResponseSchema, okResponseSchema } from '../../shared/api-schemas/tables.ts';
import { ApiError } from '../http/errors.ts';
import { route } from '../http/route.ts';
import { clearSessionCookie, writeSessionCookie } from '../http/session-cookie.ts';
import type { PasswordHasher } from '../deps.ts';
import { randomToken } from '../crypto/tokens.ts';
import { loginBody, passwordChangeBody } from '../../shared/api-requests/auth.ts';
import { changePassword, createSession, invalidateSession } from './commands.ts';
import {
  ACCOUNT_LIMIT,
  ADDRESS_LIMIT,
  AddressPacer,
  accountKey,
  addressKey,
  clearFailures,
  loginGate,
  recordFailure,
} from './throttle.ts';
import { findUserForLogin, meResponse } from './queries.ts';

// Verifying against a real hash for unknown e-mails keeps the response time from telling which
// addresses have an account.
const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();
function dummyHash(passwords: PasswordHasher): Promise<string> {
  let hash = dummyHashes.get(passwords);
  if (!hash) {
    hash = passwords.hash(randomToken());
    dummyHashes.set(passwords, hash);
  }
  return hash;
}

// One pacer per app (per server instance): the slow lane for logins from blocked addresses.
const pacers = new WeakMap<object, AddressPacer>();
function pacerFor(deps: object): AddressPacer {
  let pacer = pacers.get(deps);
  if (!pacer) {
    pacer = new AddressPacer();
    pacers.set(deps, pacer);
  }
  return pacer;
}

function rateLimited(seconds: number): ApiError {
  return new ApiError(
    429,
    'rate_limited',
    `too many failed logins; try again in ${seconds} seconds`,
    { retryAfterSeconds: seconds },
    { 'Retry-After': String(seconds) },
  );
}

export const authRoutes = [
  route(
    {
      method: 'post',
      path: '/auth/login',
      operationId: 'logIn',
      tag: 'Sessions',
      summary: 'Log in; sets the session cookie',
      permission: 'public',
      body: loginBody,
      reply: meResponseSchema,
      errors: [
        { status: 401, code: 'invalid_credentials', when: 'the e-mail address or password is not correct' },
        {
          status: 403,
          code: 'demo_login_disabled',
          when: 'a demo account, on a production server without demo login',
        },
        {
          status: 429,
          code: 'rate_limited',
          when: 'too many failed logins for the account or the address; details.retryAfterSeconds and Retry-After say when to retry',
        },
      ],
    },
    async (c, input) => {
      const { db, clock, passwords, config } = c.var.deps;
      const body = await input.body();
      const now = clock.now();
      const keys = [accountKey(body.email), addressKey(c.var.deps.clientAddress(c))];
      // A blocked account, or a blocked address trying an account that failed: refused before any
      // password check. A blocked address trying an account without failures: let through, paced
      // (see throttle.ts), so that one noisy neighbour behind the same NAT locks nobody else out.
      const gate = await loginGate(db, { account: keys[0]!, address: keys[1]! }, now);
      if ('refuse' in gate) throw rateLimited(gate.refuse);
      if (gate.slow) {
        const full = await pacerFor(c.var.deps).turn(keys[1]!);
        if (full !== null) throw rateLimited(full);
      }

      const found = await findUserForLogin(db, body.email);
      const valid = await passwords.verify(found?.passwordHash ?? (await dummyHash(passwords)), body.password);
      if (!found || !found.passwordHash || !valid) {
        await recordFailure(db, keys[0]!, ACCOUNT_LIMIT, now);
        await recordFailure(db, keys[1]!, ADDRESS_LIMIT, now);
        throw new ApiError(401, 'invalid_credentials', 'e-mail address or password is not correct');
      }
      if (found.user.isDemo && config.mode === 'production' && !config.allowDemoLogin) {
        throw new ApiError(403, 'demo_login_disabled', 'demo accounts cannot log in on this server');
      }
      await clearFailures(db, keys[0]!);
      const { token, session } = await createSession(db, found.user.id, c.var.deps.sessionClock.now());
      writeSessionCookie(c, token, session);
      return c.json(await meResponse(db, found.user));
    },
  ),
  route(
    {
      method: 'post',
      path: '/auth/logout',
      operationId: 'logOut',
      tag: 'Sessions',
      summary: 'Log out; ends the session (if any) and clears the cookie',
      permission: 'public',
      reply: okResponseSchema,
    },
    async (c) => {
      const session = c.var.session;
      if (session) {
        await invalidateSession(c.var.deps.db, session.id);
        // Open documents of this session close at once (4401): the editor says "U bent uitgelogd".
        c.var.deps.collab?.closeSession(session.id);
      }
      clearSessionCookie(c);
      return c.json({ ok: true });
    },
  ),
];

export const meRoutes = [
  route(
    {
      method: 'get',
      path: '/me',
      operationId: 'getMe',
      tag: 'Sessions',
      summary: 'The signed-in person and their tables',
      permission: 'login',
      reply: meResponseSchema,
    },
    async (c, { user }) => c.json(await meResponse(c.var.deps.db, user)),
  ),
  route(
    {
      method: 'post',
      path: '/me/password',
      operationId: 'changeMyPassword',
      tag: 'Sessions',
      summary: 'Change my password (the current one, checked, and a new one); my other sessions end',
      permission: 'login',
      body: passwordChangeBody,
      reply: okResponseSchema,
    },
    async (c, { user, body: read }) => {
      const session = c.var.session;
      if (!session) throw new ApiError(401, 'unauthenticated', 'log in first');
      const body = await read();
      const effects = await changePassword(c.var.deps, {
        userId: user.id,
        email: user.email,
        sessionId: session.id,
        currentPassword: body.currentPassword,
        newPassword: body.newPassword,
        now: c.var.deps.clock.now(),
      });
      const { userId, keepSessionId } = effects.closeOtherSessionsOf;
      c.var.deps.collab?.closeOtherSessions(userId, keepSessionId);
      return c.json({ ok: true });
    },
  ),
];
