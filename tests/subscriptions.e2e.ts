/**
 * Subscriptions through the gateway, with the clients frontends use: graphql-ws over WebSocket
 * at the gateway's URL, graphql-sse at /graphql/stream, and Apollo Client 4 over graphql-ws.
 * Events are writes committed straight into the owners' tables (any writer's write reaches the
 * change streams); each payload is read through the whole graph. Every row changed here is put
 * back. Two things stay: the API keys it makes (one revoked), and a prune of the projects
 * subgraph's outbox, which nothing on the shared stack reads from its past (the read model follows
 * the other three). Subscriptions open with `after` set to the sources' heads read from the
 * database, so no test sleeps until a subscription is surely open.
 */
import { ApolloClient, gql, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient as createSseClient } from 'graphql-sse';
import { SignJWT } from 'jose';
import { Client as Pg } from 'pg';
import { RequestDatabase } from '@azg/core/database';
import { pruneChanges } from '@azg/core/changes';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { eventually } from './support/eventually';
import { startExtraProcess, type ExtraProcess } from './support/extra-process';
import { createKey, keys } from './support/keys';
import { errorCodesOf, subscribe, wsClient } from './support/live';
import { sharedStack } from './support/shared-stack';

const stack = sharedStack();
let sql: Pg;

const PROJECT_FIELDS = 'eventId source entity entityId operation committedAt matchesFilter projectId project { id status company { name } workforce { planned { value } } landPlots { id status } }';

interface ProjectEvent {
  projectChanged: {
    eventId: string; source: string; entity: string; entityId: string; operation: string; committedAt: string; matchesFilter: boolean; projectId: string;
    project: { id: string; status: string; company: { name: string } | null; workforce: { planned: { value: number } | null } | null; landPlots: unknown } | null;
  };
}

async function setStatus(projectId: string, status: string): Promise<void> {
  await sql.query('UPDATE projects.project SET status = $2 WHERE id = $1', [projectId, status]);
}

/** The statuses of the projects this file changes, as it found them: what each test puts back. */
const ORIGINAL_STATUS = new Map<string, string>();
const CHANGED_PROJECTS = ['valtherm-radiator-plant', 'technokont-project', 'asia-steel-pipe-corporation-project', 'kmk-research-institute'];

async function restoreStatus(projectId: string): Promise<void> {
  await setStatus(projectId, ORIGINAL_STATUS.get(projectId)!);
}

/**
 * The event id of "now" for a subscription over `sources`: each source's newest position. A
 * subscription opened with it as `after` sees every change committed after this call, however
 * long the gateway takes to open it (no sleeping until it is surely open).
 */
async function headEventId(...sources: string[]): Promise<string> {
  const parts = [];
  for (const source of [...sources].sort()) {
    const { rows: [row] } = await sql.query<{ head: string }>(`SELECT coalesce(max(position), 0)::text AS head FROM ${source}.change_outbox`);
    parts.push(`${source}:${row!.head}`);
  }
  return parts.join(',');
}

const PROJECT_SOURCES = ['land', 'projects', 'workforce'];

/** The position an event id gives a source. */
function positionOf(eventId: string, source: string): bigint {
  return BigInt(new RegExp(`(?:^|,)${source}:(\\d+)`).exec(eventId)![1]!);
}

beforeAll(async () => {
  sql = new Pg({ connectionString: stack.databaseUrl });
  await sql.connect();
  const { rows } = await sql.query<{ id: string; status: string }>('SELECT id, status FROM projects.project WHERE id = ANY($1::text[])', [CHANGED_PROJECTS]);
  for (const row of rows) ORIGINAL_STATUS.set(row.id, row.status);
  expect(ORIGINAL_STATUS.size).toBe(CHANGED_PROJECTS.length);
});

afterAll(async () => {
  for (const projectId of CHANGED_PROJECTS) await restoreStatus(projectId);
  await sql.end();
});

