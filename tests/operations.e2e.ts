/**
 * The stack as an operator meets it: health and metrics on every process, a request followed by
 * its id and trace through every subgraph down to its SQL, the database going away and coming
 * back without a restart, slow statements cut off, and processes that finish what they were
 * doing when told to stop.
 */
import { Client } from 'pg';
import { SUBGRAPH_NAMES, type SubgraphName } from '@azg/core/registry';
import { eventually as retry } from './support/eventually';
import { dataOf, errorCodes } from './support/graphql';
import { startOtlpCollector, type OtlpCollector } from './support/otlp-collector';
import { startStack, type Stack } from './support/stack';

// A private stack: this file stops its database and its processes, and gives them a trace
// collector and longer timeouts.
let stack: Stack;
let collector: OtlpCollector;

beforeAll(async () => {
  collector = await startOtlpCollector();
  stack = await startStack({
    embeddedDatabase: true,
    keepLogs: true,
    // Statements get 6 s, so a test can hold a lock while it stops a process, even on a busy machine;
    // the gateway waits longer than that for a subgraph, as it waits longer than the statement timeout by default.
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100', DB_STATEMENT_TIMEOUT_MS: '6000' },
    gatewayEnv: { SUBGRAPH_TIMEOUT_MS: '9000', REQUEST_TIMEOUT_MS: '15000' },
  });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await collector?.close();
});

/** Retries `check` until it passes or `timeoutMs` is over (15 s by default; then fails with its last error). */
const eventually = <T>(check: () => Promise<T> | T, timeoutMs = 15_000) => retry(check, timeoutMs);

/** The JSON lines a process logged. */
function logged(name: SubgraphName | 'gateway'): Array<Record<string, any>> {
  return stack.logLines(name).flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, any>];
    } catch {
      return [];
    }
  });
}

const EVERY_SUBGRAPH = `query Everything {
  project(id: "valtherm-radiator-plant") { name company { name } landPlots { id } workforce { planned { value } } }
}`;

async function status(url: string, path: string): Promise<number> {
  return (await fetch(new URL(path, url), { signal: AbortSignal.timeout(5_000) })).status;
}

