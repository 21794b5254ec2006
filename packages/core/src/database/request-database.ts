import type { Pool, QueryResult } from 'pg';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';

/** Where a request's SQL goes; counts statements so tests and the bench can prove batching. */
export interface SqlRunner {
  query<Row = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<Row[]>;
}

/**
 * Watches each statement of a request (metrics, trace spans): called as the statement starts, it
 * returns what to call when the statement has ended, with the error if it failed.
 */
export type StatementObserver = (sql: string) => (error?: unknown) => void;

/**
 * Names of prepared statements, one per distinct SQL text: each pooled connection parses a
 * statement once and then only binds and executes it. The services' statements are built from a
 * bounded set of shapes (a list's filter adds or drops conditions, never values, which are
 * parameters), so few texts recur; past MAX_PREPARED texts the rest run unnamed, and a
 * connection never holds more. Postgres still plans every execution for its own values
 * (`plan_cache_mode=force_custom_plan`, see `createDataSource`): the name saves the parsing,
 * never picks a plan made for other values.
 */
const MAX_PREPARED = 1_000;
const preparedNames = new Map<string, string>();

function preparedName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (name === undefined && preparedNames.size < MAX_PREPARED) {
    name = `azg_${preparedNames.size}`;
    preparedNames.set(sql, name);
  }
  return name;
}

/** The pg pool behind a data source, once it is initialised. */
function poolOf(executor: DataSource | EntityManager): Pool | undefined {
  if (!(executor instanceof DataSource) || !executor.isInitialized) return undefined;
  const pool = (executor.driver as { master?: Pool }).master;
  return pool && typeof pool.query === 'function' ? pool : undefined;
}

/**
 * A statement on the data source's pool, answered as TypeORM's `DataSource.query` answers it
 * (rows; `[rows, count]` for UPDATE and DELETE; a failure as QueryFailedError over pg's error),
 * without the query runner, events and logging TypeORM sets up around every statement.
 */
async function poolQuery(pool: Pool, sql: string, parameters: unknown[]): Promise<unknown> {
  let result: QueryResult;
  try {
    const name = preparedName(sql);
    result = await pool.query(name === undefined ? { text: sql, values: parameters } : { name, text: sql, values: parameters });
  } catch (error) {
    throw new QueryFailedError(sql, parameters, error as Error);
  }
  return result.command === 'UPDATE' || result.command === 'DELETE' ? [result.rows, result.rowCount] : result.rows;
}

/**
 * The database as one request sees it: every statement goes through `query`, which counts it.
 * Built per request in `createContext()` and dropped with the request.
 */
export class RequestDatabase implements SqlRunner {
  statements = 0;

  constructor(
    private readonly executor: DataSource | EntityManager,
    private readonly observe?: StatementObserver,
  ) {}

  async query<Row = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    this.statements += 1;
    const ended = this.observe?.(sql);
    try {
      const pool = poolOf(this.executor);
      const rows = (await (pool ? poolQuery(pool, sql, parameters) : this.executor.query(sql, parameters))) as Row[];
      ended?.();
      return rows;
    } catch (error) {
      ended?.(error);
      throw error;
    }
  }

  /**
   * Runs `work` in one database transaction on one pooled connection: committed when `work`
   * resolves, rolled back when it throws (the error is rethrown). Statements inside are counted
   * here too.
   */
  async transaction<T>(work: (tx: RequestDatabase) => Promise<T>): Promise<T> {
    let inner: RequestDatabase | undefined;
    try {
      return await this.executor.transaction(async (manager) => {
        inner = new RequestDatabase(manager, this.observe);
        return work(inner);
      });
    } finally {
      this.statements += inner?.statements ?? 0;
    }
  }
}
