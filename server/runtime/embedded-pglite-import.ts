/**
 * Copies the PGlite database of an earlier version of Tafelwerk into the (empty) embedded PostgreSQL.
 * Runs in a worker thread (embedded-pglite-worker.ts), so that PGlite's few hundred MB go away with it.
 */
import type { Db, Queryable } from '../db/db.ts';
import { migrate, type Migration } from '../db/migrate.ts';
import { openPglite } from './pglite.ts';

/** Rows per statement when copying a PGlite table (a row may hold a whole document's history). */
const COPY_CHUNK = 200;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function publicTables(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
  );
  return rows.map((row) => row.name);
}

/**
 * Copies every table of the PGlite database in `dir` into `target` (an empty embedded PostgreSQL): the
 * schema is made by our own migrations, up to the version the old database had reached (the normal
 * start-up applies the rest), and the rows travel as JSON (row_to_json → json_populate_recordset),
 * which keeps every type exact (timestamps to the microsecond, bytea, jsonb, arrays). One transaction,
 * with foreign keys unchecked while tables fill in any order; sequences continue where they were.
 */
export async function importPglite(
  dir: string,
  target: Db,
  migrations: readonly Migration[],
): Promise<{ tables: number; rows: number; version: number }> {
  const old = await openPglite(dir);
  try {
    const [{ known } = { known: null }] = await old.query<{ known: string | null }>(
      "select to_regclass('public.schema_migrations')::text as known",
    );
    const version = known
      ? ((await old.query<{ v: number }>('select coalesce(max(version), 0)::integer as v from schema_migrations'))[0]
          ?.v ?? 0)
      : 0;
    if (version > migrations.length) {
      throw new Error(
        `the PGlite database is at migration ${version}, newer than this version of Tafelwerk (${migrations.length})`,
      );
    }
    await migrate(target, migrations.slice(0, version));
    const tables = await publicTables(old);
    const made = await publicTables(target);
    if (tables.join() !== made.join()) {
      throw new Error(
        `the PGlite database has tables [${tables.join(', ')}], migration ${version} makes [${made.join(', ')}]`,
      );
    }
    let rows = 0;
    await target.transaction(async (tx) => {
      await tx.query('set local session_replication_role = replica');
      for (const table of tables) {
        const columns = await tx.query<{ name: string }>(
          `select column_name as name from information_schema.columns
            where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER'
            order by ordinal_position`,
          [table],
        );
        const list = columns.map((column) => ident(column.name)).join(', ');
        const qualified = `public.${ident(table)}`;
        await tx.query(`delete from ${qualified}`);
        const copied = await old.transaction(async (from) => {
          await from.query(
            `declare legacy_rows no scroll cursor for select row_to_json(t)::text as row from ${qualified} t`,
          );
          let n = 0;
          for (;;) {
            const chunk = await from.query<{ row: string }>(`fetch ${COPY_CHUNK} from legacy_rows`);
            if (chunk.length === 0) return n;
            // $1 as text: postgres.js would send a string bound to a json parameter as a JSON string.
            await tx.query(
              `insert into ${qualified} (${list}) overriding system value
                 select ${list} from json_populate_recordset(null::${qualified}, $1::text::json)`,
              [`[${chunk.map((r) => r.row).join(',')}]`],
            );
            n += chunk.length;
          }
        });
        const [counted] = await tx.query<{ n: number }>(`select count(*)::integer as n from ${qualified}`);
        if (counted?.n !== copied) throw new Error(`${table}: copied ${copied} rows, found ${counted?.n}`);
        rows += copied;
      }
      const sequences = await old.query<{ name: string; last_value: string | null }>(
        "select sequencename as name, last_value::text as last_value from pg_sequences where schemaname = 'public'",
      );
      for (const sequence of sequences) {
        if (sequence.last_value === null) continue;
        await tx.query('select setval($1::regclass, $2::bigint, true)', [
          `public.${ident(sequence.name)}`,
          sequence.last_value,
        ]);
      }
    });
    return { tables: tables.length, rows, version };
  } finally {
    await old.close();
  }
}
