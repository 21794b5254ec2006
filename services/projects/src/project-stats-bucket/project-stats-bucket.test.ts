import type { GraphQLSchema } from 'graphql';
import { projects } from '../subgraph';
import { runRecorded } from '../testing/recording-database';

describe('projectStats', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await projects.buildSchema();
  });

  /** The one statement a query ran, and whether it read the summary rather than the projects. */
  async function statementOf(query: string) {
    const { result, statements } = await runRecorded(schema, query);
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    const [{ sql, parameters }] = statements;
    return { sql, parameters, summary: sql.includes('projects.project_stats_summary') && !/FROM projects\.project p\b/.test(sql) };
  }

  it.each(['STATUS', 'SECTOR', 'LAUNCH_YEAR'])('reads %s unfiltered from the summary when no project ids are selected', async (groupBy) => {
    const { summary, parameters } = await statementOf(`{ projectStats(groupBy: ${groupBy}) { key sector count investment { tenge qualifier } } }`);
    expect(summary).toBe(true);
    expect(parameters).toContain(groupBy);
  });

  it.each([
    ['the project ids are selected', '{ projectStats(groupBy: SECTOR) { sector count projectIds } }'],
    ['the project ids are selected in a fragment, as the query planner asks for the entity key', `{ projectStats(groupBy: SECTOR) { __typename ...Key count } }
      fragment Key on ProjectStatsBucket { key projectIds }`],
    ['a filter is given', '{ projectStats(groupBy: SECTOR, filter: { status: { in: [OPERATING] } }) { sector count } }'],
    ['the grouping is by group, which the summary does not keep', '{ projectStats(groupBy: GROUP) { key count } }'],
  ])('aggregates the projects when %s', async (_label, query) => {
    expect((await statementOf(query)).summary).toBe(false);
  });

  it('aggregates no project ids that were not selected', async () => {
    const { sql } = await statementOf('{ projectStats(groupBy: GROUP) { key count } }');
    expect(sql).not.toContain('array_agg');
  });
});
