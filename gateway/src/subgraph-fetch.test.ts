import type { RunningServer } from '@azg/core/server';
import { readGatewayConfig } from './config';
import { createGateway } from './server';
import { startFakeSubgraphs, type FakeSubgraphs } from './test/fake-subgraphs';
import { standInAccess } from './test/stand-in-access';

/**
 * How the gateway fetches from subgraphs: over kept-alive pooled connections, each fetch within
 * SUBGRAPH_TIMEOUT_MS and never past the client request's own REQUEST_TIMEOUT_MS deadline, each
 * signed for what it sends.
 */
async function post(url: string, query: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

async function gatewayOver(fake: FakeSubgraphs, env: Record<string, string>): Promise<RunningServer> {
  return createGateway({ ...readGatewayConfig(env), port: 0 }, { supergraphSdl: fake.supergraphSdl }).listen();
}

describe('connections to subgraphs', () => {
  it('are kept alive and reused: twenty queries crossing both subgraphs, one after another, open one connection to each', async () => {
    const fake = await startFakeSubgraphs();
    const gateway = await gatewayOver(fake, {});
    try {
      for (let i = 0; i < 20; i += 1) {
        // One fetch from each subgraph: the nodes, then their details.
        const { body } = await post(gateway.url, '{ nodes { name detail } }');
        expect(body.errors).toBeUndefined();
      }
      expect(fake.nodes.requests).toHaveLength(20);
      expect(fake.details.requests).toHaveLength(20);
      expect(fake.nodes.connections).toBe(1);
      expect(fake.details.connections).toBe(1);
    } finally {
      await gateway.close(0);
      await fake.close();
    }
  });
});

describe('a subgraph refusing what it was sent', () => {
  it('is the client\'s error, passed on with its code, not "Subgraph is unavailable"', async () => {
    const fake = await startFakeSubgraphs();
    const gateway = await gatewayOver(fake, {});
    try {
      expect((await post(gateway.url, '{ echo(value: 4) }')).body).toEqual({ data: { echo: 4 } });
      for (const query of ['{ a echo(value: 3) }', 'query ($v: Even!) { echo(value: $v) }']) {
        const { status, body } = await fetch(gateway.url, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { v: 5 } }),
        }).then(async (response) => ({ status: response.status, body: (await response.json()) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }));
        expect(status).toBe(200);
        expect(body.errors?.[0]?.message).toMatch(/Even cannot represent/);
        expect(body.errors?.[0]?.extensions).toMatchObject({ code: expect.stringMatching(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/), serviceName: 'nodes' });
        expect(JSON.stringify(body)).not.toContain('SUBGRAPH_UNAVAILABLE');
      }
    } finally {
      await gateway.close(0);
      await fake.close();
    }
  });
});

