import { describe, expect, it } from 'vitest';
import { currentVersion, migrate, parseMigrations } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/runtime/pglite.ts';
import { readMigrations } from '../../server/runtime/node-deps.ts';

describe('migrations', () => {
  it('orders files by number and refuses gaps and bad names', () => {
    const parsed = parseMigrations([
      { fileName: '0002_b.sql', sql: 'b' },
      { fileName: '0001_a.sql', sql: 'a' },
    ]);
    expect(parsed.map((m) => m.name)).toEqual(['a', 'b']);
    expect(() => parseMigrations([{ fileName: '0002_b.sql', sql: '' }])).toThrow(/without gaps/);
    expect(() => parseMigrations([{ fileName: 'init.sql', sql: '' }])).toThrow(/0001_name/);
  });

  it('applies every migration once and records it', async () => {
    const db = await openPglite();
    try {
      const migrations = await readMigrations();
      expect(await migrate(db, migrations)).toBe(migrations.length);
      expect(await migrate(db, migrations)).toBe(migrations.length);
      const rows = await db.query<{ version: number }>('select version from schema_migrations order by version');
      expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
      expect(await currentVersion(db)).toBe(migrations.length);
    } finally {
      await db.close();
    }
  });

  it('rolls back a failing migration entirely', async () => {
    const db = await openPglite();
    try {
      const broken = parseMigrations([
        { fileName: '0001_ok.sql', sql: 'create table a (id int);' },
        { fileName: '0002_broken.sql', sql: 'create table b (id int); select nonsense from nowhere;' },
      ]);
      await expect(migrate(db, broken)).rejects.toThrow();
      expect(await currentVersion(db)).toBe(1);
      const tables = await db.query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_name in ('a', 'b')",
      );
      expect(tables.map((t) => t.name)).toEqual(['a']);
    } finally {
      await db.close();
    }
  });
});
