import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ANONYMOUS } from '@azg/core/identity';
import type { Logger } from '@azg/core/observability';
import { buildSchema, parse } from 'graphql';
import {
  buildOperationManifest, loadManifestFor, PERSISTED_QUERY_NOT_ALLOWED, persistedOperationsPlugin, printOperationManifest,
  readOperationManifest, readPersistedOperationsConfig, safelistRefusal, sha256, type OperationManifest,
} from './persisted-operations';
import { examplesOf } from './playground/examples';
import { testRedis } from '../../tests/support/redis';
import { followPublishedManifest, publishOperationManifest } from './shared-state';

const schema = buildSchema('type Query { hello(name: String): String, secret: String }');
const rootValue = { hello: ({ name }: { name?: string }) => `hello ${name ?? 'world'}`, secret: () => 'leaked' };
const HELLO = '# Who says hello?\n#\n# A greeting, for the tests.\nquery Hello($name: String) {\n  hello(name: $name)\n}\n';
const manifest = buildOperationManifest([{ fileName: 'Hello.graphql', body: HELLO }]);

async function post(server: ApolloServer, body: Record<string, unknown>, context: Record<string, unknown> = {}) {
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body },
    context: async () => context,
  });
  const text = result.body.kind === 'complete' ? result.body.string : '';
  return { status: result.status ?? 200, body: JSON.parse(text) as { data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> } };
}

async function serverWith(safelist: boolean): Promise<ApolloServer> {
  const server = new ApolloServer({ schema, rootValue, plugins: [persistedOperationsPlugin(manifest, { safelist })] });
  await server.start();
  return server;
}

describe('the operation manifest', () => {
  it('names each operation by the SHA-256 of its exact text', () => {
    expect(manifest).toEqual({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: sha256(HELLO), name: 'Hello', type: 'query', body: HELLO }],
    });
  });

  it('refuses files that are not one named operation, and two files with one name', () => {
    expect(() => buildOperationManifest([{ fileName: 'a.graphql', body: '{ hello }' }])).toThrow('a.graphql: the operation must be named');
    expect(() => buildOperationManifest([{ fileName: 'b.graphql', body: 'query A { hello } query B { hello }' }])).toThrow('exactly one operation');
    expect(() => buildOperationManifest([{ fileName: 'c.graphql', body: 'query {' }])).toThrow('c.graphql is not a GraphQL document');
    expect(() => buildOperationManifest([{ fileName: 'd.graphql', body: HELLO }, { fileName: 'e.graphql', body: HELLO }])).toThrow('two files define the operation Hello');
  });

  it('reads back what it printed, and refuses a manifest whose id does not match its body', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'azg-manifest-'));
    const good = path.join(directory, 'good.json');
    writeFileSync(good, printOperationManifest(manifest));
    expect(readOperationManifest(good)).toEqual(manifest);
    const tampered: OperationManifest = { ...manifest, operations: [{ ...manifest.operations[0]!, body: '{ secret }' }] };
    const bad = path.join(directory, 'bad.json');
    writeFileSync(bad, JSON.stringify(tampered));
    expect(() => readOperationManifest(bad)).toThrow('not the SHA-256 of its body');
    rmSync(directory, { recursive: true, force: true });
  });

  it('is required in safelist mode only', () => {
    const missing = readPersistedOperationsConfig({ OPERATION_MANIFEST_PATH: '/nonexistent/manifest.json', SAFELIST: 'true' });
    expect(() => loadManifestFor(missing)).toThrow('SAFELIST is on but the operation manifest /nonexistent/manifest.json does not exist');
    expect(loadManifestFor({ ...missing, safelist: false })).toBeNull();
    expect(() => readPersistedOperationsConfig({ SAFELIST: 'maybe' })).toThrow('SAFELIST must be true or false');
  });

  it('comes from the file by default, or from Redis, which needs REDIS_URL', () => {
    expect(readPersistedOperationsConfig({}).source).toBe('file');
    expect(readPersistedOperationsConfig({ OPERATION_MANIFEST_SOURCE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' }).source).toBe('redis');
    expect(() => readPersistedOperationsConfig({ OPERATION_MANIFEST_SOURCE: 'redis' })).toThrow('OPERATION_MANIFEST_SOURCE=redis needs REDIS_URL');
    expect(() => readPersistedOperationsConfig({ OPERATION_MANIFEST_SOURCE: 'disk' })).toThrow('OPERATION_MANIFEST_SOURCE must be file or redis');
  });

  it('gives the playground each example with its question and description', () => {
    expect(examplesOf(manifest)).toEqual([{ name: 'Hello', title: 'Who says hello?', description: 'A greeting, for the tests.', body: HELLO }]);
  });
});

describe('the persisted operations plugin', () => {
  it('runs a manifest operation named by its hash alone, and anything else while the safelist is off', async () => {
    const server = await serverWith(false);
    const byHash = await post(server, { variables: { name: 'Almaty' }, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(HELLO) } } });
    expect(byHash).toEqual({ status: 200, body: { data: { hello: 'hello Almaty' } } });
    expect((await post(server, { query: '{ secret }' })).body).toEqual({ data: { secret: 'leaked' } });
    await server.stop();
  });

  it('in safelist mode runs manifest operations by hash or text, however spaced, and refuses the rest with 400', async () => {
    const server = await serverWith(true);
    expect((await post(server, { query: HELLO })).body).toEqual({ data: { hello: 'hello world' } });
    expect((await post(server, { query: 'query Hello($name:String){hello(name:$name)}', variables: { name: 'x' } })).body).toEqual({ data: { hello: 'hello x' } });
    for (const refused of [
      { query: '{ secret }' },
      { query: 'query Hello($name: String) { hello(name: $name) secret }' },
      { query: '{ nonsense' },
      { query: '{ __schema { types { name } } }' },
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ secret }') } } },
      { query: '{ secret }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ secret }') } } },
    ]) {
      const result = await post(server, refused);
      expect(result.status).toBe(400);
      expect(result.body.data).toBeUndefined();
      expect(result.body.errors?.map((error) => error.extensions?.code)).toEqual([PERSISTED_QUERY_NOT_ALLOWED]);
    }
    await server.stop();
  });

  it('in safelist mode binds anonymous callers only: a caller with a key or token may send any operation', async () => {
    const server = await serverWith(true);
    const as = (role: string) => ({ identity: { subject: role, role, source: 'api-key' } });
    expect((await post(server, { query: '{ secret }' }, as('anonymous'))).status).toBe(400);
    for (const role of ['partner', 'editor', 'admin']) {
      expect((await post(server, { query: '{ secret }' }, as(role))).body).toEqual({ data: { secret: 'leaked' } });
    }
    await server.stop();
  });
});

