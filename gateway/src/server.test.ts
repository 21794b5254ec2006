import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createLogger, type Observability, quietObservability } from '@azg/core/observability';
import { createSubgraphServer, type RunningServer, type SubgraphContext } from '@azg/core/server';
import { parse } from 'graphql';
import { readGatewayConfig, type GatewayConfig } from './config';
import { createGateway } from './server';

/**
 * Two small subgraphs shaped like the real ones (projects owns Project, land adds
 * Project.landPlots) behind the real gateway, over HTTP: what the gateway adds on top of
 * Apollo's own behaviour, without a database.
 */
const projectsSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { projects: [Project!]! }
  type Project @key(fields: "id") { id: ID! name: String! }
`;
const landSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { landPlotCount: Int! }
  type Project @key(fields: "id") { id: ID! landPlots: [LandPlot!] }
  type LandPlot { id: ID! }
`;

const PROJECTS_QUERY = '{ projects { id name landPlots { id } } }';
const FULL_ANSWER = {
  projects: [
    { id: 'p1', name: 'Bus plant', landPlots: [{ id: 'plot-p1' }] },
    { id: 'p2', name: 'Brick works', landPlots: [{ id: 'plot-p2' }] },
  ],
};

/** Stands in for a TypeORM DataSource: the subgraph server only calls `query`, and reads its migrations for readiness. */
const fakeDataSource = { query: async () => [{ ok: 1 }], migrations: [] } as unknown as Parameters<typeof createSubgraphServer>[0]['dataSource'];

interface FakeSubgraphs {
  projects: RunningServer;
  land: RunningServer;
  /** What each subgraph request was told about SQL statistics, by subgraph. */
  sqlStatsRequested: Array<{ service: string; reportSqlStats: boolean }>;
  /** The language each subgraph request was to answer in (from the Accept-Language it received). */
  languagesSeen: Array<{ service: string; language: string }>;
  /** Makes every answer of a subgraph wait this long. */
  delayMs: { projects: number; land: number };
  supergraphSdl: string;
  close(): Promise<void>;
}

async function startFakeSubgraphs(): Promise<FakeSubgraphs> {
  const state = {
    sqlStatsRequested: [] as FakeSubgraphs['sqlStatsRequested'],
    languagesSeen: [] as FakeSubgraphs['languagesSeen'],
    delayMs: { projects: 0, land: 0 },
  };
  // Delays still pending when the test ends are cancelled, so nothing outlives the test.
  const delays = new Set<NodeJS.Timeout>();
  const delay = async (service: 'projects' | 'land') => {
    const ms = fake.delayMs[service];
    if (ms > 0) await new Promise((resolve) => delays.add(setTimeout(resolve, ms)));
  };
  const projects = createSubgraphServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(projectsSdl),
      resolvers: {
        Query: {
          projects: async (_: unknown, __: unknown, context: unknown) => {
            await delay('projects');
            await (context as SubgraphContext).db.query('SELECT id, name FROM project');
            return [{ id: 'p1', name: 'Bus plant' }, { id: 'p2', name: 'Brick works' }];
          },
        },
      },
    }),
    dataSource: fakeDataSource,
    createContext: (base) => {
      state.sqlStatsRequested.push({ service: 'projects', reportSqlStats: base.reportSqlStats });
      state.languagesSeen.push({ service: 'projects', language: base.language });
      return base;
    },
  });
  const land = createSubgraphServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(landSdl),
      resolvers: {
        Query: {
          landPlotCount: async (_: unknown, __: unknown, context: unknown) => {
            await delay('land');
            await (context as SubgraphContext).db.query('SELECT count(*) FROM land_plot');
            return 2;
          },
        },
        Project: {
          landPlots: async (project: { id: string }, _: unknown, context: unknown) => {
            await delay('land');
            await (context as SubgraphContext).db.query('SELECT id FROM land_plot WHERE project_id = $1', [project.id]);
            return [{ id: `plot-${project.id}` }];
          },
        },
      },
    }),
    dataSource: fakeDataSource,
    createContext: (base) => {
      state.sqlStatsRequested.push({ service: 'land', reportSqlStats: base.reportSqlStats });
      state.languagesSeen.push({ service: 'land', language: base.language });
      return base;
    },
  });
  const [runningProjects, runningLand] = await Promise.all([projects.listen(0), land.listen(0)]);
  const composition = composeServices([
    { name: 'projects', url: runningProjects.url, typeDefs: parse(projectsSdl) },
    { name: 'land', url: runningLand.url, typeDefs: parse(landSdl) },
  ]);
  if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join('\n'));
  const fake: FakeSubgraphs = {
    projects: runningProjects,
    land: runningLand,
    ...state,
    supergraphSdl: composition.supergraphSdl,
    async close() {
      for (const delay of delays) clearTimeout(delay);
      // A delayed answer never comes once its timer is cleared: no grace period to wait it out.
      await Promise.allSettled([runningProjects.close(0), runningLand.close(0)]);
    },
  };
  return fake;
}

