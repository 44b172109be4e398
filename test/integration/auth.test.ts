import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse } from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import { BLOCKED_ADDRESS_PACE_MS } from '../../server/auth/throttle.ts';
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
      // This suite moves session time by hand; elsewhere sessions keep to the wall clock.
      server = await startTestServer({ databaseUrl: database.databaseUrl, clock, sessionClock: clock });
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

    it('has no development routes unless they are explicitly enabled', async () => {
      const secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      expect((await secretariat.get('/api/dev/outbox')).status).toBe(404);
      const moved = await secretariat.post('/api/dev/clock', {
        now: new Date(clock.now().getTime() + DAY).toISOString(),
      });
      expect(moved.status).toBe(404);
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

    it('blocks a client address that fails on many accounts for those accounts, and only slows the others', async () => {
      clock.advance(DAY);
      const login = (email: string, password: string) =>
        new Client(server.url).post<ErrorBody>('/api/auth/login', { email, password });
      for (let i = 0; i < 30; i++) {
        expect((await login(`guess-${i}@example.org`, 'wrong-password')).status).toBe(401);
      }
      // The address is over its limit: an account that failed from here is refused at once.
      const again = await login('guess-0@example.org', 'wrong-password');
      expect(again.status).toBe(429);
      expect(again.body.error.code).toBe('rate_limited');
      // Someone else behind the same address (a town hall behind one NAT) still gets in, only slower.
      const started = performance.now();
      const real = await login('bestuur@kompas-ggz.demo', 'demo-tafelwerk');
      expect(real.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(BLOCKED_ADDRESS_PACE_MS - 50);
      // A wrong guess at an account from the blocked address gives it a failure: its next try is refused.
      expect((await login('bestuur@de-brug-lvb.demo', 'wrong-password')).status).toBe(401);
      expect((await login('bestuur@de-brug-lvb.demo', 'demo-tafelwerk')).status).toBe(429);
      clock.advance(16 * 60 * 1000);
      expect((await login('bestuur@de-brug-lvb.demo', 'demo-tafelwerk')).status).toBe(200);
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

for (const backend of databaseBackends()) {
  describe(`the development clock on ${backend.name}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const database = await backend.create();
      drop = database.drop;
      // The default clocks: a shiftable business clock, sessions on the wall clock.
      server = await startTestServer({ databaseUrl: database.databaseUrl, devRoutes: true });
    });
    afterAll(async () => {
      await server?.close();
      await drop?.();
    });

    const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

    it('is moved only by the secretariat of the demo region', async () => {
      const delegate = await new Client(server.url).login('beleid@bergen.demo');
      expect((await delegate.post<ErrorBody>('/api/dev/clock', { now: inDays(1) })).status).toBe(403);
      // A secretariat elsewhere (not the demo region) may not move everyone's time either.
      const [region] = await server.db.query<{ id: string }>(
        "insert into regions (name) values ('Regio Elders') returning id",
      );
      const [table] = await server.db.query<{ id: string }>(
        "insert into tables (region_id, name) values ($1, 'Andere tafel') returning id",
        [region!.id],
      );
      await server.db.query(
        `insert into table_roles (table_id, user_id, role, assigned_at)
         select $1, id, 'secretariat', now() from users where email = 'beleid@bergen.demo'`,
        [table!.id],
      );
      expect((await delegate.post<ErrorBody>('/api/dev/clock', { now: inDays(1) })).status).toBe(403);
      expect((await new Client(server.url).post('/api/dev/clock', { now: inDays(1) })).status).toBe(401);
    });

    it('moving the clock 40 days ahead logs nobody out', async () => {
      const secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      const delegate = await new Client(server.url).login('beleid@alkmaar.demo');
      const moved = await secretariat.post<{ now: string }>('/api/dev/clock', { now: inDays(40) });
      expect(moved.status).toBe(200);
      expect(Date.parse(moved.body.now)).toBeGreaterThan(Date.now() + 39 * DAY);
      expect((await secretariat.get('/api/me')).status).toBe(200);
      expect((await delegate.get('/api/me')).status).toBe(200);
      const [sessions] = await server.db.query<{ count: number }>('select count(*)::int as count from sessions');
      expect(sessions!.count).toBeGreaterThanOrEqual(2);
      // Back into the past: a new login still gets a session that lives by the wall clock.
      expect((await secretariat.post('/api/dev/clock', { now: inDays(-400) })).status).toBe(200);
      const fresh = await new Client(server.url).login('beleid@heiloo.demo');
      expect((await fresh.get('/api/me')).status).toBe(200);
      expect((await secretariat.get('/api/me')).status).toBe(200);
    });
  });
}
