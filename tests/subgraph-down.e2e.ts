import { dataOf } from './support/graphql';
import { startStack, type Stack } from './support/stack';

/**
 * A subgraph going down costs only its own fields: the gateway still answers the rest and says
 * which subgraph failed, without a host, port or stack trace.
 */
const PROJECTS_WITH_LAND = '{ projects { id name landPlots { id } } }';

describe('a subgraph that goes down', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ gatewayEnv: { SUBGRAPH_TIMEOUT_MS: '2000' } });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('leaves the other subgraphs\' fields answered, with one error naming it, until it is back', async () => {
    const before = dataOf(await stack.query<{ projects: Array<{ id: string; name: string; landPlots: unknown[] }> }>(PROJECTS_WITH_LAND));
    expect(before.projects.length).toBeGreaterThan(0);
    expect(before.projects.some((project) => project.landPlots.length > 0)).toBe(true);

    await stack.stopService('land');
    try {
      const during = await stack.query<{ projects: Array<{ id: string; name: string; landPlots: unknown }> }>(PROJECTS_WITH_LAND);
      expect(during.status).toBe(200);
      expect(during.body.errors).toEqual([
        { message: 'Subgraph "land" is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'land' } },
      ]);
      // Project.landPlots must be nullable in the land subgraph for this to be partial data:
      // a non-null field that cannot be fetched nulls its parents up to Query.projects.
      expect(during.body.data?.projects).toEqual(before.projects.map(({ id, name }) => ({ id, name, landPlots: null })));
      expect(JSON.stringify(during.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stacktrace/i);
    } finally {
      await stack.startService('land');
    }
    expect(dataOf(await stack.query(PROJECTS_WITH_LAND))).toEqual(before);
  });

  it('answers a query that needs only the other subgraphs in full', async () => {
    await stack.stopService('land');
    try {
      const result = await stack.query<{ projects: Array<{ id: string }> }>('{ projects { id name } }');
      expect(result.body.errors).toBeUndefined();
      expect(dataOf(result).projects.length).toBeGreaterThan(0);
    } finally {
      await stack.startService('land');
    }
  });
});
