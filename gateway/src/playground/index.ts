import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { HttpRoute } from '@azg/core/server';
import type { Identity } from '@azg/core/identity';
import type { DocumentNode, GraphQLError } from 'graphql';
import { loadManifestFor, persistedOperationsPlugin, safelistRefusal, type PersistedOperationsConfig } from '../persisted-operations';
import type { PlaygroundConfig } from './config';
import { createPlayground } from './playground';

export { readPlaygroundConfig, type PlaygroundConfig } from './config';
export { readPersistedOperationsConfig, type PersistedOperationsConfig } from '../persisted-operations';

export interface ExplorerOptions {
  /** The playground; without it (or with it disabled) a browser's GET gets no landing page. */
  playground?: PlaygroundConfig;
  /** The example operations' manifest, and whether it is a safelist. */
  persistedOperations?: PersistedOperationsConfig;
}

export interface ExplorerWiring {
  /** Apollo Server plugins: the landing page and the persisted operations. */
  plugins: Array<ApolloServerPlugin<BaseContext>>;
  /** HTTP routes tried before GraphQL: the playground's files. */
  routes: HttpRoute[];
  /** The names of the manifest's operations: the only names the metrics label by (none without a manifest). */
  operationNames: ReadonlySet<string>;
  /** In safelist mode, refuses an operation that bypasses Apollo (a subscription) as the plugin would; null otherwise. */
  refuseOperation: ((document: DocumentNode, identity: Identity) => GraphQLError | null) | null;
}

/**
 * What the gateway adds for people exploring the graph and for clients of persisted
 * operations, as plugins and routes that `createGateway` hands to Apollo and the HTTP front.
 */
export function explorerWiring(options: ExplorerOptions, supergraphSdl: string): ExplorerWiring {
  const manifest = options.persistedOperations ? loadManifestFor(options.persistedOperations) : null;
  const plugins: ExplorerWiring['plugins'] = [];
  const routes: HttpRoute[] = [];
  if (manifest && options.persistedOperations) {
    plugins.push(persistedOperationsPlugin(manifest, { safelist: options.persistedOperations.safelist }));
  }
  if (options.playground?.enabled) {
    const playground = createPlayground(options.playground, supergraphSdl, manifest);
    plugins.push(playground.landingPage);
    routes.push(playground.route);
  } else {
    // Apollo's own landing pages name Apollo Server and its version, in production too.
    plugins.push(ApolloServerPluginLandingPageDisabled());
  }
  return {
    plugins,
    routes,
    operationNames: new Set(manifest?.operations.map((operation) => operation.name)),
    refuseOperation: manifest && options.persistedOperations?.safelist ? safelistRefusal(manifest) : null,
  };
}
