import { Client as Pg } from 'pg';
import { dataOf } from './support/graphql';
import { subscribe, wsClient } from './support/live';
import { startStack, type Stack } from './support/stack';

/**
 * A subgraph going down costs only its own fields: the gateway still answers the rest and says
 * which subgraph failed, without a host, port or stack trace; a subscription to its changes waits
 * and loses none of them.
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

  it('keeps a subscription open through its subgraph\'s outage, and sends what was written meanwhile once it is back', async () => {
    const sql = new Pg({ connectionString: stack.databaseUrl });
    await sql.connect();
    const client = wsClient(stack.gatewayUrl);
    try {
      const { rows: [head] } = await sql.query<{ position: string }>('SELECT coalesce(max(position), 0)::text AS position FROM land.change_outbox');
      const { rows: [plot] } = await sql.query<{ area: unknown }>('SELECT area FROM land.land_plot WHERE id = \'valtherm-plot\'');
      const events = subscribe<{ landPlotChanged: { eventId: string; landPlot: { id: string } | null } }>(client,
        'subscription ($after: String) { landPlotChanged(after: $after) { eventId landPlot { id } } }', { after: `land:${head!.position}` });
      await stack.stopService('land');
      try {
        // Written while land is down, straight into its table: its outbox keeps the change.
        await sql.query('UPDATE land.land_plot SET area = jsonb_set(area, \'{hectares}\', \'12\') WHERE id = \'valtherm-plot\'');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect(events.results).toEqual([]);
        expect(events.completed).toBe(false);
      } finally {
        await stack.startService('land');
      }
      const delivered = await events.next((data) => data.landPlotChanged.landPlot?.id === 'valtherm-plot', 30_000);
      expect(BigInt(delivered.landPlotChanged.eventId.split(':')[1]!)).toBeGreaterThan(BigInt(head!.position));
      await sql.query('UPDATE land.land_plot SET area = $1::jsonb WHERE id = \'valtherm-plot\'', [JSON.stringify(plot!.area)]);
    } finally {
      await client.dispose();
      await sql.end();
    }
  });
});
