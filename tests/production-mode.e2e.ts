/**
 * NODE_ENV=production shows nothing extra: no introspection, no playground and no schema file
 * unless a switch turns them on, no landing page, and no header, refusal or health answer that
 * names the server software or a version. Private processes with production settings (a gateway
 * over the shared stack's subgraphs, another with PLAYGROUND and INTROSPECTION on, and a
 * production land subgraph), since the shared stack runs outside production.
 */
import { randomBytes } from 'node:crypto';
import { IDENTITY_HEADER, signIdentity } from '@azg/core/identity';
import { GATEWAY_ENTRY_POINT, serviceEntryPoint } from '@azg/scripts/repository';
import { startExtraProcess, type ExtraProcess } from './support/extra-process';
import { sharedStack } from './support/shared-stack';

/** The shared stack: this file only reads through gateways of its own. */
const stack = sharedStack();

/** What must appear in no header and no body: the software's names and anything shaped like a version. */
const SOFTWARE = /apollo|graphql-js|graphiql|postgres|express|node\.js|undici|\bv?\d+\.\d+\.\d+\b/i;

const processes: ExtraProcess[] = [];

/** Starts a production process over the shared stack; its URL once ready. */
async function start(name: string, script: string, env: Record<string, string>): Promise<string> {
  const started = await startExtraProcess(stack, { name, script, env: { NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env } });
  processes.push(started);
  return started.url;
}

let production: string;
let switchedOn: string;
let landSubgraph: string;

