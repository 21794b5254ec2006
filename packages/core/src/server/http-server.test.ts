import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { listen, type RunningServer } from './http-server';
import type { RequestInfo } from './request-info';
import { quietObservability } from '../observability/observability';

/**
 * The HTTP front on its own: graceful close, the deadline's backstop, and what it answers for
 * bodies it cannot use. `slow` waits until the test lets it go.
 */
const schema = buildSchema('type Query { slow: String fast: String }');

interface Harness {
  running: RunningServer;
  /** Resolves when a `slow` resolver has started. */
  slowStarted: Promise<void>;
  /** Lets every waiting `slow` resolver answer. */
  release(): void;
}

async function start(requestTimeoutMs = 10_000): Promise<Harness> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started!: () => void;
  const slowStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const server = new ApolloServer<{ request: RequestInfo }>({
    typeDefs: schema,
    resolvers: {
      Query: {
        slow: async () => {
          started();
          await released;
          return 'finally';
        },
        fast: () => 'at once',
      },
    },
    stopOnTerminationSignals: false,
  });
  const running = await listen({
    server,
    context: async (_request, info) => ({ request: info }),
    health: { ready: async () => undefined },
    observability: quietObservability('test'),
    requestTimeoutMs,
  }, 0);
  return { running, slowStarted, release };
}

const post = (url: string, query: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

describe('closing the server', () => {
  it('refuses new connections at once, lets the request in flight finish, then resolves drained', async () => {
    const { running, slowStarted, release } = await start();
    const inFlight = post(running.url, '{ slow }');
    await slowStarted;

    const closing = running.close(5_000);
    await expect(post(running.url, '{ fast }')).rejects.toThrow();
    release();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { slow: 'finally' } });
    expect(await closing).toEqual({ drained: true });
  });

  it('cuts a request that outlasts the grace period, and says so', async () => {
    const { running, slowStarted, release } = await start();
    const inFlight = post(running.url, '{ slow }').then(() => 'answered', () => 'cut off');
    await slowStarted;

    const started = Date.now();
    expect(await running.close(300)).toEqual({ drained: false });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await inFlight).toBe('cut off');
    release();
  });
});

describe('the deadline', () => {
  it('answers 503 REQUEST_TIMEOUT when nothing else has answered shortly after it', async () => {
    const { running, release } = await start(300);
    try {
      const started = Date.now();
      const response = await post(running.url, '{ slow }');
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ errors: [{ message: 'The request took too long to answer', extensions: { code: 'REQUEST_TIMEOUT' } }] });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      release();
      await running.close(0);
    }
  });
});

describe('bodies it cannot use', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await start();
  });

  afterAll(async () => {
    harness.release();
    await harness.running.close(0);
  });

  it.each([
    ['broken JSON', 'application/json', '{"query": "{ fast }"', 400, 'BAD_REQUEST'],
    ['an empty JSON body', 'application/json', '', 400, 'BAD_REQUEST'],
    ['JSON that is not an object', 'application/json', '"{ fast }"', 400, 'BAD_REQUEST'],
    ['an unknown content type', 'application/xml', '<query/>', 400, 'BAD_REQUEST'],
  ])('%s is a 400 with extensions.code', async (_case, contentType, body, status, code) => {
    const response = await fetch(harness.running.url, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(answer.errors[0]?.extensions.code).toBe(code);
  });

  it('an unknown path is a 404 with NOT_FOUND', async () => {
    const response = await fetch(new URL('/admin', harness.running.url));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ message: 'No such path: /admin', extensions: { code: 'NOT_FOUND' } }] });
  });
});

describe('the body a subgraph checks a signature against', () => {
  it('is kept as the exact bytes received, multi-byte characters and all', async () => {
    const bodies: Array<Buffer | undefined> = [];
    const server = new ApolloServer<{ request: RequestInfo }>({ typeDefs: schema, resolvers: { Query: { fast: () => 'at once' } }, stopOnTerminationSignals: false });
    const running = await listen({
      server,
      context: async (_request, info) => {
        bodies.push(info.body);
        return { request: info };
      },
      health: { ready: async () => undefined },
      observability: quietObservability('test'),
    }, 0);
    try {
      // Spaced and escaped as no JSON.stringify of the parsed body would write it again.
      const sent = Buffer.from('{ "query" : "{ fast }", "variables": {"name": "Алматы \\u00e9"} }', 'utf8');
      const response = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sent });
      expect(response.status).toBe(200);
      await fetch(`${running.url}?query=${encodeURIComponent('{ fast }')}`, { headers: { 'apollo-require-preflight': '1' } });
      expect(bodies).toEqual([sent, undefined]);
    } finally {
      await running.close(0);
    }
  });
});
