import { migrate, writeSyntheticRows, printSubgraphSchema, RequestDatabase } from '@azg/core';
import { DEFAULT_PORT } from './config';
import { createServiceDataSource, SCHEMA } from './data-source';
import { seed } from './seed/seed';
import { SYNTHETIC_TABLES } from './seed/synthetic';
import { buildSchema, createServer } from './server';

export const serviceName = 'projects';
export const defaultPort = DEFAULT_PORT;
export { createServer, createServiceDataSource };

/** Applies pending migrations and loads the document's facts, in one transaction for the seed. */
export async function migrateAndSeed(url: string): Promise<{ changedRows: number }> {
  const dataSource = createServiceDataSource(url);
  try {
    await migrate(dataSource, SCHEMA);
    const changedRows = await dataSource.transaction((manager) => seed(new RequestDatabase(manager)));
    return { changedRows };
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

/** The subgraph's SDL, as composition reads it. */
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
