import { hash, verify } from '@node-rs/argon2';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import type { Db } from '../db/db.ts';
import { migrate, parseMigrations } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import type { MailTransport, PasswordHasher } from '../deps.ts';

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

/** PostgreSQL through postgres.js when a URL is given, otherwise PGlite in dataDir (or memory). */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    return openPglite(join(options.dataDir, 'pglite'));
  }
  return openPglite();
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
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    deliver: async (mail) => {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
