/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the PGlite in DATA_DIR. */
import { readEnv } from './env.ts';
import { migrateDatabase, openDatabase } from './node-deps.ts';

const env = readEnv();
const db = await openDatabase(env);
try {
  const version = await migrateDatabase(db);
  console.log(`database (${db.kind}) is at migration ${version}`);
} finally {
  await db.close();
}
