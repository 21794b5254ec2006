/**
 * Many gateways, one truth: two gateways (A, the stack's, and B, started beside it) over one
 * Redis (127.0.0.1:6379, under a key prefix of this run's own) share the response cache, the
 * rate limits, the published safelist and API key revocations; idempotency records live in the
 * subgraphs' databases and need no Redis. A third gateway (C), pointed at a port where no Redis
 * listens, still answers, with limits of its own. Two replicas of a subgraph on the same Redis
 * accept each signed request once between them. The shared Redis is never stopped: other
 * engineers' runs use it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { buildOperationManifest, printOperationManifest } from '@azg/gateway/operations';
import { exampleOperationFiles } from '@azg/scripts/operations';
import { scriptPath, serviceEntryPoint } from '@azg/scripts/repository';
import { ANONYMOUS, IDENTITY_HEADER, signIdentity } from '@azg/core/identity';
import { eventually } from './support/eventually';
import { dataOf, errorCodes, postGraphQL, type GraphQLResult } from './support/graphql';
import { createKey, runToEnd, withKey } from './support/keys';
import { startExtraProcess, type ExtraProcess } from './support/extra-process';
import { startStack, type Stack } from './support/stack';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `azg:test:many-gateways:${randomUUID()}:`;
/** One token every 10 s: a test spends a budget long before one comes back. */
const LIMITS = { RATE_LIMIT_ANONYMOUS: '4', RATE_LIMIT_KEYED: '1000', RATE_LIMIT_WINDOW_S: '40', TRUST_PROXY_HOPS: '1' };
/** What A and B share: everything through Redis; a verified key trusted for 10 minutes, so only an announcement can end it sooner. */
const SHARED = {
  REDIS_URL, REDIS_KEY_PREFIX: PREFIX, RESPONSE_CACHE: 'redis', SAFELIST: 'true', OPERATION_MANIFEST_SOURCE: 'redis',
  AZG_API_KEY_CACHE_TTL_MS: '600000', LOG_LEVEL: 'warn', ...LIMITS,
};

/** Both in the checked-in manifest (the safelist is on): anonymous callers may send only these. */
const VALTHERM = exampleOperationFiles().find((file) => file.fileName === 'Valtherm.graphql')!.body;
const ALMEREK = exampleOperationFiles().find((file) => file.fileName === 'AlmerekMedicalProducts.graphql')!.body;
/** In no manifest until the safelist test publishes one with it. */
const OUTSIDE = 'query OutsideTheFile { company(id: "almerek") { id name } }';
const UPDATE = 'mutation ($id: ID!, $version: Int!, $name: String!) { updateProject(id: $id, version: $version, input: { name: $name }) { name version } }';
const CREATE = 'mutation ($input: CreateProjectInput!, $key: String) { createProject(input: $input, idempotencyKey: $key) { id name version } }';
const REVOKE = 'mutation ($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';

let stack: Stack;
let b: ExtraProcess;
let editor: string;
let admin: string;
let visitors = 0;
const gatewayA = () => stack.gatewayUrl;

/** An anonymous client of an address of its own, as the load balancer (one trusted hop) reports it. */
function visitor(address = `198.51.100.${(visitors += 1)}`): Record<string, string> {
  return { 'x-forwarded-for': address };
}

/** POSTs and keeps the headers the tests read. */
async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GraphQLResult & { cache: string | null; retryAfter: string | null }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: await response.json() as GraphQLResult['body'], cache: response.headers.get('x-azg-cache'), retryAfter: response.headers.get('retry-after') };
}

/** The same operation over server-sent events (graphql-sse, distinct connections): its status and body. */
async function overSse(url: string, query: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(new URL('/graphql/stream', url), {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers }, body: JSON.stringify({ query }),
  });
  return { status: response.status, text: await response.text() };
}

