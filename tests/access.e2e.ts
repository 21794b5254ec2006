import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import { IDENTITY_HEADER } from '@azg/core/identity';
import { GATEWAY_ENTRY_POINT, serviceEntryPoint } from '@azg/scripts/repository';
import { SUBGRAPH_NAMES } from '@azg/core/registry';
import { dataOf, postGraphQL, type GraphQLResult } from './support/graphql';
import { keys, runToEnd, withKey } from './support/keys';
import { sharedStack } from './support/shared-stack';
import { startStack, type Stack } from './support/stack';
import { gatewaySigned, postBody, postSigned } from './support/subgraph';

/**
 * Who may do what, end to end: API keys made with `npm run keys` and through the graph, bearer
 * JWTs, roles against the access subgraph's mutations, revocation and expiry, public reading
 * switched off, and the subgraphs refusing every request the gateway did not sign.
 */
const CREATE = `mutation Create($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id name role createdBy expiresAt revokedAt } } }`;
const REVOKE = 'mutation Revoke($id: ID!) { revokeApiKey(id: $id) { id revokedAt revokedBy } }';
const LIST = 'query List($all: Boolean!) { apiKeys(includeRevoked: $all) { id name role revokedAt lastUsedAt } }';
const AUDIT = 'query Audit { apiKeyAuditLog(first: 100) { at actor actorRole operation keyId before { id revokedAt } after { id name revokedAt revokedBy } } }';
const READ = '{ project(id: "valtherm-radiator-plant") { name company { name } } }';

interface Created { createApiKey: { key: string; apiKey: { id: string; name: string; role: string; createdBy: string; expiresAt: string | null; revokedAt: string | null } } }

