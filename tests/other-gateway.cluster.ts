import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { REPOSITORY_ROOT } from '@azg/scripts/repository';
import { postGraphQL, type GraphQLBody, type GraphQLResult } from './support/graphql';
import { requireHiveGateway, startHiveGateway, type HiveGateway } from './support/hive-gateway';
import { startStack, type Stack } from './support/stack';

/**
 * The same checked-in supergraph served by another gateway (docker/hive-gateway): Hive Gateway
 * under Node 22 in front of the same four subgraphs answers every query of the operation manifest
 * as our gateway does, applies the limits it is configured with, and is let in by the subgraphs
 * only because it signs each fetch with their secret. A caller with a bearer JWT reads and writes
 * through it.
 */

interface ManifestOperation {
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

const MANIFEST = JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, 'schema', 'operations', 'manifest.json'), 'utf8')) as { operations: ManifestOperation[] };
/** Whether an operation asks for part of its answer later: our gateway's feature alone (README.md there). */
const defers = (operation: ManifestOperation) => /@defer\b/.test(operation.body);
/** Every query of the manifest without `@defer`. Each one's variables have defaults, so none needs any. */
const QUERIES = MANIFEST.operations.filter((operation) => operation.type === 'query' && !defers(operation));
const DEFERRING = MANIFEST.operations.filter((operation) => operation.type === 'query' && defers(operation));

const JWT_SECRET = randomBytes(32).toString('hex');

/** What two answers are compared by: the data whole, and each error by its code and path. */
function comparable(body: GraphQLBody) {
  return {
    data: body.data ?? null,
    errors: (body.errors ?? []).map((error) => ({ code: error.extensions?.code ?? null, path: error.path ?? null })),
  };
}

/** A query nested `levels` times through company → projects → nodes → company (three fields a level). */
function nestedQuery(levels: number): string {
  let inner = 'name';
  for (let level = 0; level < levels; level += 1) inner = `company { projects(first: 1) { nodes { ${inner} } } }`;
  return `{ project(id: "valtherm-radiator-plant") { ${inner} } }`;
}

const VALTHERM = 'project(id: "valtherm-radiator-plant")';
const repeat = (count: number, make: (index: number) => string) => Array.from({ length: count }, (_, index) => make(index)).join(' ');
/** Each operation limit with a query over its default and one within it. */
const LIMITED: Array<[variable: string, limit: string, over: string, within: string]> = [
  ['DEPTH (10)', 'depth', nestedQuery(5), nestedQuery(2)],
  ['ALIASES (15)', 'aliases', `{ ${VALTHERM} { ${repeat(16, (index) => `a${index}: name`)} } }`, `{ ${VALTHERM} { ${repeat(5, (index) => `a${index}: name`)} } }`],
  ['ROOT_FIELDS (10)', 'rootFields', `{ ${repeat(11, () => '__typename')} }`, `{ ${repeat(3, () => '__typename')} ${VALTHERM} { name } }`],
  ['DIRECTIVES (20)', 'directives', `{ ${VALTHERM} { ${repeat(21, () => 'name @include(if: true)')} } }`, `{ ${VALTHERM} { ${repeat(3, () => 'name @include(if: true)')} } }`],
  ['COST (50000)', 'cost', '{ projects(first: 100) { nodes { company { projects(first: 100) { nodes { name company { name } } } } } } }',
    '{ projects(first: 2) { nodes { company { projects(first: 2) { nodes { name company { name } } } } } } }'],
];

async function token(claims: Record<string, unknown>, secret = JWT_SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(secret));
}

/** POSTs a raw body, for requests postGraphQL would not send. */
async function postRaw(url: string, body: string): Promise<GraphQLResult> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(30_000) });
  return { status: response.status, body: JSON.parse(await response.text()) as GraphQLBody };
}

