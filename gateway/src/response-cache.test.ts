import { randomUUID } from 'node:crypto';
import { ANONYMOUS } from '@azg/core/identity';
import { readServerSettings, type RunningServer } from '@azg/core/server';
import { readGatewayConfig } from './config';
import { CACHE_STATUS_HEADER, memoryStore, readResponseCacheConfig, redisStore, type ResponseCacheStore } from './response-cache';
import { createGateway } from './server';
import { connectSharedState } from './shared-state';
import { startFakeSubgraphs, type FakeSubgraphs } from './test/fake-subgraphs';
import { standInAccess } from './test/stand-in-access';

/**
 * The gateway's response cache over two real subgraphs (fake data, real HTTP): what it serves
 * again, what the subgraphs' cache hints keep out of it, and how a write empties it.
 */
interface Answer { cache: string | null; body: { data?: any; errors?: Array<{ message: string }> } }

async function post(url: string, query: string, options: { variables?: Record<string, unknown>; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return { cache: response.headers.get(CACHE_STATUS_HEADER), body: (await response.json()) as Answer['body'] };
}

/** Lets in any request that carries credentials as a partner (the keys themselves are access's tests' business). */
const partnerWithAnyCredentials = standInAccess((headers) =>
  (headers.authorization || headers['x-api-key'] ? { subject: 'a partner', role: 'partner', source: 'api-key' } : ANONYMOUS));

async function setUp(maxAgeS: number, store: ResponseCacheStore): Promise<{ fake: FakeSubgraphs; gateway: RunningServer; close(): Promise<void> }> {
  const fake = await startFakeSubgraphs(readServerSettings({ CACHE_MAX_AGE_S: String(maxAgeS) }));
  const gateway = await createGateway({ ...readGatewayConfig({}), port: 0 }, { supergraphSdl: fake.supergraphSdl, responseCache: store, access: partnerWithAnyCredentials }).listen();
  return {
    fake,
    gateway,
    async close() {
      await gateway.close(0);
      await fake.close();
    },
  };
}

const NODE_QUERY = 'query Node { node { id name detail } }';

describe('the response cache (in memory)', () => {
  it('serves a repeated anonymous query without asking the subgraphs, and keys by variables and Accept-Language', async () => {
    const { fake, gateway, close } = await setUp(60, memoryStore(100));
    try {
      const first = await post(gateway.url, NODE_QUERY);
      expect(first).toEqual({ cache: 'miss', body: { data: { node: { id: 'n1', name: 'Node n1', detail: 'detail of n1' } } } });
      const fetches = fake.nodes.requests.length + fake.details.requests.length;
      const second = await post(gateway.url, NODE_QUERY);
      expect(second).toEqual({ ...first, cache: 'hit' });
      expect(fake.nodes.requests.length + fake.details.requests.length).toBe(fetches);

      const echo = 'query Echo($v: Even!) { echo(value: $v) }';
      expect((await post(gateway.url, echo, { variables: { v: 2 } })).cache).toBe('miss');
      expect(await post(gateway.url, echo, { variables: { v: 4 } })).toEqual({ cache: 'miss', body: { data: { echo: 4 } } });
      expect(await post(gateway.url, echo, { variables: { v: 2 } })).toEqual({ cache: 'hit', body: { data: { echo: 2 } } });
      expect((await post(gateway.url, NODE_QUERY, { headers: { 'accept-language': 'kk' } })).cache).toBe('miss');
    } finally {
      await close();
    }
  });

  it('never serves nor stores a request with credentials', async () => {
    const { fake, gateway, close } = await setUp(60, memoryStore(100));
    try {
      for (const headers of [{ authorization: 'Bearer x' }, { 'x-api-key': 'k' }] as Array<Record<string, string>>) {
        expect((await post(gateway.url, '{ a }', { headers })).cache).toBe('bypass');
        expect((await post(gateway.url, '{ a }', { headers })).cache).toBe('bypass');
      }
      expect(fake.nodes.requests).toHaveLength(4);
      expect((await post(gateway.url, '{ a }')).cache).toBe('miss');
    } finally {
      await close();
    }
  });

  it('honours the subgraphs\' hints: no default maxAge, a maxAge 0 field or a private field is never stored', async () => {
    const uncached = await setUp(0, memoryStore(100));
    try {
      expect((await post(uncached.gateway.url, NODE_QUERY)).cache).toBe('miss');
      expect((await post(uncached.gateway.url, NODE_QUERY)).cache).toBe('miss');
    } finally {
      await uncached.close();
    }
    const { gateway, close } = await setUp(60, memoryStore(100));
    try {
      for (const query of ['{ a fresh }', '{ a mine }']) {
        expect((await post(gateway.url, query)).cache).toBe('miss');
        expect((await post(gateway.url, query)).cache).toBe('miss');
      }
      expect((await post(gateway.url, '{ a }')).cache).toBe('miss');
      expect((await post(gateway.url, '{ a }')).cache).toBe('hit');
    } finally {
      await close();
    }
  });

  it('forgets an answer once its maxAge has passed', async () => {
    const { gateway, close } = await setUp(1, memoryStore(100));
    try {
      expect((await post(gateway.url, NODE_QUERY)).cache).toBe('miss');
      expect((await post(gateway.url, NODE_QUERY)).cache).toBe('hit');
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await post(gateway.url, NODE_QUERY)).cache).toBe('miss');
    } finally {
      await close();
    }
  });

  it('is emptied by a mutation: the next read sees the write', async () => {
    const { gateway, close } = await setUp(60, memoryStore(100));
    try {
      await post(gateway.url, NODE_QUERY);
      expect((await post(gateway.url, NODE_QUERY)).body.data.node.name).toBe('Node n1');
      const write = await post(gateway.url, 'mutation { rename(name: "Renamed") { id name } }');
      expect(write).toEqual({ cache: 'bypass', body: { data: { rename: { id: 'n1', name: 'Renamed' } } } });
      expect(await post(gateway.url, NODE_QUERY)).toEqual({ cache: 'miss', body: { data: { node: { id: 'n1', name: 'Renamed', detail: 'detail of n1' } } } });
      expect((await post(gateway.url, NODE_QUERY)).cache).toBe('hit');
    } finally {
      await close();
    }
  });

  it('keeps at most its number of entries, dropping the least recently used', async () => {
    let now = 0;
    const store = memoryStore(2, () => now);
    await store.set('a', '1', 10);
    await store.set('b', '2', 10);
    expect(await store.get('a')).toBe('1');
    await store.set('c', '3', 10);
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual(['1', undefined, '3']);
    now = 10_000;
    expect(await store.get('a')).toBeUndefined();
    await store.close();
  });
});

