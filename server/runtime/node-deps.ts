import { hash, verify } from '@node-rs/argon2';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/db.ts';
import { migrate, parseMigrations } from '../db/migrate.ts';
import { openPostgres } from './postgres.ts';
import type { MailTransport, PasswordHasher } from '../deps.ts';
import { openEmbeddedDatabase, type DatabaseLog } from './embedded-database.ts';

export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Argon2id with the OWASP-recommended minimum (19 MiB, 2 passes); 2 = Argon2id in @node-rs/argon2. */
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const argon2Passwords: PasswordHasher = {
  hash: (password) => hash(password, ARGON2ID),
  verify: async (hashed, password) => {
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  },
};

/** How openDatabase reports what it does (creating the cluster, moving an old PGlite directory). */
const databaseConsole: DatabaseLog = (level, message, fields) =>
  (level === 'info' ? console.log : console.error)(
    `[database] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`,
  );

/**
 * PostgreSQL through postgres.js: the server at DATABASE_URL when one is given, otherwise the embedded
 * PostgreSQL that this process runs, in dataDir/postgres (or a throwaway one when there is no dataDir).
 * The database never runs on the thread that relays co-editing updates.
 */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  log?: DatabaseLog;
}): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openEmbeddedDatabase({
    dataDir: options.dataDir,
    migrations: () => readMigrations(),
    log: options.log ?? databaseConsole,
  });
}

export async function readMigrations(dir = join(ROOT_DIR, 'migrations')) {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql'));
  return parseMigrations(
    await Promise.all(names.map(async (fileName) => ({ fileName, sql: await readFile(join(dir, fileName), 'utf8') }))),
  );
}

export async function migrateDatabase(db: Db): Promise<number> {
  return migrate(db, await readMigrations());
}

/** SMTP when SMTP_URL is set; otherwise mails stay in the outbox only. */
export function mailTransport(smtpUrl: string | undefined, from: string): MailTransport {
  if (!smtpUrl) return { kind: 'outbox', deliver: async () => undefined };
  // Loaded only where mail goes out by SMTP: an idle server without it does not carry nodemailer.
  const transporter = import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
  // A failure shows at each delivery (the outbox keeps the mail); unobserved until then, it must not
  // count as an unhandled rejection.
  transporter.catch(() => undefined);
  return {
    kind: 'smtp',
    deliver: async (mail) => {
      await (await transporter).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
