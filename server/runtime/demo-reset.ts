/**
 * `npm run demo:reset`: throws away everything in the database and loads the demo region again.
 * Refused in production unless --force is given, because it deletes real data.
 */
import { loadDemoData } from '../demo/load-demo.ts';
import { readEnv } from './env.ts';
import { argon2Passwords, migrateDatabase, openDatabase } from './node-deps.ts';

const env = readEnv();
if (env.mode === 'production' && !process.argv.includes('--force')) {
  console.error('demo:reset deletes all data; refused with NODE_ENV=production (add --force if you mean it)');
  process.exit(1);
}
const db = await openDatabase(env);
try {
  await db.execScript('drop schema public cascade; create schema public;');
  await migrateDatabase(db);
  await loadDemoData(db, argon2Passwords, new Date());
  console.log(`demo data reloaded (${db.kind})`);
} finally {
  await db.close();
}
