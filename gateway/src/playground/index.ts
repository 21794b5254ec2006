import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { HttpRoute } from '@azg/core/server';
import type { Identity } from '@azg/core/identity';
import type { DocumentNode, GraphQLError } from 'graphql';
import {
  loadManifestFor, MANIFEST_FORMAT, type ManifestSource, type OperationManifest, persistedOperationsPlugin, safelistRefusal, type PersistedOperationsConfig,
} from '../persisted-operations';
import type { PlaygroundConfig } from './config';
import { createPlayground } from './playground';

export { readPlaygroundConfig, type PlaygroundConfig } from './config';
export { readPersistedOperationsConfig, type PersistedOperationsConfig } from '../persisted-operations';

export interface ExplorerOptions {
  /** The playground; without it (or with it disabled) a browser's GET gets no landing page. */
  playground?: PlaygroundConfig;
  /** The example operations' manifest, and whether it is a safelist. */
  persistedOperations?: PersistedOperationsConfig;
  /**
   * The manifest in force, when it can change while the gateway runs (OPERATION_MANIFEST_SOURCE=redis:
   * see shared-state/published-manifest.ts); the manifest file, read once, when not given.
   */
  currentManifest?: () => OperationManifest | null;
}

/** Nothing allowed: what a followed manifest is before anything was published or read. */
const NO_OPERATIONS: OperationManifest = { format: MANIFEST_FORMAT, version: 1, operations: [] };

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
  const { currentManifest } = options;
  // The playground's examples and the metrics' operation names come from the manifest at start;
  // the safelist and hash lookups, from the one in force at each request.
  const manifest = currentManifest ? currentManifest() : options.persistedOperations ? loadManifestFor(options.persistedOperations) : null;
  const current: ManifestSource | null = currentManifest ? () => currentManifest() ?? NO_OPERATIONS : manifest && (() => manifest);
  const plugins: ExplorerWiring['plugins'] = [];
  const routes: HttpRoute[] = [];
  if (current && options.persistedOperations) {
    plugins.push(persistedOperationsPlugin(current, { safelist: options.persistedOperations.safelist }));
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
    refuseOperation: current && options.persistedOperations?.safelist ? safelistRefusal(current) : null,
  };
}
