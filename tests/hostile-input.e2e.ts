/**
 * The bad-input sweep: many malformed and hostile requests, and hundreds of random operations
 * built from the schema, against the whole stack. Every answer must be a clear 4xx or a GraphQL
 * answer whose every error has `extensions.code` (never INTERNAL_SERVER_ERROR, never database
 * text), nothing may answer 5xx, and every process must still be running and ready afterwards.
 */
import {
  buildClientSchema, getIntrospectionQuery, getNamedType, GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType, GraphQLScalarType, isLeafType, isListType, isNonNullType, type GraphQLArgument, type GraphQLField,
  type GraphQLInputType, type GraphQLOutputType, type GraphQLSchema, type IntrospectionQuery,
} from 'graphql';
import { SUBGRAPH_NAMES } from '@azg/core/registry';
import { createKey, withKey } from './support/keys';
import { sharedStack } from './support/shared-stack';

/** The shared stack: this file only reads, with a key of its own (see shared-stack.ts). */
const stack = sharedStack();
let schema: GraphQLSchema;
/** An admin's key: the random operations reach every field, the admin-only ones included. */
let adminKey: string;

beforeAll(async () => {
  adminKey = await createKey(stack.databaseUrl, 'hostile sweep', 'admin');
  const introspection = await stack.query<IntrospectionQuery>(getIntrospectionQuery());
  schema = buildClientSchema(introspection.body.data as IntrospectionQuery);
}, 180_000);

const DATABASE_WORDS = /\bselect\b|relation "|column "|postgres|pg_|sqlstate|constraint|ECONNREFUSED|stacktrace|\.js:\d+/i;

interface Exchange {
  label: string;
  status: number;
  text: string;
}

/** Sends a raw HTTP request to the gateway; never throws for an HTTP answer. */
async function raw(label: string, init: { method?: string; headers?: Record<string, string>; body?: string; search?: string }): Promise<Exchange> {
  const url = new URL(init.search ?? '', stack.gatewayUrl);
  const response = await fetch(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(30_000) });
  return { label, status: response.status, text: await response.text() };
}

