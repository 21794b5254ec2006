import { dataOf } from './support/graphql';
import { startStack, type Stack } from './support/stack';

/**
 * A subgraph going down costs only its own fields: the gateway still answers the rest and says
 * which subgraph failed, without a host, port or stack trace.
 */
const PROJECTS_WITH_LAND = '{ projects(first: 100) { totalCount nodes { id name landPlots { id } } } }';

describe('a subgraph that goes down', () => {
  // A private stack: this file stops a subgraph, and its gateway gives up on one after 2 s.
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ gatewayEnv: { SUBGRAPH_TIMEOUT_MS: '2000' } });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('leaves the other subgraphs\' fields answered, with one error naming it, until it is back', async () => {
    const before = dataOf(await stack.query<{ projects: { totalCount: number; nodes: Array<{ id: string; name: string; landPlots: unknown[] }> } }>(PROJECTS_WITH_LAND));
    expect(before.projects.nodes.length).toBeGreaterThan(0);
    expect(before.projects.nodes).toHaveLength(before.projects.totalCount);
    expect(before.projects.nodes.some((project) => project.landPlots.length > 0)).toBe(true);

    await stack.stopService('land');
    try {
      const during = await stack.query<{ projects: { totalCount: number; nodes: Array<{ id: string; name: string; landPlots: unknown }> } }>(PROJECTS_WITH_LAND);
      expect(during.status).toBe(200);
      expect(during.body.errors).toEqual([
        { message: 'Subgraph "land" is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'land' } },
      ]);
      // Project.landPlots must be nullable in the land subgraph for this to be partial data:
      // a non-null field that cannot be fetched nulls its parents up to Query.projects.
      expect(during.body.data?.projects).toEqual({
        totalCount: before.projects.totalCount,
        nodes: before.projects.nodes.map(({ id, name }) => ({ id, name, landPlots: null })),
      });
      expect(JSON.stringify(during.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stacktrace/i);
    } finally {
      await stack.startService('land');
    }
    expect(dataOf(await stack.query(PROJECTS_WITH_LAND))).toEqual(before);
  });

  it('answers a query that needs only the other subgraphs in full', async () => {
    await stack.stopService('land');
    try {
      const result = await stack.query<{ projects: { nodes: Array<{ id: string }> } }>('{ projects { nodes { id name } } }');
      expect(result.body.errors).toBeUndefined();
      expect(dataOf(result).projects.nodes.length).toBeGreaterThan(0);
    } finally {
      await stack.startService('land');
    }
  });
});