const codesOf = (result: GraphQLResult<unknown>) => (result.body.errors ?? []).map((error) => error.extensions?.code);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('access through the gateway', () => {
  /** The shared stack: this file writes only API keys, which no other file's answers show (see shared-stack.ts). */
  const stack = sharedStack();
  let adminKey: string;
  let partnerKey: string;
  let editorKey: string;

  beforeAll(async () => {
    // The first admin key can only come from the command line: nobody can make one through the graph yet.
    const created = await keys(stack.databaseUrl, 'create', '--name', 'first admin', '--role', 'admin');
    expect(created.exit.code).toBe(0);
    adminKey = /^(azg_\S+)$/m.exec(created.stdout)![1]!;
    const make = async (name: string, role: string) =>
      dataOf(await stack.query<Created>(CREATE, { input: { name, role } }, withKey(adminKey))).createApiKey.key;
    partnerKey = await make('a partner', 'PARTNER');
    editorKey = await make('an editor', 'EDITOR');
  }, 240_000);

  it('npm run keys prints a key once, lists keys and revokes one; the database holds only a hash', async () => {
    const created = await keys(stack.databaseUrl, 'create', '--name', 'cli key', '--role', 'partner', '--expires', '2099-01-01T00:00:00Z');
    expect(created.exit.code).toBe(0);
    const key = /^(azg_\S+)$/m.exec(created.stdout)![1]!;
    const id = key.split('_')[1]!;
    expect(dataOf(await stack.query(READ, {}, withKey(key)))).toMatchObject({ project: { name: expect.any(String) } });

    const listed = await keys(stack.databaseUrl, 'list');
    expect(listed.stdout).toContain(`${id}  partner  "cli key"`);
    expect(listed.stdout).toContain('expires 2099-01-01T00:00:00.000Z');
    expect(listed.stdout).not.toContain(key);

    const database = new Client({ connectionString: stack.databaseUrl });
    await database.connect();
    try {
      const rows = await database.query('SELECT * FROM access.api_key');
      expect(JSON.stringify(rows.rows)).not.toContain(key.split('_').slice(2).join('_'));
    } finally {
      await database.end();
    }

    const revoked = await keys(stack.databaseUrl, 'revoke', id);
    expect(revoked.exit.code).toBe(0);
    expect(revoked.stdout).toMatch(/^Revoked .* by cli:/);
    expect((await keys(stack.databaseUrl, 'list')).stdout).not.toContain(id);
    expect((await keys(stack.databaseUrl, 'list', '--all')).stdout).toContain(id);
    const bad = await keys(stack.databaseUrl, 'create', '--name', 'x', '--role', 'root');
    expect(bad.exit.code).toBe(2);
    expect(bad.stderr).toContain('--role partner, editor or admin');
  }, 120_000);

  describe('each role against key management', () => {
    const callers: Array<[string, () => Record<string, string>, string | null]> = [
      ['anonymous', () => ({}), 'UNAUTHENTICATED'],
      ['partner', () => withKey(partnerKey), 'FORBIDDEN'],
      ['editor', () => withKey(editorKey), 'FORBIDDEN'],
      ['admin', () => withKey(adminKey), null],
    ];

    it.each(callers)('%s: createApiKey', async (_role, headers, refused) => {
      const result = await stack.query<Created>(CREATE, { input: { name: 'matrix', role: 'PARTNER' } }, headers());
      if (refused) {
        expect(codesOf(result)).toEqual([refused]);
        expect(result.body.data).toBeNull();
      } else {
        expect(dataOf(result).createApiKey.key).toMatch(/^azg_/);
      }
    });

    it.each(callers)('%s: revokeApiKey', async (_role, headers, refused) => {
      const victim = dataOf(await stack.query<Created>(CREATE, { input: { name: 'victim', role: 'PARTNER' } }, withKey(adminKey))).createApiKey.apiKey.id;
      const result = await stack.query<{ revokeApiKey: { id: string; revokedAt: string; revokedBy: string } }>(REVOKE, { id: victim }, headers());
      if (refused) {
        expect(codesOf(result)).toEqual([refused]);
      } else {
        expect(dataOf(result).revokeApiKey).toMatchObject({ id: victim, revokedBy: 'first admin', revokedAt: expect.any(String) });
      }
    });

    it.each(callers)('%s: apiKeys', async (_role, headers, refused) => {
      const result = await stack.query<{ apiKeys: Array<{ name: string }> }>(LIST, { all: false }, headers());
      if (refused) {
        expect(codesOf(result)).toEqual([refused]);
      } else {
        expect(dataOf(result).apiKeys.map((key) => key.name)).toEqual(expect.arrayContaining(['first admin', 'a partner', 'an editor']));
      }
    });

    it.each(callers)('%s: apiKeyAuditLog', async (_role, headers, refused) => {
      const result = await stack.query<{ apiKeyAuditLog: Array<{ operation: string }> }>(AUDIT, {}, headers());
      if (refused) {
        expect(codesOf(result)).toEqual([refused]);
      } else {
        expect(dataOf(result).apiKeyAuditLog.map((entry) => entry.operation)).toEqual(expect.arrayContaining(['createApiKey', 'revokeApiKey']));
      }
    });

    it('a refusal names the field and the role it needs', async () => {
      const result = await stack.query(LIST, { all: false }, withKey(partnerKey));
      expect(result.body.errors?.[0]?.message).toBe('Query.apiKeys needs the admin role; the caller has partner');
    });
  });

  it('refuses bad input naming the field, and an unknown id as NOT_FOUND', async () => {
    const admin = withKey(adminKey);
    const empty = await stack.query(CREATE, { input: { name: ' ', role: 'EDITOR' } }, admin);
    expect(empty.body.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([['BAD_USER_INPUT', 'input.name']]);
    const past = await stack.query(CREATE, { input: { name: 'late', role: 'EDITOR', expiresAt: '2020-01-01T00:00:00Z' } }, admin);
    expect(past.body.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([['BAD_USER_INPUT', 'input.expiresAt']]);
    expect(codesOf(await stack.query(CREATE, { input: { name: 'x', role: 'ROOT' } }, admin))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await stack.query(REVOKE, { id: 'not an id' }, admin))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await stack.query(REVOKE, { id: '0000000000000000' }, admin))).toEqual(['NOT_FOUND']);
  });

  it('refuses an unknown, malformed, revoked or expired key with 401, never reading on as anonymous', async () => {
    const unknown = await stack.query(READ, {}, withKey(`azg_0000000000000000_${'A'.repeat(43)}`));
    expect([unknown.status, codesOf(unknown)]).toEqual([401, ['UNAUTHENTICATED']]);
    expect(unknown.body.data).toBeUndefined();
    const malformed = await stack.query(READ, {}, { 'x-api-key': 'letmein' });
    expect([malformed.status, codesOf(malformed)]).toEqual([401, ['UNAUTHENTICATED']]);

    const { key, apiKey } = dataOf(await stack.query<Created>(CREATE, { input: { name: 'short-lived', role: 'EDITOR' } }, withKey(adminKey))).createApiKey;
    // Used once, so the gateway has it cached: revocation through the graph must still take effect at once.
    expect((await stack.query(READ, {}, { 'x-api-key': key })).status).toBe(200);
    dataOf(await stack.query(REVOKE, { id: apiKey.id }, withKey(adminKey)));
    const revoked = await stack.query(READ, {}, { 'x-api-key': key });
    expect([revoked.status, revoked.body.errors?.[0]?.message]).toEqual([401, 'The API key has been revoked']);

    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const expiring = dataOf(await stack.query<Created>(CREATE, { input: { name: 'expiring', role: 'PARTNER', expiresAt } }, withKey(adminKey))).createApiKey.key;
    expect((await stack.query(READ, {}, withKey(expiring))).status).toBe(200);
    await sleep(2_000);
    const expired = await stack.query(READ, {}, withKey(expiring));
    expect([expired.status, expired.body.errors?.[0]?.message]).toEqual([401, 'The API key has expired']);
  });

  it('accepts a bearer JWT signed with AZG_JWT_SECRET and refuses a bad or expired one with 401', async () => {
    const key = new TextEncoder().encode(stack.jwtSecret);
    const token = (claims: Record<string, unknown>, expires: string | number = '5m', signingKey = key) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(stack.jwtIssuer).setIssuedAt().setExpirationTime(expires).sign(signingKey);
    const admin = { authorization: `Bearer ${await token({ sub: 'ops@example.org', role: 'admin' })}` };
    expect(dataOf(await stack.query<{ apiKeys: unknown[] }>(LIST, { all: true }, admin)).apiKeys.length).toBeGreaterThan(0);
    const editor = { authorization: `Bearer ${await token({ sub: 'cms', role: 'editor' })}` };
    expect(codesOf(await stack.query(LIST, { all: true }, editor))).toEqual(['FORBIDDEN']);

    for (const bad of [
      await token({ sub: 'x', role: 'admin' }, Math.floor(Date.now() / 1000) - 10),
      await token({ sub: 'x', role: 'admin' }, '5m', new TextEncoder().encode('w'.repeat(64))),
      await new SignJWT({ sub: 'x', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('elsewhere').setExpirationTime('5m').sign(key),
    ]) {
      const result = await stack.query(READ, {}, { authorization: `Bearer ${bad}` });
      expect([result.status, codesOf(result)]).toEqual([401, ['UNAUTHENTICATED']]);
    }
  });

  it('audits key changes in an append-only log', async () => {
    const { apiKey } = dataOf(await stack.query<Created>(CREATE, { input: { name: 'audited', role: 'EDITOR' } }, withKey(adminKey))).createApiKey;
    dataOf(await stack.query(REVOKE, { id: apiKey.id }, withKey(adminKey)));
    const database = new Client({ connectionString: stack.databaseUrl });
    await database.connect();
    try {
      const { rows } = await database.query('SELECT actor, actor_role, operation, before, after FROM access.audit_log WHERE record_id = $1 ORDER BY id', [apiKey.id]);
      expect(rows.map((row) => [row.actor, row.actor_role, row.operation])).toEqual([
        ['first admin', 'admin', 'createApiKey'],
        ['first admin', 'admin', 'revokeApiKey'],
      ]);
      expect(rows[1].before).toMatchObject({ id: apiKey.id, revokedAt: null });
      expect(rows[1].after).toMatchObject({ id: apiKey.id, revokedBy: 'first admin' });
      expect(JSON.stringify(rows)).not.toMatch(/salt|secret/i);
      await expect(database.query('UPDATE access.audit_log SET actor = $1', ['someone else'])).rejects.toThrow('append-only');
      await expect(database.query('DELETE FROM access.audit_log WHERE record_id = $1', [apiKey.id])).rejects.toThrow('append-only');
      await expect(database.query('DELETE FROM access.audit_log')).rejects.toThrow('append-only');
    } finally {
      await database.end();
    }
    type Entry = { actor: string; actorRole: string; operation: string; keyId: string; before: { id: string; revokedAt: string | null } | null; after: { id: string; name: string; revokedAt: string | null; revokedBy: string | null } };
    const log = dataOf(await stack.query<{ apiKeyAuditLog: Entry[] }>(AUDIT, {}, withKey(adminKey))).apiKeyAuditLog;
    // Newest first: the revocation, then the creation.
    expect(log.filter((entry) => entry.keyId === apiKey.id)).toEqual([
      expect.objectContaining({ actor: 'first admin', actorRole: 'ADMIN', operation: 'revokeApiKey', before: { id: apiKey.id, revokedAt: null }, after: expect.objectContaining({ revokedBy: 'first admin' }) }),
      expect.objectContaining({ actor: 'first admin', actorRole: 'ADMIN', operation: 'createApiKey', before: null, after: expect.objectContaining({ name: 'audited', revokedAt: null }) }),
    ]);
    expect(codesOf(await stack.query('{ apiKeyAuditLog(first: 0) { at } }', {}, withKey(adminKey)))).toEqual(['BAD_USER_INPUT']);
  });

  it('logs each request with its caller, in the gateway and in every subgraph, and never the key', async () => {
    const { key } = dataOf(await stack.query<Created>(CREATE, { input: { name: 'logged partner', role: 'PARTNER' } }, withKey(adminKey))).createApiKey;
    dataOf(await stack.query('{ project(id: "valtherm-radiator-plant") { name company { name } landPlots { id } workforce { planned { value } } } }', {}, { 'x-api-key': key, 'x-request-id': 'logged-caller-1' }));
    const linesOf = (name: Parameters<Stack['logLines']>[0]) => stack.logLines(name).filter((line) => line.includes('"reqId":"logged-caller-1"') && line.includes('"msg":"request"'));
    // Each process writes the line as its answer goes out: wait for the last of them.
    const processes = ['gateway', ...SUBGRAPH_NAMES] as const;
    for (let attempt = 0; attempt < 100 && processes.some((name) => linesOf(name).length === 0); attempt += 1) await sleep(100);
    for (const name of processes) {
      expect([name, linesOf(name).map((line) => JSON.parse(line).caller)]).toEqual([name, ['logged partner (partner)']]);
    }
    const secretPart = key.split('_').slice(2).join('_');
    for (const name of processes) {
      expect(stack.logLines(name).filter((line) => line.includes(secretPart) || line.includes(adminKey.split('_').slice(2).join('_')))).toEqual([]);
    }
  });

  describe('a request sent to a subgraph directly', () => {
    const forgedSecret = randomBytes(32).toString('hex');
    const admin = { subject: 'mallory', role: 'admin', source: 'api-key' } as const;
    const operations = {
      '_service': '{ _service { sdl } }',
      '_entities': 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
      'a normal query': '{ __typename }',
    };
    /** An entity each subgraph resolves: companies knows no Project, the others all do. */
    const representation = (name: string) => (name === 'companies' ? { __typename: 'Company', id: 'valtherm' } : { __typename: 'Project', id: 'valtherm-radiator-plant' });
    const cases = SUBGRAPH_NAMES.flatMap((name) => Object.entries(operations).map(([label, query]) => [name, label, query] as const));

    it.each(cases)('%s refuses %s without a signature, with a forged one and with an altered one (401 UNAUTHENTICATED)', async (name, _label, query) => {
      const url = stack.subgraphUrls[name];
      const variables = query.includes('_entities') ? { r: [representation(name)] } : {};
      const body = JSON.stringify({ query, variables });
      const genuine = gatewaySigned(url, body, admin, stack.identitySecret)[IDENTITY_HEADER]!;
      const [version, payload, signature] = genuine.split('.');
      const altered = `${version}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'eve' })).toString('base64url')}.${signature}`;
      for (const headers of <Array<Record<string, string>>>[{}, gatewaySigned(url, body, admin, forgedSecret), { [IDENTITY_HEADER]: altered }, { [IDENTITY_HEADER]: 'garbage' }]) {
        const result = await postBody(url, body, headers);
        expect([result.status, codesOf(result), result.body.data]).toEqual([401, ['UNAUTHENTICATED'], undefined]);
      }
      // The control: the same request signed with the stack's secret is answered.
      const signed = await postBody(url, body, { [IDENTITY_HEADER]: genuine });
      expect(signed.status).toBe(200);
      expect(signed.body.errors).toBeUndefined();
    });

    it('leaves health, readiness and metrics open', async () => {
      for (const name of SUBGRAPH_NAMES) {
        for (const path of ['/healthz', '/readyz', '/metrics']) expect((await fetch(new URL(path, stack.subgraphUrls[name]))).status).toBe(200);
      }
    });
  });
});

describe('with public reading off', () => {
  // A private stack: AZG_PUBLIC_READ=false would refuse every other file's anonymous reads.
  let stack: Stack;
  let partnerKey: string;

  beforeAll(async () => {
    stack = await startStack({ env: { AZG_PUBLIC_READ: 'false' } });
    const created = await keys(stack.databaseUrl, 'create', '--name', 'partner', '--role', 'partner');
    partnerKey = /^(azg_\S+)$/m.exec(created.stdout)![1]!;
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('the gateway refuses anonymous callers with 401 and answers a partner', async () => {
    const anonymous = await stack.query(READ);
    expect([anonymous.status, codesOf(anonymous)]).toEqual([401, ['UNAUTHENTICATED']]);
    expect(dataOf(await stack.query(READ, {}, withKey(partnerKey)))).toMatchObject({ project: { company: { name: expect.any(String) } } });
  });

  it('every subgraph refuses a correctly signed anonymous identity too', async () => {
    const anonymous = { subject: 'anonymous', role: 'anonymous', source: 'anonymous' } as const;
    const partner = { subject: 'p', role: 'partner', source: 'api-key' } as const;
    for (const name of SUBGRAPH_NAMES) {
      const refused = await postSigned(stack.subgraphUrls[name], '{ __typename }', {}, anonymous, stack.identitySecret);
      expect([refused.status, codesOf(refused)]).toEqual([401, ['UNAUTHENTICATED']]);
      expect((await postSigned(stack.subgraphUrls[name], '{ __typename }', {}, partner, stack.identitySecret)).status).toBe(200);
    }
  });
});

describe('secrets in production', () => {
  const base = { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' };
  const secret = randomBytes(32).toString('hex');

  it.each([...SUBGRAPH_NAMES, 'gateway'] as const)('%s refuses to start without AZG_IDENTITY_SECRET, naming it', async (name) => {
    const script = name === 'gateway' ? GATEWAY_ENTRY_POINT : serviceEntryPoint(name);
    const { exit, stderr } = await runToEnd(`${name} without secrets`, script, [], base);
    expect(exit.code).toBe(1);
    expect(stderr).toContain('AZG_IDENTITY_SECRET is required');
  });

  it.each(SUBGRAPH_NAMES)('%s refuses to start without CURSOR_SECRET, naming it', async (name) => {
    const { exit, stderr } = await runToEnd(`${name} without a cursor secret`, serviceEntryPoint(name), [], { ...base, AZG_IDENTITY_SECRET: secret });
    expect(exit.code).toBe(1);
    expect(stderr).toContain('CURSOR_SECRET is required in production');
  });
});
