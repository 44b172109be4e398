import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppDeps } from '../../server/deps.ts';
import { openApiPath } from '../../server/openapi/document.ts';
import { OPERATIONS } from '../../server/openapi/operations.ts';
import type { RunningServer } from '../../server/runtime/start.ts';
import { startTestServer } from '../support/app-server.ts';

/** The routes the app registers under /api (middleware and catch-alls aside), as "METHOD /path". */
function registeredRoutes(mode: 'test' | 'production'): string[] {
  // Building the app only registers routes; no dependency is touched until a request comes.
  const app = createApp({ config: { mode, allowDemoLogin: false, trustedOrigins: [] } } as unknown as AppDeps);
  const routes = app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.endsWith('*'))
    .map((r) => `${r.method} ${r.path.replace(/^\/api/, '')}`)
    .filter((r) => !r.endsWith('/openapi.json') && !r.endsWith('/docs'));
  return [...new Set(routes)].sort();
}

describe('the API documentation', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({});
  });
  afterAll(async () => {
    await server?.close();
  });

  it('documents exactly the routes the app has', () => {
    const documented = OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort();
    expect(documented).toEqual(registeredRoutes('test'));
    const production = OPERATIONS.filter((op) => !op.devOnly).map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(production.sort()).toEqual(registeredRoutes('production'));
  });

  it('serves an OpenAPI 3.1 document with the validated request bodies', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
    };
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
    const measurement =
      doc.paths['/api/kpis/{id}/measurements']!.post!.requestBody!.content['application/json']!.schema;
    expect(measurement).toMatchObject({
      type: 'object',
      required: ['period', 'value', 'source'],
      additionalProperties: false,
      properties: { period: { type: 'string' }, value: { type: 'number' } },
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
  });
});
