import { randomUUID } from 'node:crypto';
import { ANONYMOUS, type Identity } from '@azg/core/identity';
import { connectSharedState } from './shared-state';
import {
  formatReadAfterToken, memoryReadYourWritesStore, parseReadAfterToken, readConsistencyFor, readReadYourWritesConfig, type WorkerRelay,
  redisReadYourWritesStore, type Positions,
} from './read-your-writes';

const SUBGRAPHS = new Set(['projects', 'companies', 'land', 'workforce']);
const EDITOR: Identity = { subject: 'an editor', role: 'editor', source: 'api-key', keyId: 'k1' };
const positions = (entries: Record<string, bigint>): Positions => new Map(Object.entries(entries));

describe('the consistency token', () => {
  it('names each subgraph\'s position, and reads back what it gave', () => {
    const token = formatReadAfterToken(positions({ projects: 0x3000148n, land: (1n << 32n) | 0xA0n }));
    expect(token).toBe('land:1/A0,projects:0/3000148');
    expect(parseReadAfterToken(token, SUBGRAPHS)).toEqual(positions({ land: (1n << 32n) | 0xA0n, projects: 0x3000148n }));
    expect(formatReadAfterToken(new Map())).toBeUndefined();
  });

  it('is nothing when absent or empty', () => {
    expect(parseReadAfterToken(undefined, SUBGRAPHS).size).toBe(0);
    expect(parseReadAfterToken(' ', SUBGRAPHS).size).toBe(0);
  });

  it('keeps the later position of a subgraph named twice', () => {
    expect(parseReadAfterToken(['projects:0/10', 'projects:0/20,projects:0/5'], SUBGRAPHS)).toEqual(positions({ projects: 0x20n }));
  });

  it.each([
    ['no position', 'projects'], ['an empty position', 'projects:'], ['a position that is not hex', 'projects:0/zz'],
    ['an empty pair', 'projects:0/1,'], ['a subgraph the graph has not', 'nowhere:0/1'],
    ['a token past 1,024 characters', `projects:0/1${',projects:0/1'.repeat(100)}`],
  ])(
    'refuses %s with BAD_USER_INPUT and HTTP 400', (_label, token) => {
      let error: unknown;
      try {
        parseReadAfterToken(token, SUBGRAPHS);
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'x-azg-read-after', http: { status: 400 } } });
    },
  );
});

describe('readReadYourWritesConfig', () => {
  it('keeps writes in memory for 30 s by default, in Redis when REDIS_URL is set', () => {
    expect(readReadYourWritesConfig({})).toEqual({ backend: 'memory', windowMs: 30_000 });
    expect(readReadYourWritesConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).backend).toBe('redis');
    expect(readReadYourWritesConfig({ REDIS_URL: 'redis://127.0.0.1:6379', READ_YOUR_WRITES_STORE: 'off' }).backend).toBe('off');
    expect(() => readReadYourWritesConfig({ READ_YOUR_WRITES_STORE: 'redis' })).toThrow(/needs REDIS_URL/);
    expect(() => readReadYourWritesConfig({ READ_YOUR_WRITES_STORE: 'disk' })).toThrow(/READ_YOUR_WRITES_STORE/);
    expect(() => readReadYourWritesConfig({ READ_YOUR_WRITES_WINDOW_MS: 'long' })).toThrow(/READ_YOUR_WRITES_WINDOW_MS/);
  });
});

describe('the memory store', () => {
  it('remembers each caller\'s latest positions for the window, then forgets them', async () => {
    let now = 0;
    const store = memoryReadYourWritesStore(1_000, () => now);
    await store.remember('a', positions({ projects: 0x20n }));
    await store.remember('a', positions({ projects: 0x10n, land: 0x5n }));
    await store.remember('b', positions({ companies: 0x7n }));
    expect(await store.recall('a')).toEqual(positions({ projects: 0x20n, land: 0x5n }));
    expect(await store.recall('b')).toEqual(positions({ companies: 0x7n }));
    now = 1_000;
    expect((await store.recall('a')).size).toBe(0);
  });

  it('keeps the callers who wrote last when full', async () => {
    const store = memoryReadYourWritesStore(60_000, () => 0, 2);
    await store.remember('a', positions({ projects: 1n }));
    await store.remember('b', positions({ projects: 2n }));
    await store.remember('a', positions({ projects: 3n }));
    await store.remember('c', positions({ projects: 4n }));
    expect((await store.recall('b')).size).toBe(0);
    expect(await store.recall('a')).toEqual(positions({ projects: 3n }));
  });
});

