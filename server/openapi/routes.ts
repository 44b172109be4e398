import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../http/app-env.ts';
import type { AppDeps } from '../deps.ts';
import { jsonSchema, openApiDocument, openApiPath, schemaName } from './document.ts';
import { errorsByStatus } from './errors.ts';
import { OPERATIONS } from './operations.ts';

/** The dev routes are in the document exactly when the app mounts them (server/app.ts). */
const withDevRoutes = (config: AppDeps['config']) => config.devRoutes && config.mode !== 'production';

/** Generating takes tens of milliseconds, and the document depends only on the dev routes: made once each. */
const documents = new Map<boolean, string>();

/**
 * /api/openapi.json and a readable page at /api/docs, rendered here (no script, no CDN) so that it
 * works under our Content-Security-Policy and without internet.
 */
export const openApiRoutes = new Hono<AppEnv>()
  .get('/openapi.json', (c) => {
    const includeDev = withDevRoutes(c.var.deps.config);
    let document = documents.get(includeDev);
    if (!document) {
      document = JSON.stringify(openApiDocument({ includeDev }));
      documents.set(includeDev, document);
    }
    return c.body(document, 200, { 'content-type': 'application/json; charset=UTF-8' });
  })
  .get('/docs', (c) => {
    const includeDev = withDevRoutes(c.var.deps.config);
    const ops = OPERATIONS.filter((op) => includeDev || !op.devOnly);
    const tags = [...new Set(ops.map((op) => op.tag))];
    const schema = (value: Parameters<typeof jsonSchema>[0]) => JSON.stringify(jsonSchema(value), null, 2);
    return c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Tafelwerk API</title>
            <style>
              body {
                font:
                  16px/1.5 system-ui,
                  sans-serif;
                max-width: 60rem;
                margin: 2rem auto;
                padding: 0 1rem;
                color: #1a1a1a;
              }
              h2 {
                border-bottom: 1px solid #ccc;
                margin-top: 2.5rem;
              }
              details {
                margin: 0.5rem 0;
                border: 1px solid #ddd;
                border-radius: 4px;
                padding: 0.5rem 0.75rem;
              }
              summary {
                cursor: pointer;
              }
              code.method {
                display: inline-block;
                min-width: 4.5rem;
                font-weight: bold;
                text-transform: uppercase;
              }
              pre {
                background: #f5f5f5;
                padding: 0.75rem;
                overflow-x: auto;
                font-size: 0.85rem;
              }
            </style>
          </head>
          <body>
            <h1>Tafelwerk API</h1>
            <p>
              Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Sign in with
              <code>POST /api/auth/login</code>; the session is a cookie. Writes need a JSON body and our own Origin.
              Errors are <code>{ "error": { "code", "message", "details"? } }</code>; response shapes are the types in
              <code>shared/api.ts</code>.
            </p>
            ${tags.map(
              (tag) =>
                html`<section>
                  <h2>${tag}</h2>
                  ${ops
                    .filter((op) => op.tag === tag)
                    .map(
                      (op) =>
                        html`<details id="${op.method}-${op.path}">
                          <summary>
                            <code class="method">${op.method}</code><code>${openApiPath(op.path)}</code> — ${op.summary}
                          </summary>
                          <p>
                            ${op.public ? 'Public.' : op.permission ? html`Permission: <code>${op.permission}</code>.` : 'Signed in.'}
                            Returns ${op.reply ? html`<code>${schemaName(op.reply)}</code>` : 'no content'}
                            (${op.status ?? 200})${(op.otherReplies ?? []).map(
                              (other) => html`, or <code>${schemaName(other.schema)}</code> (${other.status})`,
                            )}.
                            Errors:
                            ${[...errorsByStatus(op)].map(
                              ([status, cases], index) =>
                                html`${index ? ', ' : ''}${status}
                                  <code>${[...new Set(cases.map((error) => error.code))].join(' | ')}</code>`,
                            )}.
                          </p>
                          ${
                            op.query
                              ? html`<p>Query:</p>
                                  <pre>${schema(op.query)}</pre>`
                              : ''
                          }
                          ${
                            op.body
                              ? html`<p>Body:</p>
                                  <pre>${schema(op.body)}</pre>`
                              : ''
                          }
                        </details>`,
                    )}
                </section>`,
            )}
          </body>
        </html>`,
    );
  });
