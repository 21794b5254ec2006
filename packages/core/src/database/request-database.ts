import type { Pool, QueryResult } from 'pg';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { type ReadReplicas, replicaFailure } from './read-replicas';
import { laterWalPosition, parseWalPosition } from './wal-position';

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
async function poolQuery(pool: Pick<Pool, 'query'>, sql: string, parameters: unknown[]): Promise<unknown> {
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
 *
 * With read replicas (DATABASE_READ_URL), a statement goes to one only once the request has been
 * found to be a query (`readOnly`, set when the operation is resolved) and a usable replica has
 * replayed past `readAfter`; everything else (mutations, transactions, whatever runs before the
 * operation is known) runs on the primary. A replica that fails the statement because it went
 * away, or because replay cancelled it, costs a second try on the primary, never an error.
 */
export class RequestDatabase implements SqlRunner {
  statements = 0;
  /** The request is a query: its statements may be answered by a replica. */
  readOnly = false;
  /** The WAL position a replica must have replayed to answer this request (the caller's latest write). */
  readAfter: bigint | undefined;
  /** The primary's WAL position after this request's last committed transaction (with replicas only). */
  committed: bigint | undefined;

  constructor(
    private readonly executor: DataSource | EntityManager,
    private readonly observe?: StatementObserver,
    private readonly replicas?: ReadReplicas,
  ) {}

  async query<Row = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    this.statements += 1;
    const ended = this.observe?.(sql);
    try {
      const pool = poolOf(this.executor);
      // A transaction's statements (on its EntityManager) are on the primary's connection it holds.
      if (!pool) this.replicas?.counted('primary');
      const rows = (await (pool ? this.routed(pool, sql, parameters) : this.executor.query(sql, parameters))) as Row[];
      ended?.();
      return rows;
    } catch (error) {
      ended?.(error);
      throw error;
    }
  }

  /** A statement on a replica when this request may read from one, else (or when the replica fails it) on the primary's pool. */
  private async routed(primary: Pool, sql: string, parameters: unknown[]): Promise<unknown> {
    if (this.replicas === undefined) return poolQuery(primary, sql, parameters);
    const replica = this.readOnly ? this.replicas.choose(this.readAfter) : undefined;
    if (replica !== undefined) {
      try {
        const rows = await poolQuery(replica.pool as Pick<Pool, 'query'>, sql, parameters);
        this.replicas.counted('replica');
        return rows;
      } catch (error) {
        const reason = replicaFailure(error);
        if (reason === undefined) throw error;
        this.replicas.failed(replica, reason, error);
      }
    }
    this.replicas.counted('primary');
    return poolQuery(primary, sql, parameters);
  }

  /**
   * Runs `work` in one database transaction on one pooled connection of the primary: committed
   * when `work` resolves, rolled back when it throws (the error is rethrown). Statements inside
   * are counted here too. With replicas, the primary's WAL position is read once the
   * transaction has committed (`committed`): a replica that has replayed that far has the
   * write, which is how the caller is sent to read it (see WAL_POSITION_HEADER).
   */
  async transaction<T>(work: (tx: RequestDatabase) => Promise<T>): Promise<T> {
    let inner: RequestDatabase | undefined;
    let result: T;
    try {
      result = await this.executor.transaction(async (manager) => {
        inner = new RequestDatabase(manager, this.observe, this.replicas);
        return work(inner);
      });
    } finally {
      this.statements += inner?.statements ?? 0;
    }
    if (this.replicas !== undefined && this.executor instanceof DataSource) {
      // After the commit, not inside: the commit record itself must be replayed for the write to show.
      const [row] = await this.executor.query('SELECT pg_current_wal_lsn()::text AS position') as { position: string }[];
      this.committed = laterWalPosition(this.committed, parseWalPosition(row?.position ?? ''));
    }
    return result;
  }
}
