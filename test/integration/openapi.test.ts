import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedRound, SectionsResponse, TableDetail, TablesResponse } from '../../shared/api.ts';
import { createApp } from '../../server/app.ts';
import type { AppDeps } from '../../server/deps.ts';
import { openApiPath } from '../../server/openapi/document.ts';
import { API_ROUTES, DEV_ROUTES, HEALTH_ROUTES } from '../../server/routes.ts';
import { ACTIONS } from '../../shared/permissions.ts';
import type { RunningServer } from '../../server/runtime/start.ts';
import { Client, startTestServer, type Reply } from '../support/app-server.ts';

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext-style interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, { $ref?: string }> }>>;
  components: { responses: Record<string, unknown>; schemas: Record<string, unknown> };
}

/** Every declared route (server/http/route.ts). */
const DECLARATIONS = [...HEALTH_ROUTES, ...API_ROUTES, ...DEV_ROUTES].map((r) => r.declaration);

/** The routes the app registers under /api (middleware and catch-alls aside), as "METHOD /path". */
function registeredRoutes(mode: 'test' | 'production'): string[] {
  // Building the app only registers routes; no dependency is touched until a request comes.
  const app = createApp({
    config: { mode, allowDemoLogin: false, trustedOrigins: [], devRoutes: true },
  } as unknown as AppDeps);
  const routes = app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.endsWith('*'))
    .map((r) => `${r.method} ${r.path.replace(/^\/api/, '')}`)
    .filter((r) => !r.endsWith('/openapi.json') && !r.endsWith('/docs'));
  return [...new Set(routes)].sort();
}

const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Validates reply bodies against the schemas of a served OpenAPI document (JSON Schema 2020-12, as
 * OpenAPI 3.1 has it), following its $refs to shared responses and component schemas.
 */
function documentValidator(doc: OpenApiDoc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc as object, 'openapi');
  return (method: Method, template: string, status: number, body: unknown): string[] => {
    const path = openApiPath(template);
    let response = doc.paths[path]?.[method]?.responses[status];
    let at = `/paths/${pointer(path)}/${method}/responses/${status}`;
    if (response?.$ref) {
      at = response.$ref.slice(1);
      response = doc.components.responses[response.$ref.split('/').at(-1)!] as typeof response;
    }
    if (!response) return [`${method.toUpperCase()} ${path} does not document status ${status}`];
    const validate = ajv.compile({ $ref: `openapi#${at}/content/${pointer('application/json')}/schema` });
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}

