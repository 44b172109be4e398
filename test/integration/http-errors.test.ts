import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthResponse } from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import { readMigrations } from '../../server/runtime/node-deps.ts';
import { Client } from '../support/app-server.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

for (const kind of deployments()) {
  describe(`HTTP edges, ${kind.name}`, () => {
    let server: Deployment;
    let client: Client;

    beforeAll(async () => {
      server = await kind.start();
      client = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
    });
    afterAll(async () => {
      await server?.close();
    });

    it('reports health with the runtime, the database kind and migration version', async () => {
      const health = await new Client(server.url).get<HealthResponse>('/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({
        status: 'ok',
        runtime: server.runtime,
        database: server.database,
        migration: (await readMigrations()).length,
      });
    });

    it.each([
      ['malformed JSON', '{"email": "x@y.nl", ', 'application/json', 400, 'invalid_json'],
      ['wrong types', JSON.stringify({ email: 42, password: true }), 'application/json', 400, 'validation_failed'],
      [
        'unknown fields',
        JSON.stringify({ email: 'a@b.nl', password: 'x', admin: true }),
        'application/json',
        400,
        'validation_failed',
      ],
      ['a JSON array', '[]', 'application/json', 400, 'validation_failed'],
      ['a form post', 'email=a@b.nl&password=x', 'application/x-www-form-urlencoded', 415, 'validation_failed'],
    ])('answers %s with a clear 4xx', async (_name, body, contentType, status, code) => {
      const reply = await new Client(server.url).request<ErrorBody>('POST', '/api/auth/login', body, {
        'content-type': contentType,
      });
      expect(reply.status).toBe(status);
      expect(reply.body.error.code).toBe(code);
      expect(reply.body.error.message.length).toBeGreaterThan(5);
    });

    it('names the invalid field', async () => {
      const reply = await new Client(server.url).post<ErrorBody>('/api/auth/login', {
        email: 'geen-adres',
        password: 'x',
      });
      expect(reply.body.error.details).toMatchObject({ issues: [{ path: 'email' }] });
      expect(reply.body.error.details).toMatchObject({ fields: [{ path: 'email', code: 'invalid_email' }] });
    });

    it('names each field with a code the client words, not prose', async () => {
      const empty = await new Client(server.url).post<ErrorBody>('/api/auth/login', { email: '', password: '' });
      expect(empty.status).toBe(400);
      expect(empty.body.error.details).toMatchObject({
        fields: [
          { path: 'email', code: 'required' },
          { path: 'password', code: 'required' },
        ],
      });
      const missing = await new Client(server.url).post<ErrorBody>('/api/auth/login', { admin: true });
      expect(missing.body.error.details).toMatchObject({
        fields: expect.arrayContaining([
          { path: 'email', code: 'required' },
          { path: 'password', code: 'required' },
          { path: 'admin', code: 'unknown_field' },
        ]),
      });
    });

    it('refuses bodies over 1 MB with 413', async () => {
      const huge = JSON.stringify({ email: 'a@b.nl', password: 'x'.repeat(1024 * 1024 + 10) });
      // Its own connection: the server answers before reading the body and then closes the socket.
      const reply = await new Promise<{ status: number; body: ErrorBody }>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}/api/auth/login`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(huge) },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as ErrorBody }));
          },
        );
        req.on('error', reject);
        req.end(huge);
      });
      expect(reply.status).toBe(413);
      expect(reply.body.error.code).toBe('payload_too_large');
      expect((await client.get('/api/me')).status).toBe(200);
    });

    it('answers unknown API routes and methods with a JSON 404', async () => {
      for (const [method, path] of [
        ['GET', '/api/nope'],
        ['DELETE', '/api/tables'],
        ['PATCH', '/api/me'],
      ] as const) {
        const reply = await client.request<ErrorBody>(method, path);
        expect(reply.status).toBe(404);
        expect(reply.body.error.code).toBe('not_found');
      }
    });

    it('serves the client for page routes, with security headers', async () => {
      const page = await fetch(`${server.url}/tables/whatever`);
      expect([200, 503]).toContain(page.status);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
      // The hashed files the page loads (on Workers served by the platform alone, with dist/_headers).
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
      if (page.status === 200) {
        const asset = await fetch(`${server.url}${script}`);
        expect(asset.status).toBe(200);
        expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
        expect(asset.headers.get('cache-control')).toContain('immutable');
      }
      expect((await fetch(`${server.url}/..%2f..%2fpackage.json`)).status).not.toBe(200);
    });
  });
}
