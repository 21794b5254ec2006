import type { DataSource } from 'typeorm';
import type { Identity } from '@azg/core/identity';
import { detachedRequestInfo, type SubgraphContext, type SubgraphDependencies, type SubgraphServer } from '@azg/core/server';

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