beforeAll(async () => {
  [production, switchedOn, landSubgraph] = await Promise.all([
    start('production gateway', GATEWAY_ENTRY_POINT, {}),
    start('production gateway, playground and introspection on', GATEWAY_ENTRY_POINT, { PLAYGROUND: 'true', INTROSPECTION: 'true' }),
    start('production land', serviceEntryPoint('land'), { CURSOR_SECRET: randomBytes(32).toString('hex') }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((started) => started.process.stop()));
});

interface Exchange {
  label: string;
  status: number;
  headers: Record<string, string>;
  text: string;
}

async function send(label: string, url: string, init: RequestInit = {}): Promise<Exchange> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  return { label, status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
}

const post = (label: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
  send(label, url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** `{ not: { not: … {} } }`, `levels` objects deep. */
function notNested(levels: number): Record<string, unknown> {
  let filter: Record<string, unknown> = {};
  for (let level = 1; level < levels; level += 1) filter = { not: filter };
  return filter;
}

const HTML = { accept: 'text/html,application/xhtml+xml' };

/** Every answer a stranger can get from a production gateway without credentials. */
function probes(base: string): Array<Promise<Exchange>> {
  const at = (path: string) => new URL(path, base).toString();
  return [
    send('a browser\'s GET of the GraphQL URL', base, { headers: HTML }),
    send('a browser\'s GET of /graphql', at('/graphql'), { headers: HTML }),
    send('the playground', at('/playground/'), { headers: HTML }),
    send('the playground\'s schema file', at('/playground/schema.graphql')),
    send('the playground\'s bundle', at('/playground/playground.js')),
    send('an unknown path', at('/no/such/page')),
    send('liveness', at('/healthz')),
    send('readiness', at('/readyz')),
    send('a PUT', base, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }),
    send('a DELETE', base, { method: 'DELETE' }),
    send('a simple cross-site GET', `${base}?query=${encodeURIComponent('{ __typename }')}`),
    send('a GET without a query', base, { headers: { 'apollo-require-preflight': '1' } }),
    send('broken JSON', base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' }),
    send('a form', base, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }),
    post('introspection', base, { query: '{ __schema { types { name } } }' }),
    post('a misspelt field', base, { query: '{ projectz { totalCount } }' }),
    post('a query too deep', base, { query: `{ ${'projects { nodes { company { '.repeat(4)}id${' } } }'.repeat(4)} }` }),
    post('a filter too deep', base, { query: 'query ($f: CompanyFilter) { companies(filter: $f) { totalCount } }', variables: { f: notNested(40) } }),
    post('a NUL in a search', base, { query: '{ searchCompanies(text: "a\\u0000") { company { id } } }' }),
    post('an incremental delivery', base, { query: '{ projects { totalCount ... @defer { nodes { id } } } }' }, { accept: 'multipart/mixed; deferSpec=20220824' }),
    post('a mutation without credentials', base, { query: 'mutation { revokeApiKey(id: "x") { id } }' }),
    post('a batch', base, [{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    post('an automatic persisted query', base, { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
  ];
}

/** No header names the software (no `Server`, no `X-Powered-By`) and no body does, nor any version. */
function expectNothingNamed(exchange: Exchange): void {
  const context = `${exchange.label} -> HTTP ${exchange.status}`;
  expect({ context, server: exchange.headers.server, poweredBy: exchange.headers['x-powered-by'] }).toEqual({ context, server: undefined, poweredBy: undefined });
  for (const [name, value] of Object.entries(exchange.headers)) {
    expect({ context, header: name, named: SOFTWARE.test(`${name}: ${value}`) }).toEqual({ context, header: name, named: false });
  }
  expect({ context, body: exchange.text.slice(0, 500), named: SOFTWARE.test(exchange.text) }).toEqual({ context, body: exchange.text.slice(0, 500), named: false });
}

describe('a production gateway with the default switches', () => {
  let exchanges: Exchange[];

  beforeAll(async () => {
    exchanges = await Promise.all(probes(production));
  });
  const answer = (label: string) => exchanges.find((exchange) => exchange.label === label)!;

  it('names neither the server software nor a version in any header or answer', () => {
    for (const exchange of exchanges) expectNothingNamed(exchange);
  });

  it('serves no playground, no schema file and no landing page', () => {
    for (const label of ['the playground', 'the playground\'s schema file', 'the playground\'s bundle']) expect([label, answer(label).status]).toEqual([label, 404]);
    for (const label of ['a browser\'s GET of the GraphQL URL', 'a browser\'s GET of /graphql']) {
      expect([label, answer(label).status]).toEqual([label, 400]);
      expect(answer(label).headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('refuses introspection, and suggests no field names', () => {
    const introspection = JSON.parse(answer('introspection').text);
    expect(answer('introspection').status).toBe(400);
    expect(introspection.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer('a misspelt field').text).not.toMatch(/did you mean|projects/i);
  });

  it('names limits in its refusals but not their numbers', () => {
    const deep = JSON.parse(answer('a filter too deep').text);
    expect(deep.errors).toEqual([{ message: 'Variable "$f" (argument "filter") is nested too deeply.', extensions: { code: 'BAD_USER_INPUT', limit: 'inputDepth', argument: 'filter', variable: 'f' } }]);
    expect(answer('a query too deep').text).not.toMatch(/\d/);
  });

  it('rewords Apollo\'s own refusals: another method, a cross-site request', () => {
    expect(answer('a PUT').status).toBe(405);
    expect(JSON.parse(answer('a PUT').text).errors[0].message).toBe('Only GET and POST requests are accepted.');
    expect(answer('a simple cross-site GET').status).toBe(400);
    expect(JSON.parse(answer('a simple cross-site GET').text).errors[0].message).toMatch(/^This request was refused as a possible cross-site request forgery/);
  });
});

describe('a production gateway with PLAYGROUND=true and INTROSPECTION=true', () => {
  it('serves the playground, its schema file and introspection', async () => {
    const page = await send('the playground', switchedOn, { headers: HTML });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Almaty Zone Graph · playground');
    const schema = await send('the schema file', new URL('/playground/schema.graphql', switchedOn).toString());
    expect(schema.status).toBe(200);
    expect(schema.text).toContain('type Query');
    const introspection = await post('introspection', switchedOn, { query: '{ __schema { queryType { name } } }' });
    expect(JSON.parse(introspection.text)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('a production subgraph', () => {
  it('shows no landing page and names no software, to a browser or a signed caller', async () => {
    const identity = { subject: 'production-mode', role: 'partner', source: 'api-key' } as const;
    const path = new URL(landSubgraph).pathname;
    /** Signed as the gateway signs: for this method, path and body, once. */
    const signed = (method: string, body: string) => ({ [IDENTITY_HEADER]: signIdentity({ identity, requestId: 'production-1', method, target: path, body }, stack.identitySecret), 'x-request-id': 'production-1' });
    const putBody = '{"query":"{ __typename }"}';
    const introspection = { query: '{ __schema { types { name } } }' };
    const exchanges = await Promise.all([
      send('a browser\'s GET', landSubgraph, { headers: HTML }),
      send('a PUT', landSubgraph, { method: 'PUT', headers: { 'content-type': 'application/json', ...signed('PUT', putBody) }, body: putBody }),
      send('an unknown path', new URL('/nothing', landSubgraph).toString()),
      send('liveness', new URL('/healthz', landSubgraph).toString()),
      send('readiness', new URL('/readyz', landSubgraph).toString()),
      post('introspection', landSubgraph, introspection, signed('POST', JSON.stringify(introspection))),
      post('an unsigned request', landSubgraph, { query: '{ __typename }' }),
    ]);
    for (const exchange of exchanges) expectNothingNamed(exchange);
    expect(exchanges[0]!.status).toBe(400);
    expect(exchanges[5]!.status).toBe(400);
  });
});