const json = (label: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(label, { headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/**
 * What every answer must be: below 500; when its body is JSON, either a GraphQL answer whose
 * errors all carry a code other than INTERNAL_SERVER_ERROR, or (for a 4xx) at least coded errors;
 * and nowhere a word of the database or a stack trace.
 */
function expectClear(exchange: Exchange): void {
  const context = `${exchange.label} -> HTTP ${exchange.status}: ${exchange.text.slice(0, 300)}`;
  expect({ context, serverError: exchange.status >= 500 }).toEqual({ context, serverError: false });
  // Cursors are signed base64url (`<payload>.<mac>`, the MAC made with the stack's random secret) and
  // may spell "pg_" or "select" by chance: they are not text the server wrote.
  const text = exchange.text.replace(/"(cursor|startCursor|endCursor)":"[A-Za-z0-9_.-]*"/g, '"$1":""');
  expect({ context, leak: DATABASE_WORDS.test(text) }).toEqual({ context, leak: false });
  let body: { data?: unknown; errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }> } | undefined;
  try {
    body = JSON.parse(exchange.text);
  } catch {
    // Node itself refuses some requests before the application sees them (431 for huge headers): a bare 4xx is clear enough.
    expect({ context, clientError: exchange.status >= 400 && exchange.status < 500 }).toEqual({ context, clientError: true });
    return;
  }
  const errors = body?.errors ?? [];
  if (exchange.status >= 400) expect({ context, coded: errors.length > 0 }).toEqual({ context, coded: true });
  else expect({ context, answer: body !== null && typeof body === 'object' && ('data' in body || errors.length > 0) }).toEqual({ context, answer: true });
  for (const error of errors) {
    expect({ context, code: typeof error.extensions?.code }).toEqual({ context, code: 'string' });
    expect({ context, code: error.extensions?.code }).not.toEqual({ context, code: 'INTERNAL_SERVER_ERROR' });
  }
}

async function expectStackHealthy(): Promise<void> {
  for (const name of [...SUBGRAPH_NAMES, 'gateway' as const]) expect({ name, running: stack.running(name) }).toEqual({ name, running: true });
  expect((await fetch(new URL('/readyz', stack.gatewayUrl))).status).toBe(200);
}

describe('malformed and hostile requests', () => {
  /** Valid at every level: projects > nodes > company > projects > nodes > company … (three levels a step). */
  const deep = (steps: number) => `{ ${'projects { nodes { company { '.repeat(steps)}id${' } } }'.repeat(steps)} }`;
  /** `{"query": …, "variables": {"id": [[[…"x"…]]]}}`, written out: JSON.stringify would overflow the stack first. */
  const nestedVariable = (levels: number) =>
    `{"query": "query ($id: ID!) { project(id: $id) { id } }", "variables": {"id": ${'['.repeat(levels)}"x"${']'.repeat(levels)}}}`;
  const fragmentChain = (length: number) =>
    `{ projects { nodes { ...F0 } } } ${Array.from({ length }, (_, i) => `fragment F${i} on Project { id ${i + 1 < length ? `...F${i + 1}` : ''} }`).join(' ')}`;
  const fragmentBomb = (levels: number) =>
    `{ projects { nodes { ...B0 } } } ${Array.from({ length: levels }, (_, i) => `fragment B${i} on Project { ${i + 1 < levels ? `...B${i + 1} ...B${i + 1}` : 'id name'} }`).join(' ')}`;

  const CASES: Array<() => Promise<Exchange>> = [
    () => json('an empty JSON body', ''),
    () => json('broken JSON', '{"query": "{ projects { nodes { id } } }"'),
    () => json('JSON null', 'null'),
    () => json('a JSON number', '42'),
    () => json('a JSON string', '"{ projects { nodes { id } } }"'),
    () => json('an empty object', {}),
    () => json('a query that is a number', { query: 123 }),
    () => json('a query that is an object', { query: { projects: true } }),
    () => json('variables that are a string', { query: '{ __typename }', variables: 'id=1' }),
    () => json('an operation name that is a number', { query: '{ __typename }', operationName: 7 }),
    () => json('a batch', [{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    () => json('a batch of a thousand', Array.from({ length: 1000 }, () => ({ query: '{ __typename }' }))),
    () => raw('no content type', { body: JSON.stringify({ query: '{ __typename }' }) }),
    () => raw('text/plain', { headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) }),
    () => raw('a form', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }),
    () => raw('multipart', { headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--' }),
    () => raw('XML', { headers: { 'content-type': 'application/xml' }, body: '<query>{ __typename }</query>' }),
    () => raw('GraphQL as the body', { headers: { 'content-type': 'application/graphql' }, body: '{ __typename }' }),
    () => raw('PUT', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }),
    () => raw('DELETE', { method: 'DELETE' }),
    () => raw('PATCH', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{}' }),
    () => raw('a simple GET (CSRF)', { method: 'GET', search: `?query=${encodeURIComponent('{ __typename }')}` }),
    () => raw('a mutation over GET', { method: 'GET', headers: { 'apollo-require-preflight': '1' }, search: `?query=${encodeURIComponent('mutation { deleteEverything }')}` }),
    () => raw('a mutation over POST', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation { deleteEverything }' }) }),
    () => raw('a subscription', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'subscription { projects { nodes { id } } }' }) }),
    () => raw('GET with broken variables', { method: 'GET', headers: { 'apollo-require-preflight': '1' }, search: `?query=${encodeURIComponent('{ __typename }')}&variables=%7Bnope` }),
    () => raw('GET with a huge URL', { method: 'GET', headers: { 'apollo-require-preflight': '1' }, search: `?query=${'a'.repeat(70_000)}` }),
    () => json('a body past the size limit', { query: `{ project(id: "${'x'.repeat(150_000)}") { id } }` }),
    () => json('a huge string argument', { query: `{ project(id: "${'x'.repeat(90_000)}") { id } }` }),
    () => json('a huge string variable', { query: 'query ($id: ID!) { project(id: $id) { id } }', variables: { id: 'y'.repeat(90_000) } }),
    () => json('a string with control characters', { query: '{ project(id: "a\\u0000b\\u001f") { id } }' }),
    () => json('a query with a NUL byte', { query: '{ proj\u0000ects { nodes { id } } }' }),
    () => json('lone surrogates', { query: '{ project(id: "\ud800\udfff\ud800") { id } }' }),
    () => json('a variable nested ten thousand deep', nestedVariable(10_000)),
    () => json('a __proto__ variable', '{"query": "query ($id: ID!) { project(id: $id) { id } }", "variables": {"__proto__": {"id": "valtherm-radiator-plant"}}}'),
    () => json('a query nested 13 deep', { query: deep(4) }),
    () => json('a query nested 600 deep', { query: deep(200) }),
    () => json('a fragment chain 40 long', { query: fragmentChain(40) }),
    () => json('a fragment cycle', { query: '{ projects { nodes { ...A } } } fragment A on Project { id ...B } fragment B on Project { name ...A }' }),
    () => json('a fragment spread on the wrong type', { query: '{ projects { nodes { ...C } } } fragment C on Company { id }' }),
    () => json('a fragment bomb', { query: fragmentBomb(30) }),
    () => json('an alias flood', { query: `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: __typename`).join(' ')} }` }),
    () => json('an alias flood on a list', { query: `{ projects { nodes { ${Array.from({ length: 200 }, (_, i) => `n${i}: name`).join(' ')} } } }` }),
    () => json('a directive flood', { query: `{ projects { nodes { id ${'@include(if: true) '.repeat(300)} } } }` }),
    () => json('an unknown directive', { query: '{ projects { nodes { id @cached(ttl: 99999) } } }' }),
    () => json('root fields flood', { query: `{ ${Array.from({ length: 60 }, (_, i) => `p${i}: projects { totalCount }`).join(' ')} }` }),
    () => json('an unknown operation name', { query: 'query A { projects { totalCount } }', operationName: 'B' }),
    () => json('two operations and no name', { query: 'query A { projects { totalCount } } query B { companies { totalCount } }' }),
    () => json('an operation name past a thousand characters', { query: `query ${'N'.repeat(5_000)} { __typename }` }),
    () => json('an unknown field', { query: '{ projects { nodes { id secretColumn } } }' }),
    () => json('a missing required argument', { query: '{ project { id } }' }),
    () => json('an argument of the wrong type', { query: '{ sourceDocument { paragraph(number: "five") { english } } }' }),
    () => json('an out-of-range integer', { query: '{ sourceDocument { paragraph(number: 99999999999) { english } } }' }),
    () => json('a negative paragraph', { query: '{ sourceDocument { paragraph(number: -1) { english } } }' }),
    () => json('an undeclared variable', { query: '{ project(id: $id) { id } }' }),
    () => json('a SQL injection in an id', { query: '{ company(id: "x\' OR 1=1; --") { id } }' }),
    () => json('an id of every printable ASCII character', { query: 'query ($id: ID!) { project(id: $id) { id } }', variables: { id: Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') } }),
    () => json('a persisted query the server has never seen', { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    () => json('a persisted query with a wrong hash', { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } }),
    () => json('_entities asked of the gateway', { query: '{ _entities(representations: [{ __typename: "Project", id: "x" }]) { __typename } }' }),
    () => json('_service asked of the gateway', { query: '{ _service { sdl } }' }),
  ];

  it('are each answered with a clear 4xx or a coded GraphQL error, and nothing breaks', async () => {
    const exchanges: Exchange[] = [];
    for (const send of CASES) exchanges.push(await send());
    for (const exchange of exchanges) expectClear(exchange);
    // The ones that must be refused outright, not answered.
    const refused = (label: string) => exchanges.find((exchange) => exchange.label === label)!.status;
    for (const label of ['an empty JSON body', 'broken JSON', 'a batch', 'text/plain', 'a simple GET (CSRF)', 'a query nested 13 deep', 'a query nested 600 deep', 'a fragment bomb', 'an alias flood', 'a directive flood', 'root fields flood', 'an unknown operation name']) {
      expect({ label, status: refused(label) }).toEqual({ label, status: 400 });
    }
    expect(refused('a body past the size limit')).toBe(413);
    expect(refused('a mutation over GET')).toBeGreaterThanOrEqual(400);
    await expectStackHealthy();
  });
});

/** A small seeded PRNG (mulberry32), so a failing random operation can be found again. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const IDS = ['valtherm-radiator-plant', 'almerek', 'kmk-investment', 'almaty-industrial-zone', 'launch-by-end-of-2021', 'no-such-record', 'BAD ID', '', 'x'.repeat(101)];
const STRINGS = ['', 'a', 'Almaty', 'Алматы', '"; DROP TABLE x; --', '\\u0000', '%s%n', '{{7*7}}'];

type Random = ReturnType<typeof random>;

/** A literal for an argument: usually of its type, sometimes of another or absurd. */
function literal(type: GraphQLInputType, rng: Random, depth = 0): string {
  if (rng.chance(0.03)) return rng.pick(['null', '42', '"text"', 'true', '[1, 2]', '{ a: 1 }', 'NOT_AN_ENUM', '-1', '99999999999999', '1.5']);
  if (isNonNullType(type)) return literal(type.ofType as GraphQLInputType, rng, depth);
  if (isListType(type)) return `[${Array.from({ length: rng.int(3) }, () => literal(type.ofType as GraphQLInputType, rng, depth + 1)).join(', ')}]`;
  if (type instanceof GraphQLEnumType) return rng.pick(type.getValues()).name;
  if (type instanceof GraphQLInputObjectType) {
    if (depth > 2) return '{}';
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) || rng.chance(0.3));
    return `{ ${fields.map((field) => `${field.name}: ${literal(field.type, rng, depth + 1)}`).join(', ')} }`;
  }
  const name = (type as GraphQLScalarType).name;
  if (name === 'ID') return JSON.stringify(rng.pick(IDS));
  if (name === 'Int') return String(rng.pick([0, 1, 5, 16, 100, -3, 2147483647]));
  if (name === 'Float') return String(rng.pick([0, 1.5, -2, 1e300]));
  if (name === 'Boolean') return rng.pick(['true', 'false']);
  return JSON.stringify(rng.pick(STRINGS));
}

function argumentsOf(args: readonly GraphQLArgument[], rng: Random): string {
  if (args.length === 0) return '';
  const chosen = args.filter((arg) => isNonNullType(arg.type) ? !rng.chance(0.02) : rng.chance(0.3));
  if (rng.chance(0.02)) return '(unknownArgument: 1)';
  return chosen.length === 0 ? '' : `(${chosen.map((arg) => `${arg.name}: ${literal(arg.type, rng)}`).join(', ')})`;
}

/** A random selection set on `type`, at most `depth` levels deep. */
function selectionSet(type: GraphQLObjectType, rng: Random, depth: number): string {
  const fields = Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>;
  // Each field once: the same field twice with other arguments would be a conflict, not a probe.
  const picked = [...new Set(Array.from({ length: 1 + rng.int(4) }, () => rng.pick(fields)))];
  const parts = picked.map((field) => {
    const alias = rng.chance(0.1) ? `a${rng.int(1000)}: ` : '';
    const directive = rng.chance(0.08) ? ` @${rng.pick(['include', 'skip'])}(if: ${rng.pick(['true', 'false'])})` : '';
    const named = getNamedType(field.type as GraphQLOutputType);
    const name = rng.chance(0.01) ? `${field.name}x` : field.name;
    if (isLeafType(named)) return `${alias}${name}${argumentsOf(field.args, rng)}${directive}`;
    if (depth <= 0 || !(named instanceof GraphQLObjectType)) return `${alias}__typename`;
    return `${alias}${name}${argumentsOf(field.args, rng)}${directive} { ${selectionSet(named, rng, depth - 1)} }`;
  });
  if (rng.chance(0.2)) parts.push('__typename');
  return parts.join(' ');
}

describe('random operations built from the schema', () => {
  it('four hundred of them are each answered with data or coded errors, never a 5xx or an internal error', async () => {
    const rng = random(20211205);
    const queryType = schema.getQueryType()!;
    const operations = Array.from({ length: 400 }, (_, i) => {
      const body = selectionSet(queryType, rng, 1 + rng.int(6));
      return rng.chance(0.5) ? `query Random${i} { ${body} }` : `{ ${body} }`;
    });
    let answeredWithData = 0;
    const codes = new Map<string, number>();
    // Eight at a time: the sweep is also a small load.
    for (let start = 0; start < operations.length; start += 8) {
      const batch = operations.slice(start, start + 8);
      // As an admin, so that audit logs and key management are probed too rather than refused at the door.
      const exchanges = await Promise.all(batch.map((query) => json(query, { query }, withKey(adminKey))));
      for (const exchange of exchanges) {
        expectClear(exchange);
        const body = JSON.parse(exchange.text) as { data?: unknown; errors?: Array<{ extensions: { code: string } }> };
        if (exchange.status === 200 && body.data) answeredWithData += 1;
        for (const error of body.errors ?? []) codes.set(error.extensions.code, (codes.get(error.extensions.code) ?? 0) + 1);
      }
    }
    process.stdout.write(`random operations: ${answeredWithData} of ${operations.length} answered with data; error codes: ${JSON.stringify(Object.fromEntries(codes))}\n`);
    // Every subgraph is up: a value a subgraph refuses is the client's error, never an outage.
    expect(codes.get('SUBGRAPH_UNAVAILABLE') ?? 0).toBe(0);
    // Many operations must be ones the graph answers (about half are, with this seed), or the sweep proves little.
    expect(answeredWithData).toBeGreaterThan(operations.length / 3);
    await expectStackHealthy();
  });
});
