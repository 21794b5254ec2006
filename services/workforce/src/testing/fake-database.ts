import type { SqlRunner } from '@azg/core/database';

/** A SqlRunner that answers from a function and remembers every statement, to prove batching without Postgres. */
export class FakeDatabase implements SqlRunner {
  readonly statements: Array<{ sql: string; parameters: unknown[] }> = [];

  constructor(private readonly answer: (sql: string, parameters: unknown[]) => unknown[] = () => []) {}

  async query<Row = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    this.statements.push({ sql, parameters });
    return this.answer(sql, parameters) as Row[];
  }
}
