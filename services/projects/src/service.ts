import { migrate, printSubgraphSchema, RequestDatabase } from '@azg/core';
import { DEFAULT_PORT } from './config';
import { createServiceDataSource, SCHEMA } from './data-source';
import { seed } from './seed/seed';
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
