import { readServerSettings, type RunningServer } from '@azg/core/server';
import { Lexer, Source, TokenKind } from 'graphql';
import { readGatewayConfig } from './config';
import { createGateway } from './server';
import { startFakeSubgraphs, type FakeSubgraphs } from './test/fake-subgraphs';

/**
 * The operation limits, the body limit and the production defaults, through the real gateway
 * over two subgraphs on HTTP: every refusal is a 4xx with `extensions.code`, never a 500, and an
 * operation just under a limit is answered in full by both subgraphs, which apply the same limits.
 */
interface Answer {
  status: number;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function send(url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, method = 'POST'): Promise<Answer> {
  const response = await fetch(url, { method, headers, body: method === 'GET' ? undefined : body });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Answer['body'] };
}

const post = (url: string, query: string) => send(url, JSON.stringify({ query }));

interface Running {
  fake: FakeSubgraphs;
  gateway: RunningServer;
  close(): Promise<void>;
}

/** Fake subgraphs and a gateway, all with the settings `env` gives. */
async function start(env: Record<string, string>): Promise<Running> {
  const fake = await startFakeSubgraphs(readServerSettings(env));
  const config = { ...readGatewayConfig(env), port: 0, subgraphUrls: {} };
  const gateway = await createGateway(config, { supergraphSdl: fake.supergraphSdl }).listen();
  return {
    fake,
    gateway,
    async close() {
      await gateway.close(0);
      await fake.close();
    },
  };
}

function tokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

/** `{ node { detail child { detail } name name … } }` with exactly `n` tokens. */
function queryOfTokens(n: number): string {
  const base = '{ node { detail child { detail } } }';
  const query = `{ node { detail child { detail } ${'name '.repeat(n - tokens(base))}} }`;
  expect(tokens(query)).toBe(n);
  return query;
}

/**
 * Each limit with an operation just under it and one just over it. A subgraph allows twice the
 * tokens, cost and selections (what the query planner adds); `overAtSubgraph` is over that.
 */
const CASES: Array<{ limit: string; env: Record<string, string>; under: string; over: string; overAtSubgraph?: string }> = [
  {
    limit: 'depth',
    env: { LIMIT_MAX_DEPTH: '4' },
    under: '{ node { child { child { detail } } } }',
    over: '{ node { child { child { child { detail } } } } }',
  },
  {
    limit: 'aliases',
    env: { LIMIT_MAX_ALIASES: '3' },
    under: '{ x: node { detail } y: node { detail } z: __typename }',
    over: '{ x: node { detail } y: node { detail } z: __typename w: __typename }',
  },
  {
    limit: 'directives',
    env: { LIMIT_MAX_DIRECTIVES: '3' },
    under: '{ node { detail @include(if: true) child @skip(if: false) { detail @include(if: true) } } }',
    over: '{ node { detail @include(if: true) child @skip(if: false) { detail @include(if: true) name @skip(if: false) } } }',
  },
  {
    limit: 'tokens',
    env: { LIMIT_MAX_TOKENS: '60' },
    under: queryOfTokens(60),
    over: queryOfTokens(61),
    overAtSubgraph: queryOfTokens(121),
  },
  {
    // nodes: 2 + 1.5 × (detail 1 + name 1 + child (2 + 1.5 × 2)) = 12.5; one more leaf in child makes 14.75.
    limit: 'cost',
    env: { LIMIT_MAX_COST: '13' },
    under: '{ nodes { detail name child { detail name } } }',
    over: '{ nodes { detail name child { detail name id } } }',
    // 40.6 > 2 × 13
    overAtSubgraph: '{ nodes { name id child { name id child { name id child { name id } } } } }',
  },
  {
    limit: 'rootFields',
    env: { LIMIT_MAX_ROOT_FIELDS: '3' },
    under: '{ a b node { detail } }',
    over: '{ a b c node { detail } }',
  },
  {
    // nodes, two spreads of B (6 selections each once expanded): 15; one more field: 16.
    limit: 'selections',
    env: { LIMIT_MAX_SELECTIONS: '15' },
    under: '{ nodes { ...B ...B } } fragment B on Node { ...A ...A } fragment A on Node { detail name }',
    over: '{ nodes { ...B ...B id } } fragment B on Node { ...A ...A } fragment A on Node { detail name }',
    // nodes, three spreads of B (9 each): 31 > 2 × 15
    overAtSubgraph: '{ nodes { ...B ...B ...B } } fragment B on Node { ...A ...A ...A } fragment A on Node { name id }',
  },
];

describe.each(CASES)('the $limit limit', ({ limit, env, under, over, overAtSubgraph }) => {
  let running: Running;

  beforeAll(async () => {
    running = await start(env);
  });

  afterAll(async () => {
    await running?.close();
  });

  it('answers an operation just under it in full, through both subgraphs', async () => {
    const answer = await post(running.gateway.url, under);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('detail of ');
  });

  it('refuses an operation just over it with HTTP 400 and OPERATION_LIMIT_EXCEEDED, before any subgraph is asked', async () => {
    const asked = running.fake.nodes.requests.length + running.fake.details.requests.length;
    const answer = await post(running.gateway.url, over);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit } })]);
    expect(answer.body.errors![0]!.message).toMatch(/\d/);
    expect(running.fake.nodes.requests.length + running.fake.details.requests.length).toBe(asked);
  });

  it('is applied by a subgraph too, to an operation sent to it directly', async () => {
    // `detail` belongs to the other subgraph; `name` costs the same.
    const answer = await post(running.fake.nodes.url, (overAtSubgraph ?? over).replace(/detail/g, 'name'));
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit });
  });
});

