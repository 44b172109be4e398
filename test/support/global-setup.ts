import type { TestProject } from 'vitest/node';
import { findPostgresBinDir, startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the throwaway PostgreSQL for this run, or null when none could be started. */
    postgresAdminUrl: string | null;
  }
}

let cluster: PostgresCluster | undefined;

/** Starts one PostgreSQL for the integration run; each suite makes its own database in it. */
export async function setup(project: TestProject): Promise<void> {
  const binDir = findPostgresBinDir();
  if (!binDir) {
    if (process.env.TAFELWERK_REQUIRE_POSTGRES === '1') {
      throw new Error('TAFELWERK_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries were found');
    }
    const line = '!'.repeat(78);
    console.warn(
      `\n${line}\n!! No PostgreSQL server binaries found: the PostgreSQL leg of the integration tests is SKIPPED.\n` +
        `!! Only the embedded PostgreSQL is tested. Install them (Debian: apt-get install postgresql) to run both.\n${line}\n`,
    );
    project.provide('postgresAdminUrl', null);
    return;
  }
  const started = Date.now();
  cluster = await startPostgresCluster(binDir);
  console.log(`PostgreSQL from ${binDir} started in ${Date.now() - started} ms`);
  project.provide('postgresAdminUrl', cluster.adminUrl);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