describe('the memory store in a cluster of gateway workers', () => {
  /** Workers linked as node:cluster's primary links them (cluster.ts): what one sends, every other receives. */
  function linkedRelays(count: number): WorkerRelay[] {
    const handlers: Array<Set<(message: unknown) => void>> = Array.from({ length: count }, () => new Set());
    return handlers.map((own, index) => ({
      send: (message) => handlers.forEach((other, to) => {
        // Through a structured clone, as an IPC message goes.
        if (to !== index) for (const handler of other) handler(JSON.parse(JSON.stringify(message)));
      }),
      onMessage(handler) {
        own.add(handler);
        return () => own.delete(handler);
      },
    }));
  }

  it('tells every other worker of a write, so the writer reads it whichever worker takes the next request', async () => {
    const [one, two, three] = linkedRelays(3).map((relay) => memoryReadYourWritesStore(60_000, Date.now, 100, relay));
    await one!.remember('an editor (editor)', positions({ projects: (1n << 40n) | 0x30n }));
    await two!.remember('an editor (editor)', positions({ land: 0x2n }));
    expect(await three!.recall('an editor (editor)')).toEqual(positions({ projects: (1n << 40n) | 0x30n, land: 0x2n }));
    expect(await one!.recall('an editor (editor)')).toEqual(positions({ projects: (1n << 40n) | 0x30n, land: 0x2n }));
    expect((await two!.recall('someone else (editor)')).size).toBe(0);
  });

  it('ignores other messages on the channel between workers, such as the response cache\'s', async () => {
    const [relay] = linkedRelays(1);
    let handler: ((message: unknown) => void) | undefined;
    const store = memoryReadYourWritesStore(60_000, Date.now, 100, { send: relay!.send, onMessage: (h) => { handler = h; return () => undefined; } });
    handler!('azg:response-cache:invalidate');
    handler!({ channel: 'azg:read-your-writes', caller: 'x', positions: [['projects', 'not hex']] });
    expect((await store.recall('x')).size).toBe(0);
  });
});

describe('an operation\'s read consistency', () => {
  it('waits for what the token carries and what the caller wrote recently, the later of each', async () => {
    const store = memoryReadYourWritesStore(60_000);
    await store.remember('an editor (editor)', positions({ projects: 0x30n, land: 0x2n }));
    const consistency = readConsistencyFor(EDITOR, positions({ projects: 0x10n, companies: 0x9n }), store);
    expect(await consistency.requiredFor('projects')).toBe(0x30n);
    expect(await consistency.requiredFor('companies')).toBe(0x9n);
    expect(await consistency.requiredFor('land')).toBe(0x2n);
    expect(await consistency.requiredFor('workforce')).toBeUndefined();
  });

  it('asks the store nothing for an anonymous caller, who cannot write', async () => {
    const store = memoryReadYourWritesStore(60_000);
    await store.remember('anonymous (anonymous)', positions({ projects: 0x30n }));
    const consistency = readConsistencyFor(ANONYMOUS, new Map(), store);
    expect(await consistency.requiredFor('projects')).toBeUndefined();
    expect(consistency.callerKey).toBeNull();
  });

  it('collects the positions the subgraphs report, ignoring a header that is not one', () => {
    const consistency = readConsistencyFor(EDITOR, new Map(), null);
    consistency.wrote('projects', '0/10');
    consistency.wrote('projects', '0/8');
    consistency.wrote('land', 'nonsense');
    expect(consistency.written).toEqual(positions({ projects: 0x10n }));
  });

  it('makes the operation\'s later fetches wait for its own earlier writes', async () => {
    const consistency = readConsistencyFor(EDITOR, positions({ projects: 0x8n }), null);
    expect(await consistency.requiredFor('projects')).toBe(0x8n);
    consistency.wrote('projects', '0/10');
    expect(await consistency.requiredFor('projects')).toBe(0x10n);
  });
});

describe('the Redis store (127.0.0.1:6379)', () => {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

  it('is shared by two gateways, keeps the later position whichever wrote last, and forgets after the window', async () => {
    const prefix = `azg:test:${randomUUID()}:`;
    const [sharedOne, sharedOther] = [connectSharedState({ url, prefix }), connectSharedState({ url, prefix })];
    const one = redisReadYourWritesStore(sharedOne, 400);
    const other = redisReadYourWritesStore(sharedOther, 400);
    try {
      await Promise.all([sharedOne.ready(5_000), sharedOther.ready(5_000)]);
      await one.remember('a', positions({ projects: (1n << 32n) | 0x10n }));
      await other.remember('a', positions({ projects: 0xFFFFn, land: 0x3n }));
      expect(await other.recall('a')).toEqual(positions({ projects: (1n << 32n) | 0x10n, land: 0x3n }));
      expect((await one.recall('b')).size).toBe(0);
      // Within the window's own expiry by Redis: polled, since Redis expires on its own clock.
      for (let tries = 0; (await one.recall('a')).size > 0; tries += 1) {
        if (tries > 50) throw new Error('the caller\'s positions outlived the window');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await sharedOne.close();
      await sharedOther.close();
    }
  });

  it('costs only the guarantee, never the request, when Redis does not answer', async () => {
    const shared = connectSharedState({ url: 'redis://127.0.0.1:1', prefix: 'azg:test:' });
    try {
      const consistency = readConsistencyFor(EDITOR, positions({ projects: 0x5n }), redisReadYourWritesStore(shared, 1_000));
      expect(await consistency.requiredFor('projects')).toBe(0x5n);
    } finally {
      await shared.close();
    }
  });
});
