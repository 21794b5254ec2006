import type { DataSource, EntityManager } from 'typeorm';

/** Where a request's SQL goes; counts statements so tests and the bench can prove batching. */
export interface SqlRunner {
  query<Row = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<Row[]>;
}

/**
 * The database as one request sees it: every statement goes through `query`, which counts it.
 * Built per request in `createContext()` and dropped with the request.
 */
export class RequestDatabase implements SqlRunner {
  statements = 0;

  constructor(private readonly executor: DataSource | EntityManager) {}

  async query<Row = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    this.statements += 1;
    return (await this.executor.query(sql, parameters)) as Row[];
  }
}
