import type { SqlRunner } from '../database/request-database';
import { parseSearchText } from './search-key';
import { queryRankedSearch } from './search-statement';

/** Records the one statement a search runs, and answers it with nothing. */
function recordingDatabase(): SqlRunner & { statements: Array<{ sql: string; parameters: unknown[] }> } {
  const statements: Array<{ sql: string; parameters: unknown[] }> = [];
  return {
    statements,
    async query<Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
      statements.push({ sql, parameters });
      return [];
    },
  };
}

describe('queryRankedSearch', () => {
  it('reads the table once: its columns and best key, best score first, then the tie break, at most `first`', async () => {
    const db = recordingDatabase();
    const query = parseSearchText('Алмерек');

    await queryRankedSearch(db, { table: 'companies.company', alias: 'c', columns: 'c.id, c.name', tieBreak: 'c.name, c.id' }, query, 5);

    expect(db.statements).toHaveLength(1);
    const [{ sql, parameters }] = db.statements as [{ sql: string; parameters: unknown[] }];
    expect(sql).toMatch(/^SELECT c\.id, c\.name, hit\.entry AS hit_key, hit\.match AS hit_match, hit\.score AS hit_score\s+FROM companies\.company c\s/);
    expect(sql).toMatch(/CROSS JOIN LATERAL/);
    expect(sql).toMatch(/WHERE \(c\.search_document LIKE \$5::text OR \$3::text <% c\.search_document\)/);
    expect(sql).toMatch(/ORDER BY hit\.score DESC, c\.name, c\.id\s+LIMIT \$1$/);
    // The limit first, then the search's own parameters, numbered from $2.
    expect(parameters).toEqual([5, query.compact, query.spaced, query.literal, `%${query.compact}%`]);
  });
});
