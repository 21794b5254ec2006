import type { SqlRunner } from '@azg/core/database';
import { COMPANIES, type CompanyFact } from '../seed/companies.facts';
import { toCompanyRow } from '../seed/seed';

/** A statement a test's database was asked to run. */
export interface Statement {
  sql: string;
  parameters: unknown[];
}

/** A company as Postgres returns it: jsonb parsed, text[] as an array. */
export function storedRow(fact: CompanyFact): Record<string, unknown> {
  return { ...toCompanyRow(fact), sectors: [...fact.sectors] };
}

/**
 * Stands in for Postgres in unit tests: records every statement and answers each from
 * `answer`, so a test can say what SQL ran, how often, and with what parameters.
 */
export class FakeDatabase implements SqlRunner {
  readonly statements: Statement[] = [];

  constructor(private readonly answer: (statement: Statement) => unknown[] = () => []) {}

  async query<Row = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    const statement = { sql, parameters };
    this.statements.push(statement);
    return this.answer(statement) as Row[];
  }
}

/**
 * Answers lookups by id from the facts, in reverse order of the ids asked for (Postgres
 * promises no order), and a page of a list with every company, shaped as core's page
 * statement returns it (its paging columns beside each company's).
 */
export function companiesDatabase(): FakeDatabase {
  const rows = new Map(COMPANIES.map((fact) => [fact.id, storedRow(fact)]));
  return new FakeDatabase(({ sql, parameters }) => {
    if (/id = ANY\(\$1::text\[\]\)/.test(sql)) {
      return (parameters[0] as string[]).flatMap((id) => (rows.has(id) ? [rows.get(id)!] : [])).reverse();
    }
    return [...rows.values()].map((row) => ({
      __page_partition: null, __page_total: rows.size, __page_before_after: false, __page_after_before: false,
      ...row, __page_key_0: row.name, __page_key_1: row.id,
    }));
  });
}
