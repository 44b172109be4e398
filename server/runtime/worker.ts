/**
 * The Cloudflare Workers entry (wrangler.toml): the same Hono app as on Node, with PostgreSQL through
 * Hyperdrive, Argon2id in WebAssembly, the client from Workers static assets, and the scheduler's work
 * from a Cron Trigger. Mail goes through an HTTP mail API (MAIL_API_URL), or stays in the outbox. A WebSocket upgrade at
 * /collab/:docName is authenticated and authorized here, as on Node, and handed to the document's
 * Durable Object (worker-room.ts), created in the EU jurisdiction (DOCUMENT_JURISDICTION).
 */
import noSimd from 'argon2id/dist/no-simd.wasm';
import simd from 'argon2id/dist/simd.wasm';
import { createApp } from '../app.ts';
import { runDueWork } from '../consensus/commands.ts';
import { shiftableClock, systemClock, type AppDeps, type Assets, type SettableClock } from '../deps.ts';
import type { Refusal } from '../collab/access.ts';
import { CLOSE } from '../collab/protocol.ts';
import { authorizeDocument } from '../documents/access.ts';
import { errorBody } from '../http/errors.ts';
import { httpMailApi } from '../mail/http-api.ts';
import { openPostgres } from './postgres.ts';
import { documentObjects, durableObjectCollab, type CollabBindings } from './worker-collab.ts';
import { ADMISSION_HEADER } from './worker-room.ts';
import { wasmPasswords, type WasmLoader } from './wasm-passwords.ts';
import { workerPdfFonts } from './worker-fonts.ts';

export { DocumentRoom } from './worker-room.ts';
export { LiveDirectory } from './worker-directory.ts';

/** The bindings and variables of wrangler.toml. */
export interface WorkerEnv extends CollabBindings {
  HYPERDRIVE: { connectionString: string };
  ASSETS: Assets;
  /** development (default), test or production: as NODE_ENV on Node. */
  MODE?: string;
  DEV_ROUTES?: string;
  ALLOW_DEMO_LOGIN?: string;
  TRUSTED_ORIGINS?: string;
  PUBLIC_URL?: string;
  /** An HTTP mail API (server/mail/http-api.ts) and its key (a secret); without them mail stays in the outbox. */
  MAIL_API_URL?: string;
  MAIL_API_TOKEN?: string;
  MAIL_FROM?: string;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

const instantiate =
  (module: WebAssembly.Module): WasmLoader =>
  async (imports) => ({ module, instance: await WebAssembly.instantiate(module, imports) });
const passwords = wasmPasswords(instantiate(simd), instantiate(noSimd));

/**
 * With dev routes (never in production) business time can be moved, as on Node. It lives in the isolate:
 * locally (one isolate) that is the whole deployment; it starts at the wall clock again with the isolate.
 * In test mode it stands still between settings, as the test clock of the Node suites does, so that
 * the same suites expect the same times of both runtimes.
 */
let devClock: SettableClock | undefined;
function devClockFor(env: WorkerEnv): SettableClock {
  devClock ??= mode(env) === 'test' ? standingClock() : shiftableClock();
  return devClock;
}

function standingClock(): SettableClock {
  let now = new Date();
  return { now: () => new Date(now), set: (at) => (now = new Date(at)) };
}

function mode(env: WorkerEnv): 'development' | 'test' | 'production' {
  return env.MODE === 'production' || env.MODE === 'test' ? env.MODE : 'development';
}

/**
 * The app's dependencies for one request. A Worker may not use a connection opened for another request,
 * so each request gets its own pool (Hyperdrive keeps the connections to PostgreSQL warm behind it).
 */
function depsFor(env: WorkerEnv, ctx: ExecutionContext): AppDeps {
  const production = mode(env) === 'production';
  const devRoutes = env.DEV_ROUTES === 'true' && !production;
  return {
    db: openPostgres(env.HYPERDRIVE.connectionString, { max: 5 }),
    clock: devRoutes ? devClockFor(env) : systemClock,
    ...(devRoutes ? { devClock: devClockFor(env) } : {}),
    sessionClock: systemClock,
    passwords,
    mail:
      env.MAIL_API_URL && env.MAIL_API_TOKEN
        ? httpMailApi({
            url: env.MAIL_API_URL,
            token: env.MAIL_API_TOKEN,
            from: env.MAIL_FROM ?? 'Tafelwerk <noreply@tafelwerk.local>',
          })
        : { kind: 'outbox', deliver: async () => undefined },
    config: {
      runtime: 'workers',
      mode: mode(env),
      allowDemoLogin: env.ALLOW_DEMO_LOGIN === 'true',
      trustedOrigins: (env.TRUSTED_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      devRoutes,
      ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
    },
    clientAddress: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
    assets: singlePageAssets(env.ASSETS),
    pdfFonts: workerPdfFonts,
    collab: durableObjectCollab(
      env,
      (work) => ctx.waitUntil(work),
      (message, fields) => console.warn(message, fields),
    ),
    log: (level, message, fields) => console[level === 'info' ? 'log' : level](message, fields ?? {}),
  };
}

/**
 * The client as on Node: a missing path with an extension is a 404, any other is a page of the single-page
 * app. The platform's responses have immutable headers; the app adds its security headers to a copy.
 */
function singlePageAssets(assets: Assets): Assets {
  return {
    async fetch(request) {
      let response = await assets.fetch(request);
      const { pathname } = new URL(request.url);
      if (response.status === 404 && !/\.[^/]*$/.test(pathname)) {
        response = await assets.fetch(new Request(new URL('/', request.url), request));
      }
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers: new Headers(response.headers),
      });
    },
  };
}

