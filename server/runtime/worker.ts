/**
 * The Cloudflare Workers entry (wrangler.toml): the same Hono app as on Node, with PostgreSQL through
 * Hyperdrive, Argon2id in WebAssembly, the client from Workers static assets, and the scheduler's work
 * from a Cron Trigger. Mail stays in the outbox (no SMTP from a Worker).
 *
 * Not here yet (issue 15): co-editing. Its WebSocket upgrades (/collab/:docName) are to go to one Durable
 * Object per document running server/collab/room.ts; until then they are refused with a 503 and the
 * HTTP routes run without live rooms (stored content is what they read).
 */
import noSimd from 'argon2id/dist/no-simd.wasm';
import simd from 'argon2id/dist/simd.wasm';
import { createApp } from '../app.ts';
import { runDueWork } from '../consensus/commands.ts';
import { systemClock, type AppDeps, type Assets } from '../deps.ts';
import { errorBody } from '../http/errors.ts';
import { openPostgres } from './postgres.ts';
import { wasmPasswords, type WasmLoader } from './wasm-passwords.ts';

/** The bindings and variables of wrangler.toml. */
export interface WorkerEnv {
  HYPERDRIVE: { connectionString: string };
  ASSETS: Assets;
  /** development (default), test or production: as NODE_ENV on Node. */
  MODE?: string;
  DEV_ROUTES?: string;
  ALLOW_DEMO_LOGIN?: string;
  TRUSTED_ORIGINS?: string;
  PUBLIC_URL?: string;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

const instantiate =
  (module: WebAssembly.Module): WasmLoader =>
  async (imports) => ({ module, instance: await WebAssembly.instantiate(module, imports) });
const passwords = wasmPasswords(instantiate(simd), instantiate(noSimd));

function mode(env: WorkerEnv): 'development' | 'test' | 'production' {
  return env.MODE === 'production' || env.MODE === 'test' ? env.MODE : 'development';
}

/**
 * The app's dependencies for one request. A Worker may not use a connection opened for another request,
 * so each request gets its own pool (Hyperdrive keeps the connections to PostgreSQL warm behind it).
 */
function depsFor(env: WorkerEnv): AppDeps {
  const production = mode(env) === 'production';
  return {
    db: openPostgres(env.HYPERDRIVE.connectionString, { max: 5 }),
    clock: systemClock,
    sessionClock: systemClock,
    passwords,
    mail: { kind: 'outbox', deliver: async () => undefined },
    config: {
      runtime: 'workers',
      mode: mode(env),
      allowDemoLogin: env.ALLOW_DEMO_LOGIN === 'true',
      trustedOrigins: (env.TRUSTED_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      devRoutes: env.DEV_ROUTES === 'true' && !production,
      ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
    },
    clientAddress: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
    assets: env.ASSETS,
    log: (level, message, fields) => console[level === 'info' ? 'log' : level](message, fields ?? {}),
  };
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    if (new URL(request.url).pathname.startsWith('/collab/')) {
      return Response.json(errorBody('unavailable', 'co-editing does not run on Workers yet'), { status: 503 });
    }
    const deps = depsFor(env);
    try {
      return await createApp(deps).fetch(request);
    } finally {
      ctx.waitUntil(deps.db.close());
    }
  },

  /** The Cron Trigger: rounds past their deadline close, reminders go out, interrupted rulings finish. */
  async scheduled(_event: unknown, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const deps = depsFor(env);
    ctx.waitUntil(runDueWork(deps).finally(() => deps.db.close()));
  },
};