async function publish(manifestText: string): Promise<void> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'azg-manifest-'));
  try {
    const file = path.join(directory, 'manifest.json');
    writeFileSync(file, manifestText);
    const run = await runToEnd('operations publish', scriptPath('operations.js'), ['publish'], {
      PATH: process.env.PATH, REDIS_URL, REDIS_KEY_PREFIX: PREFIX, OPERATION_MANIFEST_PATH: file,
    });
    if (run.exit.code !== 0) throw new Error(`operations publish failed: ${run.stderr}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function projectVersion(id: string): Promise<number> {
  return dataOf(await stack.query<{ project: { version: number } }>('query ($id: ID!) { project(id: $id) { version } }', { id }, withKey(editor))).project.version;
}

beforeAll(async () => {
  // Cached answers live a minute: only an invalidation can make a second read a miss.
  stack = await startStack({ env: { CACHE_MAX_AGE_S: '60' }, gatewayEnv: SHARED });
  b = await startExtraProcess(stack, { name: 'gateway-b', env: SHARED });
  editor = await createKey(stack.databaseUrl, 'many-gateways editor', 'editor');
  admin = await createKey(stack.databaseUrl, 'many-gateways admin', 'admin');
}, 240_000);

afterAll(async () => {
  await b?.process.stop();
  await stack?.stop();
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}, 60_000);

describe('the response cache, shared', () => {
  it.each([
    ['through A, read through B', 'valtherm-radiator-plant', VALTHERM, () => gatewayA(), () => b.url],
    ['through B, read through A', 'almerek-medical-products-plant', ALMEREK, () => b.url, () => gatewayA()],
  ])('a write %s: the cached answer goes at once and the next one says the new name', async (_direction, projectId, query, writer, reader) => {
    await post(reader(), query, {}, visitor());
    expect((await post(reader(), query, {}, visitor())).cache).toBe('hit');

    const name = `Renamed through another gateway ${randomUUID().slice(0, 8)}`;
    const written = await post(writer(), UPDATE, { id: projectId, version: await projectVersion(projectId), name }, withKey(editor));
    expect(dataOf(written)).toMatchObject({ updateProject: { name } });

    const after = await post(reader(), query, {}, visitor());
    expect(after.cache).toBe('miss');
    expect(JSON.stringify(dataOf(after))).toContain(name);
  });
});

describe('rate limits, one budget for all gateways', () => {
  it('spent half through A and half through B, refuses the next request on either; another caller is not touched; the budget comes back', async () => {
    const spender = visitor();
    const answers = [];
    for (const url of [gatewayA(), b.url, gatewayA(), b.url]) answers.push((await post(url, ALMEREK, {}, spender)).status);
    expect(answers).toEqual([200, 200, 200, 200]);

    for (const url of [gatewayA(), b.url]) {
      const refused = await post(url, ALMEREK, {}, spender);
      expect(refused.status).toBe(429);
      expect(errorCodes(refused.body)).toEqual(['RATE_LIMITED']);
      const retryAfter = refused.body.errors![0]!.extensions!.retryAfterSeconds as number;
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(10);
      expect(refused.retryAfter).toBe(String(retryAfter));
    }
    // Operations started over server-sent events (subscriptions) spend the same budget.
    const sse = await overSse(b.url, ALMEREK, spender);
    expect(sse.status).toBe(429);
    expect(JSON.parse(sse.text)).toEqual({ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) })] });
    expect((await post(b.url, ALMEREK, {}, visitor())).status).toBe(200);

    // A token comes back within its 10 s, on either gateway.
    await eventually(async () => expect((await post(b.url, ALMEREK, {}, spender)).status).toBe(200), 15_000, 1_000);
  }, 30_000);
});

describe('the safelist, published once for all gateways', () => {
  const onBoth = () => Promise.all([gatewayA(), b.url].map((url) => post(url, OUTSIDE, {}, visitor())));

  it('refuses an operation outside the file on both, runs it on both once published, refuses it again once republished without it', async () => {
    for (const answer of await onBoth()) expect(errorCodes(answer.body)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
    expect(await overSse(b.url, OUTSIDE, visitor())).toMatchObject({ status: 400, text: expect.stringContaining('PERSISTED_QUERY_NOT_ALLOWED') });

    const files = exampleOperationFiles();
    await publish(printOperationManifest(buildOperationManifest([...files, { fileName: 'OutsideTheFile.graphql', body: OUTSIDE }])));
    // Announced over pub/sub: no restart, and no wait longer than a message's hop.
    await eventually(async () => {
      for (const answer of await onBoth()) expect(dataOf(answer)).toEqual({ company: { id: 'almerek', name: expect.any(String) } });
    }, 5_000);
    // Subscriptions' transports judge by the same manifest in force.
    expect(await overSse(b.url, OUTSIDE, visitor())).toMatchObject({ status: 200, text: expect.stringContaining('"almerek"') });

    await publish(printOperationManifest(buildOperationManifest(files)));
    await eventually(async () => {
      for (const answer of await onBoth()) expect(errorCodes(answer.body)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
    }, 5_000);
  });

  it('refuses a publication that is not a manifest, and the one in force stays', async () => {
    const broken = JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'not-its-hash', name: 'OutsideTheFile', type: 'query', body: OUTSIDE }] });
    await expect(publish(broken)).rejects.toThrow(/not the SHA-256 of its body/);
    expect(dataOf(await post(b.url, ALMEREK, {}, visitor()))).toMatchObject({ project: { name: expect.any(String) } });
  });
});

describe('API key revocation', () => {
  it('through A is refused on B at once, though B trusts a verified key for ten minutes', async () => {
    const created = dataOf(await post(gatewayA(), 'mutation { createApiKey(input: { name: "revoked across gateways", role: PARTNER }) { key apiKey { id } } }', {}, withKey(admin))) as {
      createApiKey: { key: string; apiKey: { id: string } };
    };
    const partner = withKey(created.createApiKey.key);
    // B has now read and cached the key.
    expect((await post(b.url, OUTSIDE, {}, partner)).status).toBe(200);

    dataOf(await post(gatewayA(), REVOKE, { id: created.createApiKey.apiKey.id }, withKey(admin)));
    await eventually(async () => {
      const refused = await post(b.url, OUTSIDE, {}, partner);
      expect(refused.status).toBe(401);
      expect(errorCodes(refused.body)).toEqual(['UNAUTHENTICATED']);
    }, 5_000);
  });
});

describe('idempotency records', () => {
  it('the same key through both gateways at once writes once, and both answers are that write', async () => {
    const key = `many-gateways-${randomUUID()}`;
    const input = { name: `Plant created once through two gateways ${key.slice(-8)}`, companyId: 'valtherm' };
    const [throughA, throughB] = await Promise.all([gatewayA(), b.url].map((url) => post(url, CREATE, { input, key }, withKey(editor))));
    expect(dataOf(throughB!)).toEqual(dataOf(throughA!));
    const database = new Client({ connectionString: stack.databaseUrl });
    await database.connect();
    try {
      const { rows } = await database.query('SELECT count(*)::int AS writes FROM projects.audit_log WHERE idempotency_key = $1', [key]);
      expect(rows).toEqual([{ writes: 1 }]);
    } finally {
      await database.end();
    }
  });
});

describe('a gateway whose Redis does not answer', () => {
  let c: ExtraProcess;
  beforeAll(async () => {
    // Port 1: nothing listens there. The safelist falls back to the file, the limits to this process.
    c = await startExtraProcess(stack, { name: 'gateway-c', env: { ...SHARED, REDIS_URL: 'redis://127.0.0.1:1' } });
  }, 120_000);
  afterAll(async () => {
    await c?.process.stop();
  });

  it('still answers, with the file\'s safelist, and counts each caller in its own process', async () => {
    const caller = visitor();
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await post(c.url, ALMEREK, {}, caller)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    // The same caller's budget in Redis was never touched.
    expect((await post(gatewayA(), ALMEREK, {}, caller)).status).toBe(200);
    expect(errorCodes((await post(c.url, OUTSIDE, {}, visitor())).body)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
    // Writes and keyed reads need no Redis either.
    expect((await post(c.url, OUTSIDE, {}, withKey(editor))).status).toBe(200);
    const metrics = await (await fetch(new URL('/metrics', c.url))).text();
    expect(metrics).toMatch(/^azg_redis_up\{[^}]*connection="commands"[^}]*\} 0$/m);
  });
});

describe('replicas of a subgraph sharing Redis', () => {
  let replicas: ExtraProcess[] = [];
  beforeAll(async () => {
    // Two more companies processes over the stack's database, as a load balancer would spread them.
    const env = { REDIS_URL, REDIS_KEY_PREFIX: PREFIX, LOG_LEVEL: 'warn' };
    replicas = await Promise.all(['companies-2', 'companies-3'].map((name) => startExtraProcess(stack, { name, script: serviceEntryPoint('companies'), env })));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.process.stop()));
  });

  it('accept a request the gateway signed once between them: a captured copy replayed to the other replica is refused', async () => {
    const body = JSON.stringify({ query: '{ company(id: "valtherm") { id } }' });
    const captured = {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: signIdentity({ identity: ANONYMOUS, requestId: 'many-gateways-replay', method: 'POST', target: '/', body }, stack.identitySecret),
    };
    const send = async (url: string) => {
      const response = await fetch(url, { method: 'POST', headers: captured, body });
      return { status: response.status, body: await response.json() as GraphQLResult['body'] };
    };
    const first = await send(replicas[0]!.url);
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({ company: { id: 'valtherm' } });
    const replayed = await send(replicas[1]!.url);
    expect(replayed.status).toBe(401);
    expect(errorCodes(replayed.body)).toEqual(['UNAUTHENTICATED']);
    // The stack's own companies process shares no Redis: there the same copy still gets in, which is the hole the shared nonces close.
    expect((await send(stack.subgraphUrls.companies)).status).toBe(200);
  });
});