/**
 * A refused upgrade is accepted and closed at once with its code, as on Node: a browser sees no HTTP
 * status of a failed upgrade, and the stock provider stops retrying only on a 44xx close.
 */
function refuse(why: Refusal): Response {
  const pair = new WebSocketPair();
  pair[1].accept();
  pair[1].close(why.code, why.reason);
  return new Response(null, { status: 101, webSocket: pair[0] });
}

async function openDocument(request: Request, env: WorkerEnv, ctx: ExecutionContext, raw: string): Promise<Response> {
  if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
    return Response.json(errorBody('validation_failed', 'a document is opened with a WebSocket upgrade'), {
      status: 426,
    });
  }
  let docName: string;
  try {
    docName = decodeURIComponent(raw);
  } catch {
    return Response.json(errorBody('not_found', 'no such endpoint'), { status: 404 });
  }
  const deps = depsFor(env, ctx);
  try {
    const decision = await authorizeDocument(
      deps,
      {
        url: request.url,
        cookie: request.headers.get('cookie') ?? undefined,
        origin: request.headers.get('origin') ?? undefined,
      },
      docName,
    );
    if (!decision.ok) return refuse(decision.refusal);
    const { ok: _, ...admission } = decision;
    const headers = new Headers(request.headers);
    headers.set(ADMISSION_HEADER, JSON.stringify(admission));
    const documents = documentObjects(env);
    return await documents.get(documents.idFromName(docName)).fetch(new Request(request, { headers }));
  } catch (error) {
    // The database did not answer: transient, so the provider tries again.
    console.error('collab upgrade could not be authorized', String(error));
    return refuse(CLOSE.unavailable);
  } finally {
    ctx.waitUntil(deps.db.close());
  }
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const collab = /^\/collab\/([^/]+)$/.exec(new URL(request.url).pathname);
    if (collab) return openDocument(request, env, ctx, collab[1]!);
    const deps = depsFor(env, ctx);
    try {
      return await createApp(deps).fetch(request);
    } finally {
      ctx.waitUntil(deps.db.close());
    }
  },

  /** The Cron Trigger: rounds past their deadline close, reminders go out, interrupted rulings finish. */
  async scheduled(_event: unknown, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const deps = depsFor(env, ctx);
    try {
      await runDueWork(deps);
    } finally {
      await deps.db.close();
    }
  },
};
