import postgres from 'postgres';
import { inject } from 'vitest';

export interface TestDatabase {
  /**
   * undefined means: the default database, the embedded PostgreSQL that the server runs itself (a
   * throwaway one for a server without DATA_DIR, DATA_DIR/postgres for a server process with one).
   */
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

export interface DatabaseBackend {
  name: 'embedded' | 'postgres';
  create(): Promise<TestDatabase>;
}

/**
 * The databases every integration suite runs against: the embedded PostgreSQL of `npm start` always (its
 * whole path: binaries, cluster, socket, shutdown), and a PostgreSQL at DATABASE_URL when one was started.
 */
export function databaseBackends(): DatabaseBackend[] {
  const backends: DatabaseBackend[] = [
    { name: 'embedded', create: async () => ({ databaseUrl: undefined, drop: async () => undefined }) },
  ];
  const adminUrl = inject('postgresAdminUrl');
  if (adminUrl) {
    backends.push({
      name: 'postgres',
      async create() {
        const name = `tafelwerk_test_${crypto.randomUUID().replaceAll('-', '')}`;
        // Interpolated into CREATE/DROP DATABASE (identifiers cannot be parameters): never anything but this shape.
        if (!/^tafelwerk_test_[0-9a-f]{32}$/.test(name)) throw new Error(`unexpected database name ${name}`);
        const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
        try {
          await admin.unsafe(`create database ${name}`);
        } finally {
          await admin.end();
        }
        const url = new URL(adminUrl);
        url.pathname = `/${name}`;
        return {
          databaseUrl: url.toString(),
          async drop() {
            const sql = postgres(adminUrl, { max: 1, onnotice: () => undefined });
            try {
              await sql.unsafe(`drop database if exists ${name} with (force)`);
            } finally {
              await sql.end();
            }
          },
        };
      },
    });
  }
  return backends;
}