describe('the checked-in supergraph on Hive Gateway (docker/hive-gateway)', () => {
  let stack: Stack;
  let hive: HiveGateway;

  beforeAll(async () => {
    // Before the stack: without Hive Gateway there is nothing to compare it with.
    requireHiveGateway();
    stack = await startStack({ gatewayEnv: { AZG_JWT_SECRET: JWT_SECRET } });
    // Production, as deployed: masked errors, no field suggestions, no introspection.
    hive = await startHiveGateway(stack.subgraphUrls, { NODE_ENV: 'production', AZG_IDENTITY_SECRET: stack.identitySecret, AZG_JWT_SECRET: JWT_SECRET });
  }, 240_000);

  afterAll(async () => {
    await hive?.stop();
    await stack?.stop();
  });

  it('has every query of the manifest to compare', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(QUERIES.map((operation) => [operation.name, operation] as const))('answers %s as our gateway does', async (_name, operation) => {
    const [ours, theirs] = await Promise.all([stack.gatewayUrl, hive.url].map((url) => postGraphQL(url, operation.body)));
    expect(ours.status).toBe(200);
    // A query that answers nothing would compare equal while proving nothing.
    expect(Object.values(ours.body.data ?? {}).some((value) => value !== null)).toBe(true);
    expect(comparable(theirs.body)).toEqual(comparable(ours.body));
    expect(theirs.status).toBe(ours.status);
  });

  it('refuses a query with @defer, which our gateway alone serves', async () => {
    expect(DEFERRING.length).toBeGreaterThan(0);
    for (const operation of DEFERRING) {
      expect((await stack.query(operation.body)).body.errors).toBeUndefined();
      const refused = await postGraphQL(hive.url, operation.body);
      expect([operation.name, refused.body.errors?.[0]?.extensions?.code]).toEqual([operation.name, 'GRAPHQL_VALIDATION_FAILED']);
    }
  });

  it('passes Accept-Language on to every subgraph: names asked for in Russian and in English come as our gateway gives them', async () => {
    // Names answered by the companies, projects and workforce subgraphs, each in the language the request asks for.
    const names = `{
      company(id: "kaz-dia-test") { nameIn { text language requested } projects { nodes { nameIn { text language requested } } } }
      project(id: "valtherm-radiator-plant") { nameIn { text language requested } trainingInstitutions { nameIn { text language requested } } }
    }`;
    const answers = await Promise.all(['ru', 'en'].flatMap((language) => [stack.gatewayUrl, hive.url].map((url) => postGraphQL(url, names, {}, { 'accept-language': language }))));
    const [oursRu, hiveRu, oursEn, hiveEn] = answers.map((answer) => comparable(answer.body));
    expect(oursRu!.errors).toEqual([]);
    expect(hiveRu).toEqual(oursRu);
    expect(hiveEn).toEqual(oursEn);
    // The language made a difference, or the comparison above proved nothing about passing it on.
    expect(JSON.stringify(oursRu!.data)).toContain('"requested":"RU"');
    expect(JSON.stringify(oursEn!.data)).not.toContain('"requested":"RU"');
  });

  it.each(LIMITED)('refuses an operation over LIMIT_MAX_%s as our gateway does, and answers one within it', async (_variable, limit, over, within) => {
    const [ours, theirs] = await Promise.all([stack.gatewayUrl, hive.url].map((url) => postGraphQL(url, over)));
    // serviceName would name a subgraph that refused it: the gateway must refuse before any fetch.
    const refusal = (body: GraphQLBody) => ({
      data: body.data ?? null,
      errors: body.errors?.map((error) => ({ code: error.extensions?.code, limit: error.extensions?.limit, serviceName: error.extensions?.serviceName })),
    });
    expect(refusal(ours.body)).toEqual({ data: null, errors: [{ code: 'OPERATION_LIMIT_EXCEEDED', limit }] });
    expect(refusal(theirs.body)).toEqual(refusal(ours.body));

    const [oursWithin, theirsWithin] = await Promise.all([stack.gatewayUrl, hive.url].map((url) => postGraphQL(url, within)));
    expect(oursWithin.body.errors).toBeUndefined();
    expect(comparable(theirsWithin.body)).toEqual(comparable(oursWithin.body));
  });

  it('refuses a document of more than LIMIT_MAX_TOKENS (1000) tokens, and answers a short one', async () => {
    const long = await postGraphQL(hive.url, `{ ${'__typename '.repeat(1100)}}`);
    expect(long.body.data ?? null).toBeNull();
    expect(long.body.errors?.[0]?.message).toMatch(/token/i);
    expect((await stack.query(`{ ${'__typename '.repeat(1100)}}`)).body.errors?.[0]?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');

    const short = await postGraphQL(hive.url, `{ ${'__typename '.repeat(5)}}`);
    expect(short.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a body larger than MAX_BODY_BYTES (100 kB) with 413, and takes one just under it', async () => {
    const padded = (bytes: number) => {
      const empty = JSON.stringify({ query: '{ __typename }', variables: { padding: '' } });
      return JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(bytes - empty.length) } });
    };
    const large = await postRaw(hive.url, padded(100_001));
    expect(large.status).toBe(413);
    expect(large.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await postRaw(stack.gatewayUrl, padded(100_001))).status).toBe(413);

    const fits = await postRaw(hive.url, padded(99_000));
    expect(fits.status).toBe(200);
    expect(fits.body.data).toEqual({ __typename: 'Query' });
  });

  it('is refused by every subgraph when it signs with another secret: signing is what lets it in', async () => {
    const stranger = await startHiveGateway(stack.subgraphUrls, { NODE_ENV: 'production', AZG_IDENTITY_SECRET: randomBytes(32).toString('hex') });
    try {
      // One root field of each subgraph.
      const bySubgraph = {
        projects: '{ sourceDocuments { id } }',
        companies: '{ companies(first: 1) { totalCount } }',
        land: '{ industrialZones { name } }',
        workforce: '{ trainingInstitutions { name } }',
      };
      for (const [subgraph, query] of Object.entries(bySubgraph)) {
        // The same query through the rightly configured Hive Gateway answers: the query is not the problem.
        const signed = await postGraphQL(hive.url, query);
        expect([subgraph, signed.body.errors]).toEqual([subgraph, undefined]);

        // Refused by that very subgraph, which says so (its own log says why: the signature does not match).
        const refused = await postGraphQL(stranger.url, query);
        expect(refused.body.data ?? null).toBeNull();
        expect(refused.body.errors?.map((error) => error.extensions)).toEqual([{ code: 'UNAUTHENTICATED', serviceName: subgraph }]);
      }
    } finally {
      await stranger.stop();
    }
  });

  it('in production answers no introspection and suggests no field name', async () => {
    const introspection = await postGraphQL(hive.url, '{ __schema { queryType { name } } }');
    expect(introspection.body.data ?? null).toBeNull();
    expect(introspection.body.errors?.length).toBeGreaterThan(0);
    const misspelt = await postGraphQL(hive.url, '{ projekt(id: "valtherm-radiator-plant") { name } }');
    expect(misspelt.body.errors?.[0]?.message).toMatch(/projekt/);
    expect(misspelt.body.errors?.map((error) => error.message).join(' ')).not.toMatch(/did you mean/i);
    // Our gateway outside production does suggest, so the check above can fail.
    expect((await stack.query('{ projekt(id: "valtherm-radiator-plant") { name } }')).body.errors?.[0]?.message).toMatch(/did you mean/i);
  });

  it('serves no subscription: it forwards each to its subgraph, which refuses it (our gateway serves them)', async () => {
    const subscriptions = MANIFEST.operations.filter((operation) => operation.type === 'subscription');
    expect(subscriptions.length).toBeGreaterThan(0);
    for (const operation of subscriptions) {
      // Hive asks the subgraph for an event stream by GET, which the subgraph's CSRF prevention
      // refuses before its resolver could say SUBSCRIPTION_AT_GATEWAY: refused either way.
      const refused = await postGraphQL(hive.url, operation.body);
      expect(refused.body.data ?? null).toBeNull();
      expect(refused.body.errors?.map((error) => [operation.name, error.extensions?.serviceName !== undefined])).toEqual([[operation.name, true]]);
    }
  });

  describe('callers with a bearer JWT (AZG_JWT_SECRET)', () => {
    it('reads as an editor, and writes as one: the write is there through our gateway too', async () => {
      const editor = { authorization: `Bearer ${await token({ sub: 'hive-editor', role: 'editor' })}` };
      const latinName = `Hive Test ${randomUUID().slice(0, 8)}`;
      const written = await postGraphQL(hive.url, 'mutation ($input: RegisterCompanyInput!) { registerCompany(input: $input) { id name latinName enteredBy { subject role } } }', {
        input: { name: latinName, latinName },
      }, editor);
      expect(written.body.errors).toBeUndefined();
      const company = (written.body.data as { registerCompany: { id: string; enteredBy: unknown } }).registerCompany;
      // The subgraph recorded the caller Hive Gateway signed: the JWT's subject and role.
      expect(company.enteredBy).toEqual([{ subject: 'hive-editor', role: 'editor' }]);

      const read = await stack.query<{ company: { latinName: string } | null }>('query ($id: ID!) { company(id: $id) { latinName } }', { id: company.id });
      expect(read.body.data?.company?.latinName).toBe(latinName);
    });

    it('refuses a write by an anonymous caller as our gateway does', async () => {
      const mutation = 'mutation { registerCompany(input: { name: "Аноним", latinName: "Anonymous" }) { id } }';
      const [ours, theirs] = await Promise.all([stack.gatewayUrl, hive.url].map((url) => postGraphQL(url, mutation)));
      expect(ours.body.errors?.[0]?.extensions?.code).toBeDefined();
      expect(comparable(theirs.body)).toEqual(comparable(ours.body));
    });

    it('refuses a token signed with another secret, and an API key, with 401 UNAUTHENTICATED', async () => {
      const forged = await postGraphQL(hive.url, '{ __typename }', {}, { authorization: `Bearer ${await token({ sub: 'x', role: 'admin' }, randomBytes(32).toString('hex'))}` });
      expect([forged.status, forged.body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
      // API keys live in our gateway's database: Hive Gateway accepts none.
      const keyed = await postGraphQL(hive.url, '{ __typename }', {}, { authorization: 'ApiKey azg_not_a_key' });
      expect([keyed.status, keyed.body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    });
  });
});