describe('every process', () => {
  it('answers /healthz, /readyz and /metrics, with the database pool, event-loop lag and subgraph fetches', async () => {
    dataOf(await stack.query(EVERY_SUBGRAPH));
    for (const url of [stack.gatewayUrl, ...SUBGRAPH_NAMES.map((name) => stack.subgraphUrls[name])]) {
      expect(await status(url, '/healthz')).toBe(200);
      expect(await status(url, '/readyz')).toBe(200);
      const metrics = await (await fetch(new URL('/metrics', url))).text();
      expect(metrics).toMatch(/^nodejs_eventloop_lag_seconds\{service="\w+"\} /m);
      expect(metrics).toMatch(/^azg_graphql_operation_duration_seconds_count\{/m);
    }
    const projects = await (await fetch(new URL('/metrics', stack.subgraphUrls.projects))).text();
    expect(projects).toMatch(/^azg_db_pool_connections\{state="idle",service="projects"\} \d+/m);
    expect(projects).toMatch(/^azg_db_statements_total\{result="ok",service="projects"\} [1-9]/m);
    const gateway = await (await fetch(new URL('/metrics', stack.gatewayUrl))).text();
    for (const name of SUBGRAPH_NAMES) expect(gateway).toMatch(new RegExp(`^azg_subgraph_fetches_total\\{subgraph="${name}",result="ok",service="gateway"\\} [1-9]`, 'm'));
    // Everything is no manifest operation, so it is counted as __other (see metrics.e2e.ts).
    expect(gateway).toMatch(/^azg_graphql_operations_total\{operation="__other",result="ok",service="gateway"\} [1-9]/m);
  });
});

describe('one request, followed', () => {
  const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
  const CLIENT_SPAN = 'b7ad6b7169203331';

  it('carries its id and trace context to every subgraph\'s log, and exports gateway, subgraph and SQL spans as one trace', async () => {
    const result = await stack.query(EVERY_SUBGRAPH, {}, { 'x-request-id': 'followed-1', traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01` });
    dataOf(result);

    // Each subgraph logged the request under the client's id, with a traceparent of the client's trace.
    for (const name of SUBGRAPH_NAMES) {
      const line = await eventually(() => {
        const found = logged(name).find((entry) => entry.reqId === 'followed-1' && entry.msg === 'request');
        if (!found) throw new Error(`${name} has not logged followed-1`);
        return found;
      });
      expect(line).toMatchObject({ service: name, status: 200, traceId: TRACE_ID, traceparent: expect.stringMatching(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`)) });
      // Its parent is the gateway's span for the fetch, not the client's span.
      expect(line.traceparent).not.toContain(CLIENT_SPAN);
    }

    // The exported spans chain: client -> gateway request -> subgraph fetch -> subgraph request -> SQL statement.
    const spans = await eventually(() => {
      // Each process exports on its own schedule: wait for all of them.
      const found = collector.spans.filter((span) => span.traceId === TRACE_ID);
      const exported = new Set(found.map((span) => `${span.service} ${span.name}`));
      const missing = [...SUBGRAPH_NAMES.map((name) => `azg-${name} db.query`), 'azg-gateway POST /']
        .filter((key) => !exported.has(key));
      if (missing.length > 0) throw new Error(`not exported yet: ${missing.join(', ')}`);
      return found;
    });
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const gatewayRequest = spans.find((span) => span.service === 'azg-gateway' && span.parentSpanId === CLIENT_SPAN);
    expect(gatewayRequest).toMatchObject({ attributes: expect.objectContaining({ 'graphql.operation.name': 'Everything', 'azg.request_id': 'followed-1' }) });
    for (const name of SUBGRAPH_NAMES) {
      const statement = spans.find((span) => span.service === `azg-${name}` && span.name === 'db.query');
      expect(statement?.attributes['db.system']).toBe('postgresql');
      const subgraphRequest = byId.get(statement!.parentSpanId!);
      expect(subgraphRequest?.service).toBe(`azg-${name}`);
      const fetch = byId.get(subgraphRequest!.parentSpanId!);
      expect(fetch).toMatchObject({ service: 'azg-gateway', name: `subgraph ${name}` });
      expect(fetch!.parentSpanId).toBe(gatewayRequest!.spanId);
    }
  });
});

