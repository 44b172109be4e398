import { join } from 'node:path';
import { z } from 'zod';
import { ROOT_DIR } from './node-deps.ts';

/** The server's environment variables, validated once at start-up with a readable error. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).optional(),
  PUBLIC_URL: z.string().url().optional(),
  TRUSTED_ORIGINS: z.string().optional(),
  TRUST_PROXY: z.enum(['true', 'false']).optional(),
  ALLOW_DEMO_LOGIN: z.enum(['true', 'false']).optional(),
  LOAD_DEMO: z.enum(['true', 'false']).optional(),
  DEV_ROUTES: z.enum(['true', 'false']).optional(),
});

export type ServerEnv = ReturnType<typeof readEnv>;

export function readEnv(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv.slice(2)) {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`invalid environment:\n${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    host: e.HOST,
    mode: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR ?? join(ROOT_DIR, 'data'),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL,
    trustedOrigins:
      e.TRUSTED_ORIGINS?.split(',')
        .map((o) => o.trim())
        .filter(Boolean) ?? [],
    trustProxy: e.TRUST_PROXY === 'true',
    allowDemoLogin: e.ALLOW_DEMO_LOGIN === 'true',
    // Demo data is loaded by default outside production, and in production only when asked.
    loadDemo: e.LOAD_DEMO ? e.LOAD_DEMO === 'true' : !production,
    // /api/dev (outbox, settable clock) only on explicit request: DEV_ROUTES=true or `--dev-routes`
    // (what `npm start` passes for the demo). startNodeServer refuses it in production regardless.
    devRoutes: e.DEV_ROUTES ? e.DEV_ROUTES === 'true' : argv.includes('--dev-routes'),
  };
}
