import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IDENTITY_HEADER } from '@azg/core/identity';
import { createLogger, type Observability, quietObservability } from '@azg/core/observability';
import type { RunningServer } from '@azg/core/server';
import { readGatewayConfig } from './config';
import { buildOperationManifest, printOperationManifest } from './persisted-operations';
import { createGateway } from './server';
import { startFakeSubgraphs, type FakeSubgraphs } from './test/fake-subgraphs';

/**
 * What the gateway tells the subgraphs and the operator about each request: its id and trace
 * context travel with every subgraph fetch, one log line says how it went, and /metrics counts it
 * under a label bounded by the operations the gateway knows.
 */
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

let fake: FakeSubgraphs;
let gateway: RunningServer;
const logLines: Array<Record<string, unknown>> = [];
const subgraphLogLines: Array<Record<string, unknown>> = [];

/** The operations this gateway knows (its manifest): only their names label the metrics. */
const KNOWN = ['query Counted { nodes { detail } }', 'query Slow { nodes { detail } }'];

beforeAll(async () => {
  fake = await startFakeSubgraphs(undefined, createLogger('subgraph', 'info', { write: (line: string) => void subgraphLogLines.push(JSON.parse(line)) }));
  const observability: Observability = {
    ...quietObservability('gateway'),
    logger: createLogger('gateway', 'info', { write: (line: string) => void logLines.push(JSON.parse(line)) }),
  };
  const manifestPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'azg-manifest-')), 'manifest.json');
  writeFileSync(manifestPath, printOperationManifest(buildOperationManifest(KNOWN.map((body, index) => ({ fileName: `${index}.graphql`, body })))));
  gateway = await createGateway({ ...readGatewayConfig({ SUBGRAPH_TIMEOUT_MS: '400' }), port: 0 }, {
    supergraphSdl: fake.supergraphSdl, observability, explorer: { persistedOperations: { manifestPath, safelist: false } },
  }).listen();
});

afterAll(async () => {
  await gateway?.close(0);
  await fake?.close();
});

beforeEach(() => {
  fake.nodes.requests.length = 0;
  fake.details.requests.length = 0;
  logLines.length = 0;
  subgraphLogLines.length = 0;
});

async function post(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as Record<string, any> };
}

describe('the request id', () => {
  it('is the client\'s when well-formed, echoed back, and sent with every subgraph fetch', async () => {
    const { requestId, body } = await post('query Details { nodes { detail } }', { 'x-request-id': 'client-42.a:b' });
    expect(body.errors).toBeUndefined();
    expect(requestId).toBe('client-42.a:b');
    expect(fake.nodes.requests.map((headers) => headers['x-request-id'])).toEqual(['client-42.a:b']);
    expect(fake.details.requests.map((headers) => headers['x-request-id'])).toEqual(['client-42.a:b']);
  });

  it.each([
    ['with spaces', 'not an id'],
    ['too long', 'x'.repeat(129)],
    ['with a semicolon', 'abc;def'],
    ['starting with a dot', '.abc'],
  ])('is replaced by a new one when the client\'s is malformed (%s)', async (_case, sent) => {
    const { requestId } = await post('{ nodes { detail } }', { 'x-request-id': sent });
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(fake.details.requests[0]?.['x-request-id']).toBe(requestId);
  });

  it('is on the request\'s log line, with the operation, the status, the time taken and the error codes', async () => {
    await post('query Details { nodes { detail } }', { 'x-request-id': 'logged-1' });
    expect(logLines).toContainEqual(expect.objectContaining({
      level: 'info', service: 'gateway', msg: 'request', reqId: 'logged-1', operationName: 'Details', status: 200, durationMs: expect.any(Number),
    }));
    await post('{ nodez }', { 'x-request-id': 'logged-2' });
    expect(logLines).toContainEqual(expect.objectContaining({ reqId: 'logged-2', status: 400, errors: ['GRAPHQL_VALIDATION_FAILED'] }));
  });
});