/** Runs the redocly CLI from node_modules/.bin on a file, with the repository's redocly.yaml. */
function redoclyLint(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['node_modules/.bin/redocly', 'lint', '--config', 'redocly.yaml', '--format', 'json', file],
      {
        cwd: process.cwd(),
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('the API documentation', () => {
  let server: RunningServer;
  let doc: OpenApiDoc;
  beforeAll(async () => {
    server = await startTestServer({ devRoutes: true });
    doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDoc;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves only declared routes, each with an operationId, a permission and its documented operation', () => {
    const declared = (devOnly: boolean) =>
      DECLARATIONS.filter((op) => devOnly || !op.devOnly)
        .map((op) => `${op.method.toUpperCase()} ${op.path}`)
        .sort();
    // The app mounts what is declared and nothing else (the dev routes only outside production).
    expect(registeredRoutes('test')).toEqual(declared(true));
    expect(registeredRoutes('production')).toEqual(declared(false));
    expect(new Set(declared(true)).size).toBe(DECLARATIONS.length);
    const permissions = new Set<string>([...ACTIONS, 'login', 'public']);
    for (const op of DECLARATIONS) {
      const at = `${op.method} ${op.path}`;
      expect(op.operationId, at).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(permissions.has(op.permission), at).toBe(true);
      const documented = doc.paths[openApiPath(op.path)]?.[op.method];
      expect(documented?.operationId, at).toBe(op.operationId);
    }
    // Table-scoped paths name the action they need: none is merely "signed in".
    const tableScoped = DECLARATIONS.filter((op) => op.path.startsWith('/tables/:id'));
    expect(tableScoped.filter((op) => op.permission === 'login' || op.permission === 'public')).toEqual([]);
  });

  it('gives every operation a unique camelCase operationId', () => {
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(ids).toHaveLength(DECLARATIONS.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it('serves an OpenAPI 3.1 document with the validated request bodies', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/tables/:id/goals',
      '/sections/:id/goals',
      '/kpis/:id/measurements',
      '/tables/:id/coverage',
      '/tables/:id/search',
    ]) {
      expect(Object.keys(doc.paths)).toContain(openApiPath(path));
    }
    const post = doc.paths['/api/kpis/{id}/measurements']!.post! as unknown as {
      requestBody: { content: Record<string, { schema: unknown }> };
    };
    expect(post.requestBody.content['application/json']!.schema).toMatchObject({
      type: 'object',
      required: ['period', 'value', 'source'],
      additionalProperties: false,
      properties: { period: { type: 'string' }, value: { type: 'number' } },
    });
  });

  it('documents the errors every route can give, with the shared error body', () => {
    const responses = (template: string, method: Method) => doc.paths[openApiPath(template)]![method]!.responses;
    // A write at a table: input, session, origin, role, membership, state, size, media type, failures.
    expect(Object.keys(responses('/tables/:id/kpis/:kpiId', 'patch'))).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '500',
      '503',
    ]);
    expect(Object.keys(responses('/auth/login', 'post'))).toEqual([
      '200',
      '400',
      '401',
      '403',
      '413',
      '415',
      '429',
      '500',
      '503',
    ]);
    // A read any member may make: no 403; the database may be away.
    expect(Object.keys(responses('/tables/:id', 'get'))).toEqual(['200', '401', '404', '500', '503']);
    expect(responses('/me', 'get')['401']).toEqual({ $ref: '#/components/responses/Unauthenticated401' });
    expect(doc.components.schemas.Error).toMatchObject({ required: ['error'] });
  });

  it('passes redocly lint without errors, offline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tafelwerk-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(doc, null, 2));
      const result = await redoclyLint(file);
      const report = JSON.parse(result.stdout) as {
        totals: { errors: number; warnings: number };
        problems: Array<{ ruleId: string; severity: string; location: Array<{ pointer: string }> }>;
      };
      const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}`);
      expect(
        problems.filter((p) => p.startsWith('error')),
        result.stderr,
      ).toEqual([]);
      expect(report.totals.errors).toBe(0);
      expect(result.code).toBe(0);
      // The one warning left: /health answers 200 or 503 and has no 4xx to document.
      expect(problems).toEqual(['warn operation-4xx-response at #/paths/~1api~1health/get/responses']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('real replies', () => {
    let validate: ReturnType<typeof documentValidator>;
    let secretariat: Client;
    let delegate: Client;
    let council: Client;
    let chair: Client;
    let tableId: string;
    let sectionId: string;
    const seen: string[] = [];

    /** Sends a request and checks its status and that its body matches the document's schema for that status. */
    async function sample(
      client: Client,
      method: Method,
      template: string,
      params: Record<string, string>,
      expected: number,
      options: { query?: string; body?: unknown; headers?: Record<string, string> } = {},
    ): Promise<Reply> {
      const path = template.replace(/:([A-Za-z]+)/g, (_, name: string) => params[name]!);
      const reply = await client.request(
        method.toUpperCase(),
        `/api${path}${options.query ?? ''}`,
        options.body,
        options.headers,
      );
      expect(reply.status, `${method} ${path}: ${JSON.stringify(reply.body)}`).toBe(expected);
      expect(validate(method, template, reply.status, reply.body), `${method} ${template} ${reply.status}`).toEqual([]);
      seen.push(`${method} ${template} ${reply.status}`);
      return reply;
    }

    beforeAll(async () => {
      validate = documentValidator(doc);
      secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      delegate = await new Client(server.url).login('beleid@alkmaar.demo');
      council = await new Client(server.url).login('raadslid@alkmaar.demo');
      chair = await new Client(server.url).login('voorzitter@regio-alkmaar.demo');
      tableId = (await delegate.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const sections = (await delegate.get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      sectionId = sections.find((s) => s.state === 'draft')!.id;
      // A round with an objection, so that consensus and history carry rounds and positions.
      const opened = await delegate.post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      expect(opened.status).toBe(201);
      expect(validate('post', '/sections/:id/rounds', 201, opened.body)).toEqual([]);
      const horizon = await new Client(server.url).login('bestuur@horizon-jeugd.demo');
      await sample(horizon, 'post', '/rounds/:id/positions', { id: opened.body.round.id }, 201, {
        body: { kind: 'object', text: 'De termijnen zijn niet haalbaar.' },
      });
    });

    it('match the documented success schemas', async () => {
      const table = { id: tableId };
      const section = { id: sectionId };
      await sample(new Client(server.url), 'get', '/health', {}, 200);
      await sample(delegate, 'get', '/me', {}, 200);
      await sample(delegate, 'get', '/organizations', {}, 200);
      await sample(delegate, 'get', '/tables', {}, 200);
      await sample(council, 'get', '/tables/:id', table, 200);
      await sample(secretariat, 'get', '/tables/:id', table, 200);
      await sample(secretariat, 'get', '/tables/:id/audit', table, 200, { query: '?limit=20' });
      await sample(secretariat, 'get', '/tables/:id/invitations', table, 200);
      await sample(delegate, 'get', '/tables/:id/plans', table, 200);
      await sample(delegate, 'get', '/tables/:id/sections', table, 200);
      const goals = await sample(council, 'get', '/tables/:id/goals', table, 200);
      const goalId = (goals.body as { goals: Array<{ id: string }> }).goals[0]!.id;
      await sample(council, 'get', '/tables/:id/goals/:goalId', { id: tableId, goalId }, 200);
      await sample(delegate, 'get', '/tables/:id/coverage', table, 200);
      await sample(delegate, 'get', '/tables/:id/search', table, 200, { query: '?q=jeugd' });
      await sample(chair, 'get', '/tables/:id/escalations', table, 200);
      await sample(delegate, 'get', '/sections/:id', section, 200);
      await sample(delegate, 'get', '/sections/:id/content', section, 200);
      for (const viewer of [delegate, council, chair]) {
        await sample(viewer, 'get', '/sections/:id/consensus', section, 200);
        await sample(viewer, 'get', '/sections/:id/history', section, 200);
      }
      await sample(delegate, 'get', '/sections/:id/versions/:n', { id: sectionId, n: '1' }, 200);
      await sample(delegate, 'get', '/sections/:id/diff', section, 200, { query: '?from=1&to=current' });
      await sample(delegate, 'get', '/notifications', {}, 200);
      await sample(secretariat, 'get', '/dev/outbox', {}, 200);
    });

    it('match the documented error schemas', async () => {
      const table = { id: tableId };
      const anonymous = new Client(server.url);
      await sample(anonymous, 'get', '/me', {}, 401);
      await sample(anonymous, 'get', '/tables/:id/goals', table, 401);
      await sample(delegate, 'get', '/tables/:id', { id: '0b6f6c1e-59a4-4d8e-9d55-3f4f8f1f0a11' }, 404);
      await sample(delegate, 'get', '/sections/:id', { id: 'not-a-uuid' }, 404);
      await sample(delegate, 'get', '/sections/:id/versions/:n', { id: sectionId, n: '0' }, 400);
      await sample(delegate, 'get', '/tables/:id/search', table, 400);
      await sample(anonymous, 'post', '/auth/login', {}, 400, { body: { email: 'no address' } });
      await sample(anonymous, 'post', '/auth/login', {}, 400, { body: '{not json' });
      await sample(anonymous, 'post', '/auth/login', {}, 401, {
        body: { email: 'beleid@alkmaar.demo', password: 'not the password' },
      });
      await sample(anonymous, 'post', '/auth/login', {}, 415, { body: 'x', headers: { 'content-type': 'text/plain' } });
      await sample(council, 'put', '/tables/:id/phase', table, 403, { body: { currentPhaseKey: 'x' } });
      await sample(delegate, 'post', '/notifications/read', {}, 403, {
        body: { all: true },
        headers: { origin: 'https://elsewhere.example' },
      });
      const detail = (await secretariat.get<TableDetail>(`/api/tables/${tableId}`)).body;
      await sample(secretariat, 'post', '/tables/:id/members', table, 409, {
        body: { organizationId: detail.members[0]!.organization.id },
      });
      await sample(delegate, 'post', '/sections/:id/rounds', { id: sectionId }, 409);
      expect(seen.filter((s) => / [45]\d\d$/.test(s)).map((s) => s.slice(-3))).toEqual(
        expect.arrayContaining(['400', '401', '403', '404', '409', '415']),
      );
    });

    it('fail when a body and its documented schema part', async () => {
      const me = (await delegate.get('/api/me')).body as Record<string, unknown>;
      expect(validate('get', '/me', 200, me)).toEqual([]);
      // A field the document does not know, a field it requires gone, the wrong reply, a malformed id, an
      // undocumented status.
      expect(validate('get', '/me', 200, { ...me, extra: 1 })).not.toEqual([]);
      const { isSecretariat: _gone, ...partial } = me;
      expect(validate('get', '/me', 200, partial)).not.toEqual([]);
      expect(validate('get', '/tables', 200, me)).not.toEqual([]);
      const user = me.user as Record<string, unknown>;
      expect(validate('get', '/me', 200, { ...me, user: { ...user, id: 'not-a-uuid' } })).not.toEqual([]);
      expect(validate('get', '/me', 404, { error: { code: 'not_found', message: 'x' } })).not.toEqual([]);
      // An error code the status does not document.
      expect(validate('get', '/me', 401, { error: { code: 'conflict', message: 'x' } })).not.toEqual([]);
      // And a wrong schema in the document turns a real reply red.
      const wrong = structuredClone(doc);
      const tables = wrong.components.schemas.TablesResponse as { properties: object; required: string[] };
      tables.properties = { ...tables.properties, total: { type: 'integer' } };
      tables.required = [...tables.required, 'total'];
      const body = (await delegate.get('/api/tables')).body;
      expect(validate('get', '/tables', 200, body)).toEqual([]);
      expect(documentValidator(wrong)('get', '/tables', 200, body)).not.toEqual([]);
    });
  });

  it('renders a readable page at /api/docs', async () => {
    const response = await fetch(`${server.url}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    expect(page).toContain('<h1>Tafelwerk API</h1>');
    expect(page).toContain('/api/tables/{id}/coverage');
    expect(page).toContain('Permission: <code>kpi.measure</code>');
    expect(page).toContain('<code>KpiView</code>');
  });
});
