/**
 * The land subgraph as a package: what the start script, the composition script and tests use.
 */
import { migrate, writeSyntheticRows, RequestDatabase } from '@azg/core';
import type { GraphQLSchema } from 'graphql';
import { createRequire } from 'node:module';
import { DEFAULT_PORT } from './config';
import { createServiceDataSource, LAND_SCHEMA } from './data-source';
import { seed } from './seed/seed';
import { SYNTHETIC_TABLES } from './seed/synthetic';
import { buildSchema } from './server';

export { createServer, buildSchema } from './server';
export { createServiceDataSource } from './data-source';

/** The subgraph's name in the supergraph. */
export const serviceName = 'land';

/** The port the land subgraph listens on when PORT is not set. */
export const defaultPort: number = DEFAULT_PORT;

/**
 * Brings a database up to date for the land subgraph: applies pending migrations, then writes
 * the facts in one transaction. Returns how many rows the seed inserted or changed (0 when the
 * database already held them).
 */
export async function migrateAndSeed(url: string): Promise<{ changedRows: number }> {
  const dataSource = createServiceDataSource(url);
  await dataSource.initialize();
  try {
    await migrate(dataSource, LAND_SCHEMA);
    const changedRows = await dataSource.transaction((manager) => seed(new RequestDatabase(manager)));
    return { changedRows };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The subgraph's SDL with its federation directives, as `printSubgraphSchema` of
 * `@apollo/subgraph` prints it for composition. That package is a dependency of @azg/core, not
 * of this one, so it is found from core's location (whether npm hoisted it or not) and then
 * loaded through this module's own `require`, so it shares this process's `graphql`.
 */
export async function printSdl(): Promise<string> {
  const subgraphPath = createRequire(require.resolve('@azg/core')).resolve('@apollo/subgraph');
  const { printSubgraphSchema } = require(subgraphPath) as { printSubgraphSchema: (schema: GraphQLSchema) => string };
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