describe('the database going away', () => {
  it('makes every process not ready, answers DATABASE_UNAVAILABLE, and recovers by itself when it is back', async () => {
    const pids = [...SUBGRAPH_NAMES, 'gateway' as const].map((name) => stack.process(name)?.child.pid);
    await stack.stopDatabase();
    try {
      await eventually(async () => {
        for (const name of SUBGRAPH_NAMES) expect(await status(stack.subgraphUrls[name], '/readyz')).toBe(503);
      });
      const reason = await (await fetch(new URL('/readyz', stack.subgraphUrls.land))).json();
      expect(reason).toEqual({ status: 'not ready', reason: expect.stringMatching(/^database unreachable/) });
      expect(await status(stack.gatewayUrl, '/readyz')).toBe(503);
      for (const name of SUBGRAPH_NAMES) expect(await status(stack.subgraphUrls[name], '/healthz')).toBe(200);

      const during = await stack.query(EVERY_SUBGRAPH);
      expect(during.status).toBe(200);
      expect(errorCodes(during.body)).toContain('DATABASE_UNAVAILABLE');
      expect(errorCodes(during.body)).not.toContain('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(during.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
    } finally {
      await stack.startDatabase();
    }
    await eventually(async () => {
      for (const url of [stack.gatewayUrl, ...SUBGRAPH_NAMES.map((name) => stack.subgraphUrls[name])]) expect(await status(url, '/readyz')).toBe(200);
    }, 30_000);
    dataOf(await stack.query(EVERY_SUBGRAPH));
    // Nothing was restarted: the pools reconnected.
    expect([...SUBGRAPH_NAMES, 'gateway' as const].map((name) => stack.process(name)?.child.pid)).toEqual(pids);
  });
});

/** Holds an exclusive lock on `table` until `release()`: statements that read it wait. */
async function lock(table: string): Promise<{ client: Client; release(): Promise<void> }> {
  const client = new Client({ connectionString: stack.databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return {
    client,
    async release() {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

/** Waits until a statement of service `name` is waiting for a lock. */
async function waitingForLock(observer: Client, name: SubgraphName): Promise<void> {
  await eventually(async () => {
    const { rows } = await observer.query(
      "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [`azg-${name}`]);
    expect(rows[0].waiting).toBeGreaterThan(0);
  }, 5_000);
}

describe('slow statements', () => {
  it('that finish just within DB_STATEMENT_TIMEOUT_MS are answered in full', async () => {
    const held = await lock('companies.company');
    // Released 4.5 s in: the statement has waited most of its 6 s, and is not cancelled.
    const released = new Promise<void>((resolve) => setTimeout(() => void held.release().then(resolve), 4_500));
    const started = Date.now();
    const result = await stack.query('{ companies { nodes { id } } }');
    await released;
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_400);
    expect((dataOf(result) as { companies: { nodes: unknown[] } }).companies.nodes.length).toBeGreaterThan(0);
  });

  it('are cancelled after DB_STATEMENT_TIMEOUT_MS and answered as DATABASE_TIMEOUT, naming the subgraph', async () => {
    const held = await lock('companies.company');
    try {
      const started = Date.now();
      const result = await stack.query('{ companies { nodes { id } } }');
      expect(Date.now() - started).toBeGreaterThanOrEqual(5_900);
      expect(result.body.errors).toEqual([
        { message: 'The database took too long to answer', extensions: { code: 'DATABASE_TIMEOUT', serviceName: 'companies' } },
      ]);
    } finally {
      await held.release();
    }
    dataOf(await stack.query('{ companies { nodes { id } } }'));
  });
});

describe('graceful shutdown', () => {
  let observer: Client;

  beforeAll(async () => {
    observer = new Client({ connectionString: stack.databaseUrl });
    await observer.connect();
  });

  afterAll(async () => {
    await observer?.end();
  });

  it('a subgraph told to stop finishes the request it is answering, closes its pool and exits 0', async () => {
    const held = await lock('companies.company');
    let answer: ReturnType<Stack['query']>;
    try {
      answer = stack.query('{ companies { nodes { id name } } }');
      await waitingForLock(observer, 'companies');
      const companies = stack.process('companies')!;
      companies.kill('SIGTERM');
      // It no longer accepts connections, but is still running: the request is in flight.
      await eventually(async () => {
        await expect(fetch(new URL('/healthz', stack.subgraphUrls.companies))).rejects.toThrow();
      }, 3_000);
      expect(companies.running).toBe(true);
    } finally {
      await held.release();
    }
    const result = await answer;
    expect(result.body.errors).toBeUndefined();
    expect(dataOf(result as Awaited<typeof answer>)).toEqual({ companies: { nodes: expect.arrayContaining([expect.objectContaining({ id: 'almerek' })]) } });
    expect(await stack.process('companies')!.exited).toEqual({ code: 0, signal: null });
    expect(logged('companies')).toContainEqual(expect.objectContaining({ msg: 'stopped', exitCode: 0 }));
    const { rows } = await observer.query("SELECT count(*)::int AS open FROM pg_stat_activity WHERE application_name = 'azg-companies'");
    expect(rows[0].open).toBe(0);
    await stack.startService('companies');
  });

  it('the gateway told to stop finishes the request it is answering and exits 0', async () => {
    const held = await lock('land.land_plot');
    let answer: ReturnType<Stack['query']>;
    try {
      answer = stack.query('{ projects { nodes { id landPlots { id } } } }');
      await waitingForLock(observer, 'land');
      stack.process('gateway')!.kill('SIGTERM');
      await eventually(async () => {
        await expect(fetch(new URL('/healthz', stack.gatewayUrl))).rejects.toThrow();
      }, 3_000);
    } finally {
      await held.release();
    }
    const result = await answer;
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(await stack.process('gateway')!.exited).toEqual({ code: 0, signal: null });
    await stack.startGateway();
    dataOf(await stack.query('{ projects { nodes { id } } }'));
  });
});