describe('the validation errors limit', () => {
  let running: Running;

  beforeAll(async () => {
    running = await start({ LIMIT_MAX_VALIDATION_ERRORS: '3' });
  });

  afterAll(async () => {
    await running?.close();
  });

  const unknownFields = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `unknown${i}`).join(' ')} }`;

  it('reports every error of an operation with just as many', async () => {
    const answer = await post(running.gateway.url, unknownFields(3));
    expect(answer.status).toBe(400);
    expect(answer.body.errors!.map((error) => [error.message, error.extensions?.code])).toEqual([0, 1, 2].map((i) => [
      `Cannot query field "unknown${i}" on type "Query".`, 'GRAPHQL_VALIDATION_FAILED',
    ]));
  });

  it('stops validating an operation with one more, and says so', async () => {
    const answer = await post(running.gateway.url, unknownFields(4));
    expect(answer.status).toBe(400);
    const errors = answer.body.errors!;
    expect(errors.map((error) => error.extensions?.code)).toEqual(Array(errors.length).fill('GRAPHQL_VALIDATION_FAILED'));
    expect(errors.filter((error) => error.message.startsWith('Cannot query field'))).toHaveLength(3);
    expect(errors.some((error) => /unknown3/.test(error.message))).toBe(false);
    expect(errors[errors.length - 1]!.message).toMatch(/Too many validation errors/);
  });
});

describe('the request body', () => {
  let running: Running;

  beforeAll(async () => {
    running = await start({ MAX_BODY_BYTES: '2048' });
  });

  afterAll(async () => {
    await running?.close();
  });

  /** A JSON body of exactly `bytes` bytes: the query padded with spaces. */
  const bodyOf = (bytes: number) => {
    const empty = JSON.stringify({ query: '{ a }' });
    return JSON.stringify({ query: `{ a }${' '.repeat(bytes - empty.length)}` });
  };

  it('is read up to MAX_BODY_BYTES', async () => {
    const body = bodyOf(2048);
    expect(Buffer.byteLength(body)).toBe(2048);
    const answer = await send(running.gateway.url, body);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { a: 0 } });
  });

  it('past it, is refused with 413 and PAYLOAD_TOO_LARGE', async () => {
    const answer = await send(running.gateway.url, bodyOf(2049));
    expect(answer.status).toBe(413);
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('is one operation: a batch is refused with 400, at the gateway and at a subgraph', async () => {
    const batch = JSON.stringify([{ query: '{ a }' }, { query: '{ b }' }]);
    for (const url of [running.gateway.url, running.fake.nodes.url]) {
      const answer = await send(url, batch);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }]);
    }
  });

  it('is guarded against cross-site requests: a simple GET or a text/plain POST is refused, a preflighted GET answered', async () => {
    const get = await send(`${running.gateway.url}?query=${encodeURIComponent('{ a }')}`, '', {}, 'GET');
    expect(get.status).toBe(400);
    expect(get.body.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
    const textPlain = await send(running.gateway.url, JSON.stringify({ query: '{ a }' }), { 'content-type': 'text/plain' });
    expect(textPlain.status).toBe(400);
    const preflighted = await send(`${running.gateway.url}?query=${encodeURIComponent('{ a }')}`, '', { 'apollo-require-preflight': '1' }, 'GET');
    expect(preflighted.body).toEqual({ data: { a: 0 } });
  });
});

describe('production defaults', () => {
  let production: Running;
  let development: Running;

  beforeAll(async () => {
    production = await start({ NODE_ENV: 'production', LIMIT_MAX_DEPTH: '4' });
    development = await start({ LIMIT_MAX_DEPTH: '4' });
  });

  afterAll(async () => {
    await production?.close();
    await development?.close();
  });

  it('a refusal names the limit but not its value, nor what the operation had', async () => {
    const answer = await post(production.gateway.url, '{ node { child { child { child { detail } } } } }');
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { message: 'The operation is nested too deeply.', extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'depth' } },
    ]);
    const tooLong = await post(production.gateway.url, `{ ${'a '.repeat(1100)}}`);
    expect(tooLong.body.errors).toEqual([
      { message: 'The operation is too long.', extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens' } },
    ]);
  });

  it('a misspelt field gets no suggestion ("Did you mean")', async () => {
    const hidden = await post(production.gateway.url, '{ nodez { id } }');
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors?.[0]).toMatchObject({ message: 'Cannot query field "nodez" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const suggested = await post(development.gateway.url, '{ nodez { id } }');
    expect(suggested.body.errors?.[0]?.message).toMatch(/Did you mean "node" or "nodes"\?/);
  });

  it('introspection is refused, unless INTROSPECTION turns it on', async () => {
    const refused = await post(production.gateway.url, '{ __schema { queryType { name } } }');
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.body.errors?.[0]?.message).toMatch(/introspection/i);
    const enabled = await start({ NODE_ENV: 'production', INTROSPECTION: 'true' });
    try {
      expect((await post(enabled.gateway.url, '{ __schema { queryType { name } } }')).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    } finally {
      await enabled.close();
    }
  });

  it('a failure inside a subgraph reaches the client as "Internal server error", with no stack trace or database text', async () => {
    for (const running of [production, development]) {
      const answer = await post(running.gateway.url, '{ a boom }');
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual({ a: 0, boom: null });
      expect(answer.body.errors).toEqual([expect.objectContaining({ message: 'Internal server error' })]);
      expect(answer.text).not.toMatch(/stacktrace|relation|nodes\.node|10\.0\.0\.7|at .*\.js/);
    }
  });
});