function configFor(overrides: Partial<GatewayConfig> = {}, env: Record<string, string> = {}): GatewayConfig {
  return { ...readGatewayConfig(env), port: 0, supergraphPath: '/nonexistent', ...overrides };
}

/** Observability whose log messages land in `messages`. */
function logInto(messages: string[]): Observability {
  return { ...quietObservability('gateway'), logger: createLogger('gateway', 'info', { write: (line: string) => void messages.push(JSON.parse(line).msg) }) };
}

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, text: await response.clone().text(), body: (await response.json()) as Record<string, any> };
}

describe('the gateway over two subgraphs', () => {
  let fake: FakeSubgraphs;
  let gateway: RunningServer;
  const logged: string[] = [];

  beforeAll(async () => {
    fake = await startFakeSubgraphs();
    gateway = await createGateway(configFor(), { supergraphSdl: fake.supergraphSdl, observability: logInto(logged) }).listen();
  });

  afterAll(async () => {
    await gateway?.close();
    await fake?.close();
  });

  beforeEach(() => {
    fake.sqlStatsRequested.length = 0;
    fake.languagesSeen.length = 0;
  });

  it('answers a query that crosses both subgraphs, with no extensions by default', async () => {
    const result = await post(gateway.url, PROJECTS_QUERY);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: FULL_ANSWER });
    expect(fake.sqlStatsRequested.every((request) => !request.reportSqlStats)).toBe(true);
  });

  it('forwards x-azg-sql-stats and reports each subgraph fetch with its statement count', async () => {
    const result = await post(gateway.url, PROJECTS_QUERY, { 'x-azg-sql-stats': '1' });
    expect(result.body.data).toEqual(FULL_ANSWER);
    expect(fake.sqlStatsRequested).toEqual([
      { service: 'projects', reportSqlStats: true },
      { service: 'land', reportSqlStats: true },
    ]);
    expect(result.body.extensions).toEqual({
      subgraphFetches: [
        { service: 'projects', sqlStatements: 1 },
        { service: 'land', sqlStatements: 2 },
      ],
    });
  });

  it('passes the client\'s Accept-Language on to every subgraph it fetches from', async () => {
    const result = await post(gateway.url, PROJECTS_QUERY, { 'accept-language': 'de-DE, ru;q=0.8, en;q=0.5' });
    expect(result.body).toEqual({ data: FULL_ANSWER });
    expect(fake.languagesSeen).toEqual([{ service: 'projects', language: 'RU' }, { service: 'land', language: 'RU' }]);
  });

  it('leaves subgraphs to their default language when the client sends no Accept-Language', async () => {
    await post(gateway.url, PROJECTS_QUERY);
    expect(fake.languagesSeen).toEqual([{ service: 'projects', language: 'KK' }, { service: 'land', language: 'KK' }]);
  });

  it('lists subgraph fetches in query-plan order, whichever subgraph answers first', async () => {
    const query = '{ landPlotCount projects { id landPlots { id } } }';
    const orders: string[][] = [];
    for (const delayMs of [{ projects: 0, land: 0 }, { projects: 300, land: 0 }, { projects: 0, land: 300 }]) {
      fake.delayMs = delayMs;
      const result = await post(gateway.url, query, { 'x-azg-sql-stats': '1' });
      orders.push((result.body.extensions?.subgraphFetches as Array<{ service: string }>).map((fetch) => fetch.service));
    }
    fake.delayMs = { projects: 0, land: 0 };
    expect(orders[0]).toHaveLength(3);
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
  });

  it('is ready while every subgraph is ready', async () => {
    const ready = await fetch(new URL('/readyz', gateway.url));
    expect(ready.status).toBe(200);
  });
});

