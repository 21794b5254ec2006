import { DataSource, type MixedList } from 'typeorm';
import { WORD_SIMILARITY_THRESHOLD } from '../language/search-sql';

export interface DataSourceOptions {
  /** A postgres:// URL. */
  url: string;
  /** The Postgres schema this service owns; its tables and migration history live there. */
  schema: string;
  /** The service's migration classes, applied in order. */
  migrations: MixedList<Function>;
  /** Connections in the pool. */
  poolSize?: number;
  /** Milliseconds after which Postgres cancels a statement. */
  statementTimeoutMs?: number;
}

/**
 * The TypeORM data source of one service: pooled, bound to the service's own schema (its
 * `search_path` is that schema alone, so a service cannot read another's tables by accident),
 * migrations only — `synchronize` is never on.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName: `azg-${options.schema}`,
    poolSize: options.poolSize ?? 10,
    extra: {
      // pg_trgm reads its threshold from a setting, so a search's `<%` (answered from the trigram
      // index) uses ours on every connection; Postgres keeps the value until pg_trgm loads.
      options: `-c search_path=${options.schema},public -c statement_timeout=${options.statementTimeoutMs ?? 5000}`
        + ` -c pg_trgm.word_similarity_threshold=${WORD_SIMILARITY_THRESHOLD}`,
    },
  });
}

/**
 * Creates the service's schema if needed and applies pending migrations. Safe to run on every
 * start: migrations already applied are skipped.
 */
export async function migrate(dataSource: DataSource, schema: string): Promise<void> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await dataSource.runMigrations({ transaction: 'each' });
}
