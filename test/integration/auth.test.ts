import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse } from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import type { RunningServer } from '../../server/runtime/start.ts';
import { Client, startTestServer, TestClock } from '../support/app-server.ts';
import { databaseBackends } from '../support/databases.ts';

const DAY = 24 * 60 * 60 * 1000;

for (const backend of databaseBackends()) {
  describe(`auth on ${backend.name}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;
    const clock = new TestClock();

    beforeAll(async () => {
      const database = await backend.create();
      drop = database.drop;
      server = await startTestServer({ databaseUrl: database.databaseUrl, clock });
    });
    afterAll(async () => {
      await server?.close();
      await drop?.();
    });

    it('logs in with e-mail and password, knows who is asking, and logs out', async () => {
      const client = new Client(server.url);
      const login = await client.post<MeResponse>('/api/auth/login', {
        email: '  Beleid@Alkmaar.demo ',
        password: 'demo-tafelwerk',
      });
      expect(login.status).toBe(200);
      expect(login.body.user.organization.name).toBe('Gemeente Alkmaar');
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('tafelwerk_session='));
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).not.toMatch(/Secure/i);

      const me = await client.get<MeResponse>('/api/me');
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe('beleid@alkmaar.demo');
      expect(me.body.tables).toHaveLength(1);
      expect(me.body.tables[0]?.role).toBe('municipality_delegate');
      expect(me.body.isSecretariat).toBe(false);

      expect((await client.post('/api/auth/logout')).status).toBe(200);
      expect(client.hasSession).toBe(false);
      expect((await client.get('/api/me')).status).toBe(401);
    });

    it('refuses a wrong password and an unknown account alike', async () => {
      const wrong = await new Client(server.url).post<ErrorBody>('/api/auth/login', {
        email: 'beleid@bergen.demo',
        password: 'not-the-password',
      });
      const unknown = await new Client(server.url).post<ErrorBody>('/api/auth/login', {
        email: 'nobody@bergen.demo',
        password: 'not-the-password',
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.error.code).toBe('invalid_credentials');
      expect(unknown.body).toEqual(wrong.body);
    });

    it('does not accept a forged or stale session token', async () => {
      const client = new Client(server.url);
      await client.login('beleid@heiloo.demo');
      const forged = await fetch(`${server.url}/api/me`, { headers: { cookie: 'tafelwerk_session=abc.def' } });
      expect(forged.status).toBe(401);
      const malformed = await fetch(`${server.url}/api/me`, { headers: { cookie: 'tafelwerk_session=x.y.z' } });
      expect(malformed.status).toBe(401);
    });

    it('slides the session while it is used and expires it after 30 idle days', async () => {
      const client = new Client(server.url);
      await client.login('beleid@castricum.demo');
      clock.advance(20 * DAY);
      const renewed = await client.get('/api/me');
      expect(renewed.status).toBe(200);
      expect(renewed.headers.getSetCookie().some((c) => c.startsWith('tafelwerk_session='))).toBe(true);
      clock.advance(25 * DAY);
      expect((await client.get('/api/me')).status).toBe(200);
      clock.advance(31 * DAY);
      expect((await client.get('/api/me')).status).toBe(401);
    });

    it('blocks an account after five failed logins, with Retry-After, until the block ends', async () => {
      const email = 'beleid@uitgeest.demo';
      for (let i = 0; i < 5; i++) {
        const reply = await new Client(server.url).post('/api/auth/login', { email, password: `wrong-${i}` });
        expect(reply.status).toBe(401);
      }
      const blocked = await new Client(server.url).post<ErrorBody>('/api/auth/login', {
        email,
        password: 'demo-tafelwerk',
      });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('rate_limited');
      const retryAfter = Number(blocked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // Another account from the same address is not blocked by this one.
      expect(
        (
          await new Client(server.url).post('/api/auth/login', {
            email: 'beleid@bergen.demo',
            password: 'demo-tafelwerk',
          })
        ).status,
      ).toBe(200);

      clock.advance(retryAfter * 1000 + 1000);
      expect((await new Client(server.url).post('/api/auth/login', { email, password: 'demo-tafelwerk' })).status).toBe(
        200,
      );
    });

    it('blocks a client address that fails on many accounts', async () => {
      clock.advance(DAY);
      let last = 0;
      for (let i = 0; i < 31; i++) {
        const reply = await new Client(server.url).post('/api/auth/login', {
          email: `guess-${i}@example.org`,
          password: 'wrong-password',
        });
        last = reply.status;
      }
      expect(last).toBe(429);
      const real = await new Client(server.url).post('/api/auth/login', {
        email: 'bestuur@kompas-ggz.demo',
        password: 'demo-tafelwerk',
      });
      expect(real.status).toBe(429);
      clock.advance(16 * 60 * 1000);
    });

    it('refuses state-changing requests from a foreign origin (CSRF)', async () => {
      const client = new Client(server.url);
      await client.login('beleid@alkmaar.demo');
      const foreign = await client.request<ErrorBody>(
        'POST',
        '/api/auth/logout',
        {},
        { origin: 'https://evil.example' },
      );
      expect(foreign.status).toBe(403);
      expect(foreign.body.error.code).toBe('forbidden_origin');
      const crossSite = await client.request(
        'POST',
        '/api/auth/logout',
        {},
        { origin: '', 'sec-fetch-site': 'cross-site' },
      );
      expect([403]).toContain(crossSite.status);
      expect((await client.get('/api/me')).status).toBe(200);
      const foreignLogin = await new Client(server.url, 'http://attacker.test').post('/api/auth/login', {
        email: 'beleid@alkmaar.demo',
        password: 'demo-tafelwerk',
      });
      expect(foreignLogin.status).toBe(403);
    });
  });
}

describe('demo accounts in production', () => {
  it('refuses demo logins unless explicitly allowed, and marks the cookie Secure', async () => {
    const locked = await startTestServer({ mode: 'production' });
    try {
      const reply = await new Client(locked.url).post<ErrorBody>('/api/auth/login', {
        email: 'beleid@alkmaar.demo',
        password: 'demo-tafelwerk',
      });
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('demo_login_disabled');
      expect((await fetch(`${locked.url}/api/dev/outbox`)).status).toBe(404);
    } finally {
      await locked.close();
    }
    const open = await startTestServer({ mode: 'production', allowDemoLogin: true });
    try {
      const reply = await new Client(open.url).post('/api/auth/login', {
        email: 'beleid@alkmaar.demo',
        password: 'demo-tafelwerk',
      });
      expect(reply.status).toBe(200);
      expect(reply.headers.getSetCookie().find((c) => c.startsWith('tafelwerk_session='))).toMatch(/Secure/);
    } finally {
      await open.close();
    }
  });
});
