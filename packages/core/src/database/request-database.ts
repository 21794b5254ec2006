import type { DataSource, EntityManager } from 'typeorm';

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
      const rows = (await this.executor.query(sql, parameters)) as Row[];
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