describe('the response cache settings', () => {
  it('default to memory, to Redis when REDIS_URL is set, and refuse a backend they do not know', () => {
    expect(readResponseCacheConfig({}).backend).toBe('memory');
    expect(readResponseCacheConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).backend).toBe('redis');
    expect(readResponseCacheConfig({ REDIS_URL: 'redis://127.0.0.1:6379', RESPONSE_CACHE: 'off' }).backend).toBe('off');
    expect(() => readResponseCacheConfig({ RESPONSE_CACHE: 'disk' })).toThrow(/RESPONSE_CACHE must be off, memory or redis/);
    expect(() => readResponseCacheConfig({ RESPONSE_CACHE: 'redis' })).toThrow(/needs REDIS_URL/);
  });
});

describe('the response cache in Redis (127.0.0.1:6379)', () => {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

  it('is shared by two gateways: one stores, the other hits, and a write through either empties it for both', async () => {
    const prefix = `azg:test:${randomUUID()}:`;
    const shared = [connectSharedState({ url, prefix }), connectSharedState({ url, prefix })] as const;
    expect(await Promise.all(shared.map((state) => state.ready(5_000)))).toEqual([true, true]);
    const one = await setUp(60, redisStore(shared[0]));
    const other = await createGateway({ ...readGatewayConfig({}), port: 0 }, { supergraphSdl: one.fake.supergraphSdl, responseCache: redisStore(shared[1]) }).listen();
    try {
      expect((await post(one.gateway.url, NODE_QUERY)).cache).toBe('miss');
      expect(await post(other.url, NODE_QUERY)).toEqual({ cache: 'hit', body: { data: { node: { id: 'n1', name: 'Node n1', detail: 'detail of n1' } } } });
      await post(other.url, 'mutation { rename(name: "Written") { id } }');
      expect(await post(one.gateway.url, NODE_QUERY)).toEqual({ cache: 'miss', body: { data: { node: { id: 'n1', name: 'Written', detail: 'detail of n1' } } } });
      expect((await post(other.url, NODE_QUERY)).cache).toBe('hit');
    } finally {
      await other.close(0);
      await one.close();
      const keys = await shared[0].commands.keys(`${prefix}*`);
      if (keys.length > 0) await shared[0].commands.del(...keys);
      await Promise.all(shared.map((state) => state.close()));
    }
  });
});
