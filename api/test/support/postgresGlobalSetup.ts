// Vitest global setup of the `api-postgres` project: one throwaway PostgreSQL cluster for the whole
// run, with a migrated template database each test copies (CREATE DATABASE … TEMPLATE) for its own.
import type { TestProject } from 'vitest/node';
import { openDb } from '../../src/db/connection';
import { administer, startPostgresCluster } from '../../../scripts/postgresCluster';

export const TEMPLATE_DATABASE = 'badgelens_template';

export interface ProvidedPostgres {
  /** A URL of the cluster with `{database}` where the database name goes. */
  urlPattern: string;
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const started = performance.now();
  const cluster = await startPostgresCluster();
  try {
    await administer(cluster, `CREATE DATABASE ${TEMPLATE_DATABASE}`);
    const db = await openDb(cluster.url(TEMPLATE_DATABASE));
    await db.destroy();
  } catch (error) {
    cluster.stop();
    throw error;
  }
  project.provide('postgres', { urlPattern: cluster.url('{database}'), template: TEMPLATE_DATABASE });
  console.log(`PostgreSQL test cluster on port ${cluster.port}, template migrated, in ${Math.round(performance.now() - started)} ms`);
  return () => cluster.stop();
}