describe('deadlines', () => {
  // node (nodes) > more (details, 1.5 s) > after (nodes) > detail (details, 1.5 s): four fetches in sequence, 3 s in all.
  const SEQUENTIAL = '{ node { id more { id after { id detail } } } }';
  let fake: FakeSubgraphs;

  beforeEach(async () => {
    fake = await startFakeSubgraphs();
    fake.details.delayMs = 1_500;
  });

  afterEach(async () => {
    await fake.close();
  });

  it('each fetch below SUBGRAPH_TIMEOUT_MS is answered, however long the whole plan takes within REQUEST_TIMEOUT_MS', async () => {
    const gateway = await gatewayOver(fake, { SUBGRAPH_TIMEOUT_MS: '2000', REQUEST_TIMEOUT_MS: '8000' });
    try {
      const { body } = await post(gateway.url, SEQUENTIAL);
      expect(body.errors).toBeUndefined();
      expect(body.data.node.more.after.detail).toBe('detail of n1.m.a');
    } finally {
      await gateway.close(0);
    }
  });

  it('the request\'s deadline cuts the fetch that would end past it: partial data and the subgraph named, on time', async () => {
    const gateway = await gatewayOver(fake, { SUBGRAPH_TIMEOUT_MS: '2000', REQUEST_TIMEOUT_MS: '2200' });
    try {
      const started = Date.now();
      const { status, body } = await post(gateway.url, SEQUENTIAL);
      const elapsed = Date.now() - started;
      expect(status).toBe(200);
      expect(body.data).toEqual({ node: { id: 'n1', more: { id: 'n1.m', after: { id: 'n1.m.a', detail: null } } } });
      expect(body.errors).toEqual([
        { message: 'Subgraph "details" is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'details' } },
      ]);
      // At the deadline, well before the 3 s the plan takes in full.
      expect(elapsed).toBeGreaterThanOrEqual(2_150);
      expect(elapsed).toBeLessThan(2_900);
    } finally {
      await gateway.close(0);
    }
  });

  it('a subgraph that never answers costs at most SUBGRAPH_TIMEOUT_MS', async () => {
    fake.details.delayMs = 60_000;
    const gateway = await gatewayOver(fake, { SUBGRAPH_TIMEOUT_MS: '500', REQUEST_TIMEOUT_MS: '3000' });
    try {
      const started = Date.now();
      const { body } = await post(gateway.url, '{ nodes { id name detail } }');
      expect(Date.now() - started).toBeLessThan(1500);
      expect(body.data.nodes).toEqual([{ id: 'n1', name: 'Node n1', detail: null }, { id: 'n2', name: 'Node n2', detail: null }]);
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'details' });
    } finally {
      await gateway.close(0);
    }
  });
});

describe('identical queries in flight at once', () => {
  it('share one fetch per subgraph (each client gets the whole answer); mutations and SUBGRAPH_DEDUPLICATE=false never share', async () => {
    const fake = await startFakeSubgraphs();
    fake.nodes.delayMs = 300;
    const gateway = await gatewayOver(fake, {});
    const unshared = await gatewayOver(fake, { SUBGRAPH_DEDUPLICATE: 'false' });
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, () => post(gateway.url, '{ nodes { name detail } }')));
      for (const { body } of answers) expect(body).toEqual({ data: { nodes: [{ name: 'Node n1', detail: 'detail of n1' }, { name: 'Node n2', detail: 'detail of n2' }] } });
      expect(fake.nodes.requests).toHaveLength(1);
      expect(fake.details.requests).toHaveLength(1);

      await Promise.all(Array.from({ length: 3 }, () => post(unshared.url, '{ nodes { name } }')));
      expect(fake.nodes.requests).toHaveLength(4);

      const writes = await Promise.all(Array.from({ length: 3 }, () => post(gateway.url, 'mutation { rename(name: "Same") { name } }')));
      for (const { body } of writes) expect(body).toEqual({ data: { rename: { name: 'Same' } } });
      expect(fake.nodes.requests).toHaveLength(7);
    } finally {
      await unshared.close(0);
      await gateway.close(0);
      await fake.close();
    }
  });

  it('share a fetch only among requests of one caller: the subgraph answers each caller as that caller', async () => {
    const fake = await startFakeSubgraphs();
    fake.nodes.delayMs = 300;
    // Callers named by a test header, each vouched for to the subgraphs in its own signed header.
    const gateway = await createGateway({ ...readGatewayConfig({}), port: 0 }, {
      supergraphSdl: fake.supergraphSdl,
      access: standInAccess((headers) => ({ subject: String(headers['x-test-caller']), role: 'partner', source: 'api-key' })),
    }).listen();
    const as = (caller: string) => fetch(gateway.url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-test-caller': caller }, body: JSON.stringify({ query: '{ nodes { name } }' }),
    });
    try {
      await Promise.all([as('alma'), as('alma'), as('alma'), as('berik'), as('berik')]);
      expect(fake.nodes.requests).toHaveLength(2);
    } finally {
      await gateway.close(0);
      await fake.close();
    }
  });
});