describe('a manifest that changes while the gateway runs', () => {
  const SECRET = 'query Secret { secret }\n';
  const wider = buildOperationManifest([{ fileName: 'Hello.graphql', body: HELLO }, { fileName: 'Secret.graphql', body: SECRET }]);

  it('judges each request, HTTP or subscription, by the manifest in force when it starts', async () => {
    let current = manifest;
    const server = new ApolloServer({ schema, rootValue, plugins: [persistedOperationsPlugin(() => current, { safelist: true })] });
    await server.start();
    const refusal = safelistRefusal(() => current);
    try {
      expect((await post(server, { query: SECRET })).status).toBe(400);
      expect(refusal(parse(SECRET), ANONYMOUS)?.extensions.code).toBe(PERSISTED_QUERY_NOT_ALLOWED);
      current = wider;
      expect((await post(server, { query: SECRET })).body).toEqual({ data: { secret: 'leaked' } });
      expect((await post(server, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(SECRET) } } })).body).toEqual({ data: { secret: 'leaked' } });
      expect(refusal(parse(SECRET), ANONYMOUS)).toBeNull();
      current = manifest;
      expect((await post(server, { query: SECRET })).status).toBe(400);
    } finally {
      await server.stop();
    }
  });

  describe('published to Redis (127.0.0.1:6379)', () => {
    const redis = testRedis();
    const { url, prefix, open } = redis;
    /** Waits for what pub/sub delivers a moment after the publication. */
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 50 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    };

    afterAll(async () => {
      await redis.cleanUp();
    });

    it('starts from the file while nothing is published, then follows each publication, the newest winning', async () => {
      const followed = await followPublishedManifest(open(), manifest);
      expect([followed.current(), followed.version()]).toEqual([manifest, 0]);
      expect(await publishOperationManifest(url, prefix, wider)).toBe(1);
      await until(() => followed.version() === 1);
      expect(followed.current()).toEqual(wider);
      expect(await publishOperationManifest(url, prefix, manifest)).toBe(2);
      await until(() => followed.version() === 2);
      expect(followed.current()).toEqual(manifest);
      // A gateway started now serves the last publication, not its file.
      expect((await followPublishedManifest(open(), wider)).current()).toEqual(manifest);
    });

    it('keeps the manifest in force when what is published is not a manifest', async () => {
      const refusals: string[] = [];
      const logger = { info() {}, warn() {}, error: (_fields: unknown, message: string) => refusals.push(message) } as unknown as Logger;
      const shared = open();
      const followed = await followPublishedManifest(shared, manifest, { logger });
      const version = followed.version();
      const tampered = { ...wider, operations: [{ ...wider.operations[1]!, body: '{ hello }' }] };
      await expect(publishOperationManifest(url, prefix, tampered)).rejects.toThrow('not the SHA-256 of its body');
      // Written past the publisher's check, as a careless hand might.
      await shared.commands.hset(`${prefix}operations:manifest`, 'version', String(version + 1), 'manifest', JSON.stringify(tampered));
      await shared.commands.publish(`${prefix}operations:published`, String(version + 1));
      await until(() => refusals.length > 0);
      expect(refusals).toEqual(['the published operation manifest is not valid; the one in force stays']);
      expect(followed.version()).toBe(version);
      expect(followed.current()).toEqual(manifest);
    });

    it('serves the file when Redis does not answer at start', async () => {
      const followed = await followPublishedManifest(open('redis://127.0.0.1:1'), manifest, { startTimeoutMs: 300 });
      expect([followed.current(), followed.version()]).toEqual([manifest, 0]);
    });
  });
});
