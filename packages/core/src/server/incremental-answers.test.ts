import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { readParts } from '../../../../tests/support/multipart';
import { quietObservability } from '../observability/observability';
import { listen, type RunningServer } from './http-server';
import type { RequestInfo } from './request-info';

/**
 * The HTTP front's incremental answers (`incremental` option): Apollo's answer first, then the
 * later payloads as parts of a multipart/mixed answer, within the request's deadline; a plain
 * answer when the hook has nothing, and never multipart for a refusal.
 */
interface Context {
  request: RequestInfo;
  /** An object of its own: Apollo runs the operation on a shallow copy of the context. */
  slot: { later: AsyncIterable<Record<string, unknown>> | null };
}

const schema = buildSchema('type Query { plain: String deferred: String }');
let laterPayloads: () => AsyncIterable<Record<string, unknown>>;
let running: RunningServer;

beforeAll(async () => {
  const server = new ApolloServer<Context>({
    typeDefs: schema,
    resolvers: {
      Query: {
        plain: () => 'plain',
        deferred: (_: unknown, __: unknown, context: Context) => {
          context.slot.later = laterPayloads();
          return 'first';
        },
      },
    },
    stopOnTerminationSignals: false,
  });
  running = await listen({
    server,
    context: async (_request, info) => ({ request: info, slot: { later: null } }),
    health: { ready: async () => undefined },
    observability: quietObservability('test'),
    requestTimeoutMs: 500,
    incremental: (context) => context.slot.later,
  }, 0);
});

afterAll(async () => {
  await running?.close(0);
});

const post = (query: string) => fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

describe('incremental answers', () => {
  it('sends Apollo\'s answer as the first part, with hasNext, then each later payload, and closes', async () => {
    laterPayloads = async function* payloads() {
      yield { incremental: [{ data: { more: 1 }, path: [] }], hasNext: true };
      yield { incremental: [{ data: { more: 2 }, path: [] }], hasNext: false };
    };
    const response = await post('{ deferred }');
    expect(response.headers.get('content-type')).toBe('multipart/mixed;boundary="-";deferSpec=20220824');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect((await readParts(response)).map((part) => part.payload)).toEqual([
      { data: { deferred: 'first' }, hasNext: true },
      { incremental: [{ data: { more: 1 }, path: [] }], hasNext: true },
      { incremental: [{ data: { more: 2 }, path: [] }], hasNext: false },
    ]);
  });

  it('answers as before when the hook has nothing', async () => {
    const response = await post('{ plain }');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.text()).toBe('{"data":{"plain":"plain"}}\n');
  });

  it('ends with a REQUEST_TIMEOUT part when a later payload is not ready by the deadline', async () => {
    laterPayloads = async function* payloads() {
      // Never ready (and holds no timer that would outlive the test).
      await new Promise(() => undefined);
      yield { hasNext: false };
    };
    const parts = (await readParts(await post('{ deferred }'))).map((part) => part.payload);
    expect(parts).toEqual([
      { data: { deferred: 'first' }, hasNext: true },
      { hasNext: false, errors: [{ message: 'The request took too long to answer', extensions: { code: 'REQUEST_TIMEOUT' } }] },
    ]);
  });

  it('ends with an internal error part when the later payloads fail, and closes a stream that stops early', async () => {
    laterPayloads = async function* payloads() {
      yield { incremental: [], hasNext: true };
      throw new Error('the later run failed');
    };
    expect((await readParts(await post('{ deferred }'))).map((part) => part.payload).at(-1)).toEqual(
      { hasNext: false, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
    );
    laterPayloads = async function* payloads() {
      yield { incremental: [], hasNext: true };
    };
    expect((await readParts(await post('{ deferred }'))).map((part) => part.payload).at(-1)).toEqual({ hasNext: false });
  });

  it('never turns a refusal into parts', async () => {
    laterPayloads = async function* payloads() {
      yield { hasNext: false };
    };
    const response = await post('{ deferred nope }');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});
