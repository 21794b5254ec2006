import type { GraphQLSchema } from 'graphql';
import { projects } from '../subgraph';
import { runRecorded } from '../testing/recording-database';

describe('a list of projects', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await projects.buildSchema();
  });

  it('reads a filtered, ordered page in one statement, every value a parameter, by keyset', async () => {
    const { result, statements } = await runRecorded(schema, `{
      projects(first: 50, orderBy: [{ field: INVESTMENT, direction: DESC }],
        filter: { status: { in: [OPERATING] }, or: [{ sector: { in: [CHEMICAL] } }, { investment: { min: "100", includeUnknown: true } }] }) {
        totalCount nodes { id }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    const [{ sql, parameters }] = statements;
    expect(sql).not.toMatch(/OFFSET|OPERATING|CHEMICAL|100/);
    expect(sql).toContain('ORDER BY p.investment_tenge DESC NULLS LAST, p.id COLLATE "C" ASC NULLS LAST');
    expect(parameters).toEqual([['OPERATING'], ['CHEMICAL'], '100', 51]);
  });

  it('refuses bad arguments with BAD_USER_INPUT before any SQL runs', async () => {
    for (const query of [
      '{ projects(first: 101) { totalCount } }',
      '{ projects(first: 1, last: 1) { totalCount } }',
      '{ projects(after: "forged") { totalCount } }',
      '{ projects(filter: { status: { in: [] } }) { totalCount } }',
    ]) {
      const { result, statements } = await runRecorded(schema, query);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(statements).toHaveLength(0);
    }
  });
});