describe('an internal error in a subgraph', () => {
  it('is logged once, by the subgraph, with its cause and the request id the client is given', async () => {
    const { requestId, body } = await post('query Broken { a boom }', { 'x-request-id': 'broken-1' });
    expect(requestId).toBe('broken-1');
    expect(body.errors).toEqual([{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'broken-1' } }]);
    expect(JSON.stringify(body)).not.toMatch(/relation|10\.0\.0\.7/);
    const internal = [...logLines, ...subgraphLogLines].filter((line) => String(line.msg).startsWith('internal error'));
    expect(internal).toEqual([expect.objectContaining({
      level: 'error', subgraph: 'nodes', reqId: 'broken-1', path: 'boom',
      error: expect.objectContaining({ message: 'relation "nodes.node" does not exist (10.0.0.7:5432)', stack: expect.stringContaining('fake-subgraphs') }),
    })]);
  });
});

describe('the trace context', () => {
  it('a client\'s traceparent continues to every subgraph even with tracing off, and is logged', async () => {
    await post('{ nodes { detail } }', { traceparent: TRACEPARENT, 'x-request-id': 'traced-1' });
    for (const headers of [...fake.nodes.requests, ...fake.details.requests]) expect(headers.traceparent).toBe(TRACEPARENT);
    expect(logLines).toContainEqual(expect.objectContaining({ reqId: 'traced-1', traceparent: TRACEPARENT, traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }));
  });

  it('a malformed traceparent is dropped, not passed on', async () => {
    await post('{ nodes { detail } }', { traceparent: '00-zz-bad' });
    for (const headers of [...fake.nodes.requests, ...fake.details.requests]) expect(headers.traceparent).toBeUndefined();
  });

  it('the gateway\'s own deadline header never leaves it', async () => {
    await post('{ nodes { detail } }');
    for (const headers of [...fake.nodes.requests, ...fake.details.requests]) expect(headers['x-azg-deadline']).toBeUndefined();
  });
});

describe('/metrics', () => {
  it('counts operations by name and result, errors by code, and fetches by subgraph and result, with latency histograms', async () => {
    await post('query Counted { nodes { detail } }');
    await post('query Counted { nodes { detail } }');
    fake.details.delayMs = 2_000;
    try {
      await post('query Slow { nodes { detail } }');
    } finally {
      fake.details.delayMs = 0;
    }
    await post('{ nodez }');
    for (let i = 0; i < 5; i += 1) await post(`query Invented${i} { nodes { detail } }`);
    const response = await fetch(new URL('/metrics', gateway.url));
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    /** The value of the series `name` whose labels include `labels` (every series also has `service="gateway"`). */
    const value = (name: string, labels: string) => {
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && labels.split(',').every((label) => candidate.includes(label)));
      return Number(line?.split(' ').pop());
    };
    expect(value('azg_graphql_operations_total', 'operation="Counted",result="ok",service="gateway"')).toBe(2);
    expect(value('azg_graphql_operations_total', 'operation="Slow",result="error"')).toBe(1);
    expect(value('azg_graphql_errors_total', 'operation="Slow",code="SUBGRAPH_UNAVAILABLE"')).toBe(1);
    expect(value('azg_graphql_operations_total', 'operation="__unresolved",result="refused"')).toBeGreaterThanOrEqual(1);
    expect(value('azg_subgraph_fetches_total', 'subgraph="details",result="ok"')).toBeGreaterThanOrEqual(2);
    expect(value('azg_subgraph_fetches_total', 'subgraph="details",result="failed"')).toBe(1);
    expect(value('azg_subgraph_fetch_duration_seconds_count', 'subgraph="nodes"')).toBeGreaterThanOrEqual(3);
    expect(value('azg_graphql_operation_duration_seconds_count', 'operation="Counted"')).toBe(2);
    expect(value('azg_http_requests_total', 'path="/",status="400"')).toBeGreaterThanOrEqual(1);
    // Names the manifest does not hold are one label, however many a client invents.
    expect(value('azg_graphql_operations_total', 'operation="__other",result="ok"')).toBeGreaterThanOrEqual(5);
    expect(text).not.toMatch(/operation="(Invented|Details)/);
  });

  it('signs the operation\'s label onto each subgraph fetch, for the subgraph\'s metrics', async () => {
    await post('query Counted { nodes { detail } }');
    await post('query Invented { nodes { detail } }');
    const labels = fake.nodes.requests.map((headers) => JSON.parse(Buffer.from(String(headers[IDENTITY_HEADER]).split('.')[1]!, 'base64url').toString()).op);
    expect(labels).toEqual(['Counted', '__other']);
  });
});
