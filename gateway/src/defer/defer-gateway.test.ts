import { readServerSettings, type RunningServer } from '@azg/core/server';
import { readGatewayConfig } from '../config';
import { memoryStore } from '../response-cache';
import { createGateway } from '../server';
import { startFakeSubgraphs, type FakeSubgraphs } from '../test/fake-subgraphs';
import { acceptsDeferredParts } from './defer-gateway';
import { readParts } from '../../../tests/support/multipart';

/**
 * @defer through the whole gateway over two fake subgraphs (real HTTP): the first part comes
 * before a slow subgraph answers, the later one has the deferred fields at their paths, and
 * what does not defer is answered as before.
 */
const MULTIPART = 'multipart/mixed;deferSpec=20220824,application/json';

let fake: FakeSubgraphs;
let gateway: RunningServer;

beforeAll(async () => {
  fake = await startFakeSubgraphs(readServerSettings({ CACHE_MAX_AGE_S: '60' }));
  gateway = await createGateway({ ...readGatewayConfig({}), port: 0 }, { supergraphSdl: fake.supergraphSdl, responseCache: memoryStore(100) }).listen();
});

afterAll(async () => {
  await gateway?.close(0);
  await fake?.close();
});

afterEach(() => {
  fake.details.delayMs = 0;
});

function post(query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>): Promise<Response> {
  return fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
}

describe('@defer through the gateway', () => {
  it('sends the fields of the other subgraph in a later part, after the first part has arrived', async () => {
    fake.details.delayMs = 300;
    const response = await post('{ node { id name ... @defer(label: "details") { detail } } }', { accept: MULTIPART });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('multipart/mixed;boundary="-";deferSpec=20220824');
    const parts = await readParts(response);
    expect(parts.map((part) => part.payload)).toEqual([
      { data: { node: { id: 'n1', name: 'Node n1' } }, hasNext: true },
      { incremental: [{ label: 'details', path: ['node'], data: { detail: 'detail of n1' } }], hasNext: false },
    ]);
    expect(parts[1].atMs - parts[0].atMs).toBeGreaterThan(200);
  });

  it('gives a fragment in a list one item per element, and nested fragments their own items', async () => {
    const response = await post('{ nodes { id ... @defer { detail more { id ... @defer(label: "deep") { detail } } } } }', { accept: MULTIPART });
    const parts = (await readParts(response)).map((part) => part.payload);
    expect(parts[0]).toEqual({ data: { nodes: [{ id: 'n1' }, { id: 'n2' }] }, hasNext: true });
    expect(parts[1]).toEqual({
      incremental: [
        { path: ['nodes', 0], data: { detail: 'detail of n1', more: { id: 'n1.m' } } },
        { label: 'deep', path: ['nodes', 0, 'more'], data: { detail: 'detail of n1.m' } },
        { path: ['nodes', 1], data: { detail: 'detail of n2', more: { id: 'n2.m' } } },
        { label: 'deep', path: ['nodes', 1, 'more'], data: { detail: 'detail of n2.m' } },
      ],
      hasNext: false,
    });
  });

  it('puts an error of a deferred field in its item, coded and masked as the first part\'s would be', async () => {
    const plain = (await (await post('{ a boom }')).json()) as { errors: unknown[] };
    const parts = (await readParts(await post('{ a ... @defer { boom } }', { accept: MULTIPART }))).map((part) => part.payload);
    const internal = { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } };
    expect(plain.errors).toEqual([internal]);
    expect(parts).toEqual([
      { data: { a: 0 }, hasNext: true },
      { incremental: [{ path: [], data: { boom: null }, errors: [internal] }], hasNext: false },
    ]);
  });

  it('passes the variables to both runs, those the first part no longer uses included, and honours @skip', async () => {
    const query = 'query ($v: Even!, $s: Boolean!) { a b @skip(if: $s) ... @defer { echo(value: $v) c @skip(if: $s) } }';
    const parts = (await readParts(await post(query, { accept: MULTIPART }, { v: 4, s: true }))).map((part) => part.payload);
    expect(parts).toEqual([
      { data: { a: 0 }, hasNext: true },
      { incremental: [{ path: [], data: { echo: 4 } }], hasNext: false },
    ]);
  });

  it('refuses variables that do not coerce once, before anything runs', async () => {
    const response = await post('query ($late: Boolean!) { a ... @defer(if: $late) { b } }', { accept: MULTIPART }, {});
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers a client that does not take multipart with the whole answer as JSON', async () => {
    const response = await post('{ node { id ... @defer { detail } } }');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ data: { node: { id: 'n1', detail: 'detail of n1' } } });
  });

  it('answers `if: false` and an operation without @defer as before, though the client takes multipart', async () => {
    for (const query of ['{ node { id ... @defer(if: false) { detail } } }', '{ node { id ... { detail } } }']) {
      const response = await post(query, { accept: MULTIPART });
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await response.text()).toBe('{"data":{"node":{"id":"n1","detail":"detail of n1"}}}\n');
    }
  });

  it('takes a client that accepts nothing but the multipart answer', async () => {
    const parts = await readParts(await post('{ node { id ... @defer { detail } } }', { accept: 'multipart/mixed; deferSpec=20220824' }));
    expect(parts).toHaveLength(2);
  });

  it('runs a deferred mutation once, and cuts its answer', async () => {
    const before = fake.nodes.requests.length;
    const parts = (await readParts(await post('mutation { rename(name: "Once") { id ... @defer { name detail } } }', { accept: MULTIPART }))).map((part) => part.payload);
    expect(parts).toEqual([
      { data: { rename: { id: 'n1' } }, hasNext: true },
      { incremental: [{ path: ['rename'], data: { name: 'Once', detail: 'detail of n1' } }], hasNext: false },
    ]);
    expect(fake.nodes.requests.length - before).toBe(1);
  });

  it('keeps a deferred query out of the response cache', async () => {
    for (let time = 0; time < 2; time += 1) {
      const response = await post('{ node { id ... @defer { detail } } }', { accept: MULTIPART });
      expect(response.headers.get('x-azg-cache')).toBe('bypass');
      expect(await readParts(response)).toHaveLength(2);
    }
  });

  it('refuses a @defer where the directive may not go', async () => {
    const response = await post('{ node @defer { id } }', { accept: MULTIPART });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('acceptsDeferredParts', () => {
  it('takes multipart/mixed with deferSpec=20220824, as Apollo Client sends it, and nothing else', () => {
    expect(acceptsDeferredParts('multipart/mixed;deferSpec=20220824,application/json')).toBe(true);
    expect(acceptsDeferredParts('application/json, multipart/mixed; deferSpec=20220824')).toBe(true);
    expect(acceptsDeferredParts('multipart/mixed')).toBe(false);
    expect(acceptsDeferredParts('application/json')).toBe(false);
    expect(acceptsDeferredParts(undefined)).toBe(false);
  });
});
