import type { DataSource } from 'typeorm';
import { type Identity, IDENTITY_HEADER, signIdentity } from '@azg/core/identity';
import { detachedRequestInfo, type SubgraphContext, type SubgraphDependencies, type SubgraphServer } from '@azg/core/server';
import type { GraphQLResult } from './graphql';

/**
 * A subgraph run inside the test's own process, on a test database, so that a test sets the
 * caller's identity as the gateway's signed header would, and reaches into the database: the
 * write tests of each subgraph (projects, companies, land, workforce) use it. And requests to a
 * running subgraph, signed as the gateway signs them, for the tests of that signature.
 */

/** Callers of the write tests, as the gateway's signed identity header would name them. */
export const EDITOR: Identity = { subject: 'editor-1', role: 'editor', source: 'api-key', keyId: 'key-1' };
export const OTHER_EDITOR: Identity = { subject: 'editor-2', role: 'editor', source: 'jwt' };
export const ADMIN: Identity = { subject: 'admin-1', role: 'admin', source: 'api-key', keyId: 'key-9' };
export const PARTNER: Identity = { subject: 'partner-1', role: 'partner', source: 'api-key', keyId: 'key-5' };

/** One operation's answer, as a subgraph gives it. */
export interface SubgraphResult<Data = Record<string, any>> {
  data?: Data | null;
  errors?: Array<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, any> }>;
}

/** A subgraph running in the test's own process, answering operations as a caller of the test's choosing. */
export interface InProcessSubgraph {
  dataSource: DataSource;
  /** Runs one operation as one request (a fresh context), as `identity`, with `requestId` as its x-request-id. */
  execute<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>, identity?: Identity, requestId?: string): Promise<SubgraphResult<Data>>;
  stop(): Promise<void>;
}

/**
 * Starts a subgraph's server in-process on its own data source at `url` (already migrated), so a
 * test can set the caller's identity on the context as the gateway's signed header will, and
 * reach into the database. Call `stop()` after.
 */
export async function startInProcessSubgraph<Context extends SubgraphContext>(
  subgraph: {
    createDataSource(url: string): DataSource;
    createServer(deps: SubgraphDependencies): Promise<SubgraphServer<Context>>;
  },
  url: string,
): Promise<InProcessSubgraph> {
  const dataSource = subgraph.createDataSource(url);
  await dataSource.initialize();
  const server = await subgraph.createServer({ dataSource });
  await server.apollo.start();
  let requests = 0;
  return {
    dataSource,
    async execute(query, variables, identity, requestId) {
      requests += 1;
      const base = await server.createContext(undefined, detachedRequestInfo(requestId ?? `test-request-${requests}`));
      const contextValue = identity ? { ...base, identity } : base;
      const response = await server.apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return JSON.parse(JSON.stringify(response.body.singleResult));
    },
    async stop() {
      await server.apollo.stop();
      await dataSource.destroy();
    },
  };
}

/**
 * `execute` with the caller first, for tests that write `run(EDITOR, MUTATION, variables)`: the
 * operation goes through the subgraph's whole Apollo pipeline (parsing, validation,
 * authorization, error formatting), as `identity`.
 */
export function operationRunner(subgraph: InProcessSubgraph) {
  return <Data = Record<string, any>>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<SubgraphResult<Data>> =>
    subgraph.execute<Data>(query, variables, identity);
}

/** The first error's code and field, to compare in one line (undefined when there is none). */
export function refusalOf(result: SubgraphResult<unknown>): { code: unknown; field: unknown } | undefined {
  const error = result.errors?.[0];
  return error && { code: error.extensions?.code, field: error.extensions?.field };
}

/** The single error of a refused operation: its code, field and message. */
export function refusal(result: SubgraphResult): { code: unknown; field: unknown; message: string } {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  return { code: error!.extensions?.code, field: error!.extensions?.field, message: error!.message };
}

/** The data of an operation that must have succeeded. */
export function dataOf<Data = Record<string, any>>(result: SubgraphResult<Data>): Data {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/**
 * The identity header the gateway would sign for POSTing exactly `body` to `url` as `identity`:
 * bound to that method, path and body, with a fresh nonce, so it is good for one request.
 */
export function gatewaySigned(url: string, body: string, identity: Identity, secret: string): Record<string, string> {
  const target = new URL(url);
  return { [IDENTITY_HEADER]: signIdentity({ identity, requestId: 'test', method: 'POST', target: target.pathname + target.search, body }, secret) };
}

/** POSTs `body`, byte for byte, as JSON to `url`: the status and the parsed answer. */
export async function postBody(url: string, body: string, headers: Record<string, string> = {}): Promise<GraphQLResult> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(60_000) });
  return { status: response.status, body: (await response.json()) as GraphQLResult['body'] };
}

/** POSTs one operation straight to a subgraph, signed as the gateway would sign it for `identity`. */
export function postSigned(url: string, query: string, variables: Record<string, unknown>, identity: Identity, secret: string): Promise<GraphQLResult> {
  const body = JSON.stringify({ query, variables });
  return postBody(url, body, gatewaySigned(url, body, identity, secret));
}