describe('subscriptions over graphql-ws at the gateway URL', () => {
  it('sends each committed change of a project with fields of all four subgraphs, read when it is delivered', async () => {
    const client = wsClient(stack.gatewayUrl);
    try {
      const events = subscribe<ProjectEvent>(client, `subscription ($after: String) { projectChanged(after: $after) { ${PROJECT_FIELDS} } }`, { after: await headEventId(...PROJECT_SOURCES) });
      await setStatus('valtherm-radiator-plant', 'COMMISSIONING');
      const status = await events.next((data) => data.projectChanged.project?.status === 'COMMISSIONING');
      expect(status.projectChanged).toMatchObject({
        source: 'projects', entity: 'Project', entityId: 'valtherm-radiator-plant', operation: 'UPSERT', matchesFilter: true, projectId: 'valtherm-radiator-plant',
        project: { id: 'valtherm-radiator-plant', company: { name: 'Valtherm' }, workforce: { planned: { value: 430 } }, landPlots: [{ id: 'valtherm-plot', status: 'ALLOCATED' }] },
      });
      expect(status.projectChanged.eventId).toMatch(/^land:\d+,projects:\d+,workforce:\d+$/);
      expect(Date.parse(status.projectChanged.committedAt)).toBeGreaterThan(Date.now() - 60_000);

      // A change of its jobs, in the workforce subgraph, is a change of the project too.
      await sql.query(`UPDATE workforce.project_jobs SET planned = jsonb_set(planned, '{value}', '431') WHERE project_id = 'valtherm-radiator-plant'`);
      const jobs = await events.next((data) => data.projectChanged.project?.workforce?.planned?.value === 431);
      expect(jobs.projectChanged).toMatchObject({ source: 'workforce', entity: 'ProjectJobs', projectId: 'valtherm-radiator-plant' });
      expect(positionOf(jobs.projectChanged.eventId, 'projects')).toBe(positionOf(status.projectChanged.eventId, 'projects'));
      expect(positionOf(jobs.projectChanged.eventId, 'workforce')).toBeGreaterThan(positionOf(status.projectChanged.eventId, 'workforce'));
    } finally {
      await sql.query(`UPDATE workforce.project_jobs SET planned = jsonb_set(planned, '{value}', '430') WHERE project_id = 'valtherm-radiator-plant'`);
      await restoreStatus('valtherm-radiator-plant');
      await client.dispose();
    }
  });

  it('delivers one project\'s changes in commit order, the last answer showing the last write', async () => {
    const client = wsClient(stack.gatewayUrl);
    const statuses = ['PROPOSED', 'PLANNED'];
    try {
      const events = subscribe<ProjectEvent>(client, 'subscription ($after: String) { projectChanged(after: $after, filter: { id: { in: ["technokont-project"] } }) { eventId operation project { status } } }', {
        after: await headEventId(...PROJECT_SOURCES),
      });
      for (let write = 0; write < 20; write += 1) await setStatus('technokont-project', statuses[write % 2]!);
      await setStatus('technokont-project', 'UNDER_CONSTRUCTION');
      // Each payload is read when it is delivered, so the early events may already show a later status: count them.
      await events.next(() => events.results.length >= 21);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const positions = events.results.map((result) => positionOf(result.data!.projectChanged.eventId, 'projects'));
      expect(positions).toHaveLength(21);
      for (let index = 1; index < positions.length; index += 1) expect(positions[index]! > positions[index - 1]!).toBe(true);
      expect(events.results.at(-1)!.data!.projectChanged.project!.status).toBe('UNDER_CONSTRUCTION');
    } finally {
      await restoreStatus('technokont-project');
      await client.dispose();
    }
  });

  it('sends a project that enters the filter, and one last event when it leaves; others not at all', async () => {
    const client = wsClient(stack.gatewayUrl);
    try {
      const events = subscribe<ProjectEvent>(client, 'subscription ($filter: ProjectFilter, $after: String) { projectChanged(filter: $filter, after: $after) { projectId matchesFilter project { status } } }', {
        filter: { status: { in: ['COMMISSIONING'] } },
        after: await headEventId(...PROJECT_SOURCES),
      });
      // The filter is checked when the event is processed, against the records then: each write waits for the last one's event.
      await setStatus('asia-steel-pipe-corporation-project', 'PROPOSED');
      await setStatus('technokont-project', 'COMMISSIONING');
      await events.next(() => events.results.length === 1);
      await setStatus('technokont-project', 'PLANNED');
      await events.next(() => events.results.length === 2);
      await setStatus('asia-steel-pipe-corporation-project', 'COMMISSIONING');
      await events.next((data) => data.projectChanged.projectId === 'asia-steel-pipe-corporation-project');
      expect(events.results.map((result) => [result.data!.projectChanged.projectId, result.data!.projectChanged.matchesFilter])).toEqual([
        ['technokont-project', true],
        ['technokont-project', false],
        ['asia-steel-pipe-corporation-project', true],
      ]);
    } finally {
      await restoreStatus('technokont-project');
      await restoreStatus('asia-steel-pipe-corporation-project');
      await client.dispose();
    }
  });

  it('resumes after the last event id a client saw, with what it missed, then live', async () => {
    const first = wsClient(stack.gatewayUrl);
    const query = 'subscription ($after: String) { projectChanged(after: $after, filter: { id: { in: ["kmk-research-institute"] } }) { eventId project { status } } }';
    let lastSeen: string;
    try {
      const events = subscribe<ProjectEvent>(first, query, { after: await headEventId(...PROJECT_SOURCES) });
      await setStatus('kmk-research-institute', 'PLANNED');
      lastSeen = (await events.next((data) => data.projectChanged.project?.status === 'PLANNED')).projectChanged.eventId;
    } finally {
      await first.dispose();
    }
    // Away: three writes it does not see.
    await setStatus('kmk-research-institute', 'UNDER_CONSTRUCTION');
    await setStatus('kmk-research-institute', 'COMMISSIONING');
    await setStatus('kmk-research-institute', 'OPERATING');
    const again = wsClient(stack.gatewayUrl);
    try {
      const events = subscribe<ProjectEvent>(again, query, { after: lastSeen });
      await events.next(() => events.results.length >= 3);
      await setStatus('kmk-research-institute', 'PROPOSED');
      await events.next((data) => data.projectChanged.project?.status === 'PROPOSED');
      const ids = events.results.map((result) => result.data!.projectChanged.eventId);
      expect(ids).toHaveLength(4);
      const positions = [lastSeen, ...ids].map((id) => positionOf(id, 'projects'));
      for (let index = 1; index < positions.length; index += 1) expect(positions[index]! > positions[index - 1]!).toBe(true);
    } finally {
      await restoreStatus('kmk-research-institute');
      await again.dispose();
    }
  });

  it('refuses an event id it did not make (BAD_USER_INPUT), and one whose events are pruned (CHANGES_PRUNED)', async () => {
    const client = wsClient(stack.gatewayUrl);
    try {
      const bad = subscribe(client, 'subscription { projectChanged(after: "projects:1") { eventId } }');
      await bad.ended();
      expect(bad.results[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const foreign = subscribe(client, 'subscription { companyChanged(after: "land:1,projects:2,workforce:3") { eventId } }');
      await foreign.ended();
      expect(foreign.results[0]?.errors?.[0]?.message).toMatch(/another subscription field/);

      // The owner prunes every change older than now: an event id from before is past what it keeps.
      await setStatus('kmk-research-institute', 'PLANNED');
      const dataSource = new DataSource({ type: 'postgres', url: stack.databaseUrl });
      await dataSource.initialize();
      try {
        await pruneChanges(new RequestDatabase(dataSource), 'projects', 0);
      } finally {
        await dataSource.destroy();
      }
      const pruned = subscribe(client, 'subscription { projectChanged(after: "land:0,projects:0,workforce:0") { eventId } }');
      await pruned.ended();
      expect(pruned.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('CHANGES_PRUNED');
    } finally {
      await restoreStatus('kmk-research-institute');
      await client.dispose();
    }
  });

  it('sends zone-wide figures read through the graph after a write anywhere', async () => {
    const operating = async () => ((await stack.query('{ projectStats(groupBy: STATUS) { status count } }')).body.data as { projectStats: Array<{ status: string; count: number }> })
      .projectStats.find((bucket) => bucket.status === 'OPERATING')!.count;
    const before = await operating();
    const client = wsClient(stack.gatewayUrl);
    try {
      const events = subscribe<{ zoneFiguresChanged: { eventId: string; source: string; projectStats: Array<{ status: string; count: number }> } }>(client,
        'subscription ($after: String) { zoneFiguresChanged(after: $after) { eventId source projectStats(groupBy: STATUS) { status count } } }',
        { after: await headEventId('companies', 'land', 'projects', 'workforce') });
      await setStatus('kmk-research-institute', 'OPERATING');
      const after = await events.next((data) => data.zoneFiguresChanged.projectStats.find((bucket) => bucket.status === 'OPERATING')?.count === before + 1);
      expect(after.zoneFiguresChanged.eventId).toMatch(/^companies:\d+,land:\d+,projects:\d+,workforce:\d+$/);
      expect(after.zoneFiguresChanged.source).toBe('projects');
    } finally {
      await restoreStatus('kmk-research-institute');
      await client.dispose();
    }
  });

  it('answers queries over the same socket, and refuses operations over limits with their codes', async () => {
    const client = wsClient(stack.gatewayUrl);
    try {
      const answer = await client.iterate({ query: '{ project(id: "valtherm-radiator-plant") { name } }' }).next();
      expect(answer.value).toEqual({ data: { project: { name: 'Valtherm aluminium and bimetallic radiator plant' } } });
      const deep = subscribe(client, `subscription { projectChanged { project { ${'company { projects { nodes { '.repeat(4)}id${' } } }'.repeat(4)} } } }`);
      await deep.ended();
      expect(errorCodesOf(deep.error)).toContain('OPERATION_LIMIT_EXCEEDED');
      const misspelt = subscribe(client, 'subscription { projectChangd { eventId } }');
      await misspelt.ended();
      expect(errorCodesOf(misspelt.error)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    } finally {
      await client.dispose();
    }
  });
});

describe('subscriptions over server-sent events at /graphql/stream', () => {
  it.each([
    ['distinct connections (one request per subscription)', false],
    ['a single connection (a reserved stream, operations posted to it)', true],
  ])('sends a company\'s changes to a graphql-sse client over %s', async (_mode, singleConnection) => {
    const client = createSseClient({ url: new URL('/graphql/stream', stack.gatewayUrl).toString(), retryAttempts: 0, singleConnection });
    const received: Array<{ data?: { companyChanged: { companyId: string; company: { zoneParticipant: boolean; projects: { totalCount: number } } } } }> = [];
    let failed: unknown;
    const dispose = client.subscribe<{ companyChanged: { companyId: string; company: { zoneParticipant: boolean; projects: { totalCount: number } } } }>(
      {
        query: 'subscription ($after: String) { companyChanged(after: $after, filter: { id: { in: ["valtherm"] } }) { companyId company { zoneParticipant projects { totalCount } } } }',
        variables: { after: await headEventId('companies') },
      },
      { next: (result) => { received.push(result as never); }, error: (error) => { failed = error; }, complete: () => undefined },
    );
    try {
      await sql.query('UPDATE companies.company SET zone_participant = NOT zone_participant WHERE id = \'valtherm\'');
      await eventually(() => {
        if (received.length === 0) throw new Error(`nothing yet (${String(failed)})`);
      }, 15_000, 25);
      expect(received[0]!.data!.companyChanged.companyId).toBe('valtherm');
      expect(received[0]!.data!.companyChanged.company.projects.totalCount).toBeGreaterThan(0);
    } finally {
      dispose();
      await sql.query('UPDATE companies.company SET zone_participant = NOT zone_participant WHERE id = \'valtherm\'');
      client.dispose();
    }
  });

  it('refuses bad credentials on the event stream with 401', async () => {
    const refused = await fetch(new URL('/graphql/stream', stack.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'ApiKey azg_nope_nope' },
      body: JSON.stringify({ query: 'subscription { companyChanged { companyId } }' }),
    });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a subscription sent as a plain HTTP request, naming the transports', async () => {
    const { status, body } = await stack.query('subscription { projectChanged { eventId } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(body.errors?.[0]?.message).toMatch(/WebSocket.*\/graphql\/stream/);
  });
});

describe('Apollo Client 4 over graphql-ws', () => {
  it('receives a land plot\'s change through GraphQLWsLink', async () => {
    const ws = wsClient(stack.gatewayUrl);
    const client = new ApolloClient({ link: new GraphQLWsLink(ws), cache: new InMemoryCache() });
    const seen: Array<{ landPlotChanged: { landPlotId: string; landPlot: { status: string; project: { name: string } } } }> = [];
    const { rows: [plot] } = await sql.query<{ area: unknown }>('SELECT area FROM land.land_plot WHERE id = \'valtherm-plot\'');
    const subscription = client.subscribe({
      query: gql`subscription PlotWatch($after: String) { landPlotChanged(after: $after) { landPlotId landPlot { status project { name } } } }`,
      variables: { after: await headEventId('land') },
    }).subscribe({ next: (result) => { if (result.data) seen.push(result.data as never); } });
    try {
      await sql.query('UPDATE land.land_plot SET area = jsonb_set(area, \'{hectares}\', \'11\') WHERE id = \'valtherm-plot\'');
      await eventually(() => {
        if (seen.length === 0) throw new Error('nothing yet');
      }, 15_000, 25);
      expect(seen[0]!.landPlotChanged).toMatchObject({ landPlotId: 'valtherm-plot', landPlot: { status: 'ALLOCATED', project: { name: 'Valtherm aluminium and bimetallic radiator plant' } } });
    } finally {
      subscription.unsubscribe();
      await sql.query('UPDATE land.land_plot SET area = $1::jsonb WHERE id = \'valtherm-plot\'', [JSON.stringify(plot!.area)]);
      await ws.dispose();
    }
  });
});

describe('a gateway with public reading off, short key caches and small caps', () => {
  let gateway: ExtraProcess;
  let partner: string;

  beforeAll(async () => {
    partner = await createKey(stack.databaseUrl, 'subscriber', 'partner');
    gateway = await startExtraProcess(stack, {
      name: 'live-gateway',
      env: {
        AZG_PUBLIC_READ: 'false',
        AZG_JWT_SECRET: stack.jwtSecret,
        AZG_JWT_ISSUER: stack.jwtIssuer,
        AZG_API_KEY_CACHE_TTL_MS: '0',
        SUBSCRIPTION_REAUTHENTICATE_MS: '200',
        SUBSCRIPTIONS_PER_CONNECTION: '2',
        SUBSCRIPTIONS_PER_CALLER: '3',
        SUBSCRIPTION_HEARTBEAT_MS: '200',
        SUBSCRIPTION_INIT_TIMEOUT_MS: '300',
        MAX_BODY_BYTES: '20000',
        SHUTDOWN_GRACE_MS: '20000',
      },
    });
  }, 90_000);

  afterAll(async () => {
    await gateway?.process.stop();
  });

  /** A projectChanged subscription known to be open: it has delivered a change made after it was asked for. */
  async function openProjectSubscription(client: ReturnType<typeof wsClient>) {
    const events = subscribe<ProjectEvent>(client, 'subscription ($after: String) { projectChanged(after: $after, filter: { id: { in: ["technokont-project"] } }) { projectId } }', {
      after: await headEventId(...PROJECT_SOURCES),
    });
    await setStatus('technokont-project', 'PROPOSED');
    await restoreStatus('technokont-project');
    await events.next(() => events.results.length >= 2);
    return events;
  }

  it('closes an anonymous WebSocket with 4403, saying why', async () => {
    const client = wsClient(gateway.url);
    const closed = await client.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/Public reading is off/);
    await client.dispose();
  });

  it('caps subscriptions per connection and per caller with TOO_MANY_SUBSCRIPTIONS', async () => {
    const one = wsClient(gateway.url, { authorization: `ApiKey ${partner}` });
    const two = wsClient(gateway.url, { authorization: `ApiKey ${partner}` });
    try {
      const open = [subscribe(one, 'subscription { projectChanged { eventId } }'), subscribe(one, 'subscription { companyChanged { eventId } }')];
      const third = subscribe(one, 'subscription { landPlotChanged { eventId } }');
      await third.ended();
      expect(errorCodesOf(third.error)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
      open.push(subscribe(two, 'subscription { landPlotChanged { eventId } }'));
      const fourth = subscribe(two, 'subscription { zoneFiguresChanged { eventId } }');
      await fourth.ended();
      expect(errorCodesOf(fourth.error)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
      // Completing one frees its place.
      open[0]!.stop();
      const again = subscribe(two, 'subscription { zoneFiguresChanged { eventId } }');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(again.error).toBeUndefined();
      expect(again.completed).toBe(false);
    } finally {
      await one.dispose();
      await two.dispose();
    }
  });

  it('pings every WebSocket at the heartbeat', async () => {
    const client = wsClient(gateway.url, { authorization: `ApiKey ${partner}` });
    let pings = 0;
    const socket = await new Promise<WebSocket>((resolve) => {
      client.on('connected', (connected) => resolve(connected as WebSocket));
    });
    socket.on('ping', () => { pings += 1; });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(pings).toBeGreaterThanOrEqual(3);
    await client.dispose();
  });

  it('closes hostile WebSockets with the protocol\'s codes: garbage, oversized messages, no init, a subscribe before init, another protocol', async () => {
    const url = gateway.url.replace(/^http/, 'ws');
    const closeCode = (send: (socket: WebSocket) => void, protocol = 'graphql-transport-ws') => new Promise<number>((resolve) => {
      const socket = new WebSocket(url, protocol);
      socket.on('open', () => send(socket));
      socket.on('close', (code) => resolve(code));
      socket.on('error', () => resolve(-1));
    });
    expect(await closeCode((socket) => socket.send('not json'))).toBe(4400);
    expect(await closeCode((socket) => socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(30_000) } })))).toBe(1009);
    expect(await closeCode(() => undefined)).toBe(4408);
    expect(await closeCode((socket) => socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { projectChanged { eventId } }' } })))).toBe(4401);
    // An upgrade without the graphql-transport-ws protocol is refused before it is a WebSocket.
    expect(await closeCode(() => undefined, 'graphql-ws')).toBe(-1);
  });

  it('ends a subscription whose key is revoked, with UNAUTHENTICATED', async () => {
    const doomed = await createKey(stack.databaseUrl, 'revoked subscriber', 'partner');
    const client = wsClient(gateway.url, { authorization: `ApiKey ${doomed}` });
    try {
      const events = await openProjectSubscription(client);
      expect(events.completed).toBe(false);
      const revoked = await keys(stack.databaseUrl, 'revoke', doomed.split('_')[1]!);
      expect(revoked.exit.code).toBe(0);
      await events.ended();
      expect(events.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(events.completed).toBe(true);
    } finally {
      await client.dispose();
    }
  });

  it('takes a bearer JWT in the authorization parameter, and ends its subscriptions with UNAUTHENTICATED when it expires', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 3;
    const token = await new SignJWT({ sub: 'dashboard', role: 'partner' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(stack.jwtIssuer)
      .setIssuedAt().setExpirationTime(expiresAt).sign(new TextEncoder().encode(stack.jwtSecret));
    const client = wsClient(gateway.url, { authorization: `Bearer ${token}` });
    try {
      const events = await openProjectSubscription(client);
      expect(events.completed).toBe(false);
      await events.ended(10_000);
      expect(events.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(Date.now() / 1000).toBeGreaterThanOrEqual(expiresAt);
    } finally {
      await client.dispose();
    }
  });

  it('on SIGTERM tells each subscriber it is shutting down, closes the sockets with 1001, and exits at once', async () => {
    const client = wsClient(gateway.url, { authorization: `ApiKey ${partner}` });
    const events = await openProjectSubscription(client);
    const started = Date.now();
    gateway.process.kill('SIGTERM');
    await events.ended();
    expect(events.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('SHUTTING_DOWN');
    expect((await client.closed).code).toBe(1001);
    const exit = await gateway.process.exited;
    expect(exit.code).toBe(0);
    // Far sooner than SHUTDOWN_GRACE_MS (20 s): open subscriptions do not hold the drain.
    expect(Date.now() - started).toBeLessThan(10_000);
    await client.dispose();
  });
});
