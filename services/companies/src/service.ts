import { migrate, writeSyntheticRows, printSubgraphSchema, RequestDatabase } from '@azg/core';
import { DEFAULT_PORT } from './config';
import { createServiceDataSource, SCHEMA } from './data-source';
import { seed } from './seed/seed';
import { SYNTHETIC_TABLES } from './seed/synthetic';
import { buildSchema } from './server';

/** The subgraph's name, as the supergraph and the scripts know it. */
export const serviceName = 'companies';

/** The port the checked-in supergraph expects the service on. */
export const defaultPort = DEFAULT_PORT;

export { createServiceDataSource } from './data-source';
export { createServer } from './server';

/**
 * Applies pending migrations to the database at `url`, then upserts the seed in one
 * transaction. Returns how many rows the seed inserted or changed: 0 on a second run.
 */
export async function migrateAndSeed(url: string): Promise<{ changedRows: number }> {
  const dataSource = createServiceDataSource(url);
  await dataSource.initialize();
  try {
    await migrate(dataSource, SCHEMA);
    const changedRows = await dataSource.transaction((manager) => seed(new RequestDatabase(manager)));
    return { changedRows };
  } finally {
    await dataSource.destroy();
  }
}

/** The subgraph SDL, as `printSubgraphSchema` prints the service's schema; opens no database. */
export async function printSdl(): Promise<string> {
  return printSubgraphSchema(await buildSchema());
}

/**
 * Replaces this subgraph's synthetic rows (flagged `synthetic`, ids prefixed `synthetic-`) by
 * `scale` renamed copies of the document's rows, in one transaction; `scale` 0 only removes them.
 * The document's own rows are never touched. Run by `npm run seed:synthetic`.
 */
export function writeSyntheticData(url: string, scale: number): Promise<{ removedRows: number; writtenRows: number }> {
  return writeSyntheticRows(createServiceDataSource(url), SYNTHETIC_TABLES, scale);
}
