import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { quietObservability, type Logger } from '@azg/core/observability';
import { createGraphQLHttpHandler, createSubgraphServer, readServerSettings, type ServerSettings, type SubgraphContext } from '@azg/core/server';
import { GraphQLError, GraphQLScalarType, Kind, parse } from 'graphql';

/**
 * Two small subgraphs behind real HTTP servers, for gateway tests that need no database:
 * `nodes` owns `Node` (a tree: `child`), a few scalars at the root, `boom`, which fails, and
 * `echo`, whose argument only the subgraph can check, `rename`, a mutation that changes what
 * `node` answers, and `fresh` and `mine`, which hint maxAge 0 and private scope; `details` adds
 * `Node.detail` and `Node.more`, so an operation can cross subgraphs as often as a test likes.
 * Each answer can be delayed, each server counts the TCP connections it accepted, and each
 * records the headers of what it was sent.
 */
const nodesSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  scalar Even
  type Query { node: Node nodes: [Node!]! boom: Int echo(value: Even!): Int a: Int b: Int c: Int d: Int e: Int f: Int g: Int h: Int i: Int j: Int k: Int fresh: Int mine: Int }
  type Mutation { rename(name: String!): Node }
  type Node @key(fields: "id") { id: ID! name: String child: Node after: Node }
`;
const detailsSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Node @key(fields: "id") { id: ID! detail: String more: Node }
`;

export type FakeSubgraphName = 'nodes' | 'details';

export interface FakeSubgraph {
  url: string;
  /** TCP connections accepted so far. */
  connections: number;
  /** The headers of every request, in arrival order. */
  requests: http.IncomingHttpHeaders[];
  /** Makes every resolver of this subgraph wait this long. */
  delayMs: number;
  close(): Promise<void>;
}

export interface FakeSubgraphs {
  nodes: FakeSubgraph;
  details: FakeSubgraph;
  supergraphSdl: string;
  close(): Promise<void>;
}

/** Stands in for a TypeORM DataSource: the subgraph server only calls `query`, and reads its migrations for readiness. */
const fakeDataSource = { query: async () => [], migrations: [] } as unknown as Parameters<typeof createSubgraphServer>[0]['dataSource'];

/** Names set by the `rename` mutation, by node id. */
const renamed = new Map<string, string>();
const node = (id: string) => ({ id, name: renamed.get(id) ?? `Node ${id}` });
type HintInfo = { cacheControl: { setCacheHint(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void } };

/** A scalar only the subgraph can check (the gateway sees just its name): even whole numbers. */
const Even = new GraphQLScalarType({
  name: 'Even',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'number' || value % 2 !== 0) throw new GraphQLError(`Even cannot represent ${JSON.stringify(value)}`);
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT || Number(ast.value) % 2 !== 0) throw new GraphQLError('Even cannot represent an odd or non-integer literal');
    return Number(ast.value);
  },
});

/** `logger`: where both subgraphs log (each line names its service as `subgraph`); nowhere when not given. */
export async function startFakeSubgraphs(settings: ServerSettings = readServerSettings({}), logger?: Logger): Promise<FakeSubgraphs> {
  const timers = new Set<NodeJS.Timeout>();
  const subgraphs = {} as Record<FakeSubgraphName, FakeSubgraph>;
  const delay = async (name: FakeSubgraphName) => {
    const ms = subgraphs[name].delayMs;
    if (ms > 0) await new Promise((resolve) => timers.add(setTimeout(resolve, ms)));
  };
  const resolvers = {
    nodes: {
      Even,
      Query: Object.fromEntries([
        ['echo', (_: unknown, args: { value: number }) => args.value],
        ['node', async () => (await delay('nodes'), node('n1'))],
        ['nodes', async () => (await delay('nodes'), [node('n1'), node('n2')])],
        // A bug, or a database message, that must never reach a client as it is.
        ['boom', () => {
          throw new Error('relation "nodes.node" does not exist (10.0.0.7:5432)');
        }],
        ...'abcdefghijk'.split('').map((letter, index) => [letter, () => index]),
        ['fresh', (_: unknown, __: unknown, ___: unknown, info: HintInfo) => (info.cacheControl.setCacheHint({ maxAge: 0 }), 1)],
        ['mine', (_: unknown, __: unknown, ___: unknown, info: HintInfo) => (info.cacheControl.setCacheHint({ scope: 'PRIVATE' }), 2)],
      ]),
      Mutation: {
        rename: (_: unknown, args: { name: string }) => (renamed.set('n1', args.name), node('n1')),
      },
      Node: {
        __resolveReference: async (reference: { id: string }) => (await delay('nodes'), node(reference.id)),
        child: (parent: { id: string }) => node(`${parent.id}.c`),
        after: async (parent: { id: string }) => (await delay('nodes'), node(`${parent.id}.a`)),
      },
    },
    details: {
      Node: {
        __resolveReference: (reference: { id: string }) => reference,
        detail: async (parent: { id: string }) => (await delay('details'), `detail of ${parent.id}`),
        more: async (parent: { id: string }) => (await delay('details'), { id: `${parent.id}.m` }),
      },
    },
  };

  const start = async (name: FakeSubgraphName, sdl: string): Promise<FakeSubgraph> => {
    const server = createSubgraphServer<SubgraphContext>({
      schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers[name] as never }),
      dataSource: fakeDataSource,
      settings,
      createContext: (base) => base,
      // Some fake resolvers hint their own maxAge and scope.
      dynamicCacheHints: true,
    });
    await server.apollo.start();
    const quiet = quietObservability(name);
    const observability = logger ? { ...quiet, logger: logger.child({ subgraph: name }) } : quiet;
    const handler = createGraphQLHttpHandler({
      server: server.apollo, context: server.createContext, health: { ready: server.ready }, observability, requestTimeoutMs: settings.requestTimeoutMs,
    });
    const fake = { connections: 0, requests: [] as http.IncomingHttpHeaders[], delayMs: 0 } as FakeSubgraph;
    const httpServer = http.createServer((request, response) => {
      fake.requests.push(request.headers);
      void handler(request, response);
    });
    httpServer.on('connection', () => {
      fake.connections += 1;
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/`;
    fake.close = async () => {
      httpServer.closeAllConnections();
      await new Promise((resolve) => httpServer.close(resolve));
      await server.apollo.stop();
    };
    return fake;
  };

  subgraphs.nodes = await start('nodes', nodesSdl);
  subgraphs.details = await start('details', detailsSdl);
  const composition = composeServices([
    { name: 'nodes', url: subgraphs.nodes.url, typeDefs: parse(nodesSdl) },
    { name: 'details', url: subgraphs.details.url, typeDefs: parse(detailsSdl) },
  ]);
  if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join('\n'));
  renamed.clear();
  return {
    ...subgraphs,
    supergraphSdl: composition.supergraphSdl,
    async close() {
      // A delayed answer never comes once its timer is cleared: the servers close without waiting for it.
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([subgraphs.nodes.close(), subgraphs.details.close()]);
    },
  };
}
