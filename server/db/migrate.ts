import type { Db } from './db.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Parses `NNNN_name.sql` file names; the runtime supplies the file contents (fs on Node, bundled on Workers). */
export function parseMigrations(files: ReadonlyArray<{ fileName: string; sql: string }>): Migration[] {
  const migrations = files.map(({ fileName, sql }) => {
    const match = FILE_NAME.exec(fileName);
    if (!match?.[1] || !match[2]) throw new Error(`migration file name must look like 0001_name.sql: ${fileName}`);
    return { version: Number(match[1]), name: match[2], sql };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migrations must be numbered 0001, 0002, … without gaps; found ${migration.version}`);
    }
  });
  return migrations;
}

/** Applies the migrations not yet recorded in schema_migrations, in order, each in its own transaction. */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<number> {
  await db.execScript(`create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    applied_at timestamptz not null default now()
  )`);
  const applied = await db.query<{ version: number }>('select version from schema_migrations');
  const done = new Set(applied.map((row) => row.version));
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    await db.transaction(async (tx) => {
      await tx.execScript(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    });
  }
  return currentVersion(db);
}

export async function currentVersion(db: Db): Promise<number> {
  const rows = await db.query<{ version: number | null }>('select max(version) as version from schema_migrations');
  return rows[0]?.version ?? 0;
}
