import { DataSource, type MixedList } from 'typeorm';
import { WORD_SIMILARITY_THRESHOLD } from '../i18n/search-sql';
import { integer } from '../config/env';

type Env = Record<string, string | undefined>;

/** How a service uses its database; each read from the environment by `readDatabaseSettings`. */
export interface DatabaseSettings {
  /** DB_POOL_SIZE: connections in the pool. */
  poolSize: number;
  /** DB_STATEMENT_TIMEOUT_MS: Postgres cancels a statement that runs longer. */
  statementTimeoutMs: number;
  /** DB_CONNECT_TIMEOUT_MS: how long to wait for a new connection, or for a free one from the pool. */
  connectTimeoutMs: number;
}

export const DEFAULT_DATABASE_SETTINGS: DatabaseSettings = { poolSize: 10, statementTimeoutMs: 3_000, connectTimeoutMs: 2_000 };

/** Reads the database settings; a malformed value fails at start-up, naming the variable. */
export function readDatabaseSettings(env: Env = process.env): DatabaseSettings {
  return {
    poolSize: integer('DB_POOL_SIZE', DEFAULT_DATABASE_SETTINGS.poolSize, env, [1, 1_000]),
    statementTimeoutMs: integer('DB_STATEMENT_TIMEOUT_MS', DEFAULT_DATABASE_SETTINGS.statementTimeoutMs, env, [1, 3_600_000]),
    connectTimeoutMs: integer('DB_CONNECT_TIMEOUT_MS', DEFAULT_DATABASE_SETTINGS.connectTimeoutMs, env, [1, 600_000]),
  };
}

export interface DataSourceOptions extends Partial<DatabaseSettings> {
  /** A postgres:// URL. */
  url: string;
  /** The Postgres schema this service owns; its tables and migration history live there. */
  schema: string;
  /** The service's migration classes, applied in order. */
  migrations: MixedList<Function>;
  /**
   * Called when an idle pooled connection fails (the server restarted, the network dropped):
   * the pool discards it and opens a new one on the next query. Ignored by default.
   */
  onPoolError?: (error: Error) => void;
}

/**
 * The TypeORM data source of one service: pooled, bound to the service's own schema (its
 * `search_path` is that schema alone, so a service cannot read another's tables by accident),
 * migrations only — `synchronize` is never on.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  const settings = { ...DEFAULT_DATABASE_SETTINGS, ...withoutUndefined(options) };
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
    poolSize: settings.poolSize,
    connectTimeoutMS: settings.connectTimeoutMs,
    // Without a handler a failed idle connection would be an unhandled 'error' event.
    poolErrorHandler: (error: Error) => options.onPoolError?.(error),
    extra: {
      // pg_trgm reads its threshold from a setting, so a search's `<%` (answered from the trigram
      // index) uses ours on every connection; Postgres keeps the value until pg_trgm loads.
      options: `-c search_path=${options.schema},public -c statement_timeout=${settings.statementTimeoutMs}`
        + ` -c pg_trgm.word_similarity_threshold=${WORD_SIMILARITY_THRESHOLD}`
        // Statements are prepared by name (see RequestDatabase); each execution is still planned for its own values.
        + ' -c plan_cache_mode=force_custom_plan',
    },
  });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
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
