import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../http/app-env.ts';
import { isAction, isFileReply, type DeclaredRoute } from '../http/route.ts';
import { jsonSchema, openApiPath, schemaName, tagsOf } from './document.ts';
import { errorsByStatus } from './errors.ts';
import { openApiDocument } from './mount.ts';

/**
 * /api/openapi.json and a readable page at /api/docs, rendered here (no script, no CDN) so that it
 * works under our Content-Security-Policy and without internet. Both come from the routes the app
 * mounted (`api`), each declared once beside its handler.
 */
export function openApiRoutes(api: OpenAPIHono<AppEnv>, routes: DeclaredRoute[]) {
  // Generating takes tens of milliseconds and the routes do not change: made once.
  let document: string | undefined;
  const ops = routes.map((r) => r.declaration);
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => {
      document ??= JSON.stringify(openApiDocument(api, ops));
      return c.body(document, 200, { 'content-type': 'application/json; charset=UTF-8' });
    })
    .get('/docs', (c) => {
      const tags = tagsOf(ops);
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
                              <code class="method">${op.method}</code><code>${openApiPath(op.path)}</code> —
                              ${op.summary}
                            </summary>
                            <p>
                              ${op.permission === 'public' ? 'Public.' : isAction(op.permission) ? html`Permission: <code>${op.permission}</code>.` : 'Signed in.'}
                              Returns
                              ${isFileReply(op.reply) ? html`<code>${op.reply.mediaType}</code>` : op.reply ? html`<code>${schemaName(op.reply)}</code>` : 'no content'}
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
}
