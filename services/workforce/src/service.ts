import { migrate, writeSyntheticRows, printSubgraphSchema, RequestDatabase } from '@azg/core';
import { DEFAULT_PORT } from './config';
import { createServiceDataSource, SCHEMA } from './data-source';
import { seed } from './seed/seed';
import { SYNTHETIC_TABLES } from './seed/synthetic';
import { buildSchema } from './server';

/** The subgraph's name, as composition and the gateway know it. */
export const serviceName = 'workforce';

/** The port the subgraph listens on unless PORT says otherwise. */
export const defaultPort: number = DEFAULT_PORT;

export { createServiceDataSource } from './data-source';
export { createServer } from './server';

/**
 * Brings a database up to date: applies pending migrations to the `workforce` schema, then
 * writes the document's facts in one transaction. A second run changes 0 rows.
 */
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