describe('the gateway when a subgraph fails', () => {
  let fake: FakeSubgraphs;
  const logged: string[] = [];

  beforeEach(async () => {
    fake = await startFakeSubgraphs();
    logged.length = 0;
  });

  afterEach(async () => {
    await fake.close();
  });

  it('answers the other subgraph\'s fields and names the subgraph that is down, and nothing more', async () => {
    const gateway = await createGateway(configFor(), { supergraphSdl: fake.supergraphSdl, observability: logInto(logged) }).listen();
    try {
      await fake.land.close();
      const result = await post(gateway.url, PROJECTS_QUERY);
      expect(result.status).toBe(200);
      expect(result.body.data).toEqual({
        projects: [
          { id: 'p1', name: 'Bus plant', landPlots: null },
          { id: 'p2', name: 'Brick works', landPlots: null },
        ],
      });
      expect(result.body.errors).toEqual([
        { message: 'Subgraph "land" is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'land' } },
      ]);
      expect(result.text).not.toContain('127.0.0.1');
      expect(result.text).not.toContain(String(fake.land.port));
      expect(logged.join('\n')).toMatch(/subgraph "land" fetch failed: .*ECONNREFUSED/);

      const readiness = await fetch(new URL('/readyz', gateway.url));
      expect(readiness.status).toBe(503);
      expect(await readiness.json()).toMatchObject({ reason: 'subgraphs not ready: land (no answer)' });
    } finally {
      await gateway.close();
    }
  });

  it('stays ready with a subgraph down when READY_FOLLOWS_SUBGRAPHS is off, answering the others\' fields', async () => {
    const gateway = await createGateway(configFor({}, { READY_FOLLOWS_SUBGRAPHS: 'false' }), { supergraphSdl: fake.supergraphSdl, observability: logInto(logged) }).listen();
    try {
      await fake.land.close();
      expect((await fetch(new URL('/readyz', gateway.url))).status).toBe(200);
      const result = await post(gateway.url, PROJECTS_QUERY);
      expect(result.body.data).toEqual({ projects: [{ id: 'p1', name: 'Bus plant', landPlots: null }, { id: 'p2', name: 'Brick works', landPlots: null }] });
      expect(result.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'land' } })]);
    } finally {
      await gateway.close();
    }
  });

  it('gives up on a subgraph that does not answer within SUBGRAPH_TIMEOUT_MS', async () => {
    const gateway = await createGateway(configFor({ subgraphTimeoutMs: 300 }), { supergraphSdl: fake.supergraphSdl, observability: logInto(logged) }).listen();
    try {
      fake.delayMs.land = 3000;
      const started = Date.now();
      const result = await post(gateway.url, PROJECTS_QUERY);
      expect(Date.now() - started).toBeLessThan(2500);
      expect(result.body.data.projects[0]).toEqual({ id: 'p1', name: 'Bus plant', landPlots: null });
      expect(result.body.errors).toEqual([
        { message: 'Subgraph "land" is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'land' } },
      ]);
      expect(logged.join('\n')).toMatch(/subgraph "land" fetch failed: .*(TimeoutError|aborted)/);
    } finally {
      fake.delayMs.land = 0;
      await gateway.close();
    }
  });

  it('neither forwards the statistics header nor reports fetches in production', async () => {
    const gateway = await createGateway(configFor({}, { NODE_ENV: 'production' }), { supergraphSdl: fake.supergraphSdl }).listen();
    try {
      const result = await post(gateway.url, PROJECTS_QUERY, { 'x-azg-sql-stats': '1' });
      expect(result.body).toEqual({ data: FULL_ANSWER });
      expect(fake.sqlStatsRequested.some((request) => request.reportSqlStats)).toBe(false);
    } finally {
      await gateway.close();
    }
  });
});

describe('createGateway', () => {
  it('refuses a subgraph URL override for a subgraph the supergraph does not have', async () => {
    const fake = await startFakeSubgraphs();
    try {
      expect(() => createGateway(configFor({ subgraphUrls: { workforce: 'http://127.0.0.1:1/' } }), { supergraphSdl: fake.supergraphSdl }))
        .toThrow('SUBGRAPH_WORKFORCE_URL is set but the supergraph has no subgraph "workforce"');
    } finally {
      await fake.close();
    }
  });

  it('sends each subgraph to its configured URL rather than the supergraph\'s', async () => {
    const fake = await startFakeSubgraphs();
    try {
      const gateway = createGateway(configFor({ subgraphUrls: { land: 'http://127.0.0.1:9/' } }), { supergraphSdl: fake.supergraphSdl });
      expect(Object.fromEntries(gateway.subgraphUrls)).toEqual({ projects: fake.projects.url, land: 'http://127.0.0.1:9/' });
    } finally {
      await fake.close();
    }
  });
});
