import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { pgErrorCode } from './db/db.ts';
import { isDatabaseUnavailable } from './db/failures.ts';
import type { AppDeps } from './deps.ts';
import type { AppEnv } from './http/app-env.ts';
import { ApiError, errorBody, respondWithError } from './http/errors.ts';
import { checkOrigin, loadSession, provideDeps } from './http/middleware.ts';
import { validationError } from './http/validate.ts';
import { routeMounter } from './openapi/mount.ts';
import { openApiRoutes } from './openapi/routes.ts';
import { API_ROUTES, DEV_ROUTES, HEALTH_ROUTES } from './routes.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

function websocketOrigins(requestUrl: string, publicUrl: string | undefined): string {
  const hosts = new Set([new URL(requestUrl).host, ...(publicUrl ? [new URL(publicUrl).host] : [])]);
  return [...hosts].flatMap((host) => [`ws://${host}`, `wss://${host}`]).join(' ');
}

/** Builds the HTTP app from its dependencies. Runtime-free: the runtimes in server/runtime/ wire it up. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  // Development aids exist only when explicitly enabled, and never in production.
  const devRoutes = deps.config.devRoutes && deps.config.mode !== 'production';
  const routes = [...HEALTH_ROUTES, ...API_ROUTES, ...(devRoutes ? DEV_ROUTES : [])];
  // Our routes validate through the declaration's schemas (server/http/route.ts); should a zod-openapi
  // validator ever run, its failure still answers in our error contract.
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.target, result.error);
    },
  });
  api.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody('payload_too_large', 'request body is larger than 1 MB'), 413),
    }),
  );
  const mount = routeMounter(api, routes);
  // Before the session: health must answer (503) while the database that holds sessions is away.
  mount(HEALTH_ROUTES);
  api.use(checkOrigin);
  api.use(loadSession);
  mount(API_ROUTES);
  if (devRoutes) mount(DEV_ROUTES);
  api.route('/', openApiRoutes(api, routes));
  api.all('*', (c) => c.json(errorBody('not_found', `no API route ${c.req.method} ${c.req.path}`), 404));

  const app = new Hono<AppEnv>();
  app.use(provideDeps(deps));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        // Our own WebSocket endpoint only ('self' covers ws: only in newer browsers): the socket's
        // host is the page's, or the public URL's behind a proxy.
        connectSrc: ["'self'", (c) => websocketOrigins(c.req.url, deps.config.publicUrl)],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.route('/api', api);
  app.all('*', async (c) => {
    if (deps.assets && (c.req.method === 'GET' || c.req.method === 'HEAD')) return deps.assets.fetch(c.req.raw);
    return c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404);
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) return respondWithError(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody('validation_failed', error.message || 'bad request'), error.status);
    }
    if (isDatabaseUnavailable(error)) {
      // Every write runs in one transaction, so nothing was half done: the person can simply retry.
      deps.log?.('warn', 'database unavailable', { method: c.req.method, path: c.req.path, error: String(error) });
      c.header('Retry-After', '5');
      return c.json(
        errorBody('unavailable', 'the database is unavailable; nothing was changed, try again shortly'),
        503,
      );
    }
    if (pgErrorCode(error)?.startsWith('22')) {
      // A data exception that validation should have caught (a value out of a column's range): still the
      // request's fault, and worth a log line so that the schema gets its bound.
      deps.log?.('warn', 'database refused a value', { method: c.req.method, path: c.req.path, error: String(error) });
      return c.json(errorBody('validation_failed', 'a value in the request is out of range or cannot be stored'), 400);
    }
    deps.log?.('error', 'unhandled error', {
      method: c.req.method,
      path: c.req.path,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return c.json(errorBody('internal', 'something went wrong on our side; it has been logged'), 500);
  });
  return app;
}
